/** 06:00 every day: plan every crew's day (a draft for the dispatcher, or published when the `planner` setting says autoPublish). */
import type { PlannerService } from '../scheduling/planner.service.js';
import type { JobDefinition } from './job.js';

export function planDayJob(planner: Pick<PlannerService, 'planScheduledDay'>): JobDefinition {
  return {
    name: 'plan-day',
    schedule: '0 6 * * *',
    catchUp: true,
    description: "Plan every crew's day (draft, or auto-publish per the planner setting)",
    run: ({ now, dryRun }) => planner.planScheduledDay(now, dryRun),
  };
}
