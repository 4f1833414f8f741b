/** Every 10 minutes: new urgent jobs nobody has placed yet go into the running route of the nearest on-duty crew with the skill (the rules are PlannerService's). */
import type { PlannerService } from '../scheduling/planner.service.js';
import type { JobDefinition } from './job.js';

export function urgentInsertJob(planner: Pick<PlannerService, 'insertUrgentJobs'>): JobDefinition {
  return {
    name: 'urgent-insert',
    schedule: '*/10 * * * *',
    catchUp: false,
    description: 'Put new urgent jobs into the running route of the nearest crew with the skill and notify it',
    run: ({ now, dryRun }) => planner.insertUrgentJobs(now, dryRun),
  };
}
