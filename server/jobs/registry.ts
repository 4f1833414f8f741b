/**
 * Every scheduled job, in one list built from the services the jobs call.
 * The composition root builds it; the scheduler, start-up catch-up and the
 * `npm run job` command all read it. Add a job here (one line) to schedule it.
 */
import type { InspectionService } from '../inspections/inspection.service.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { PlannerService } from '../scheduling/planner.service.js';
import type { SweepService } from '../scheduling/sweep.service.js';
import type { DeadlineWatchService } from '../sla/deadline-watch.service.js';
import type { WeeklyReportService } from '../weekly-reports/weekly-report.service.js';
import { deadlineWatchJob } from './deadline-watch.job.js';
import { hotspotDetectionJob } from './hotspot-detection.job.js';
import { idempotencyPurgeJob } from './idempotency-purge.job.js';
import type { JobDefinition } from './job.js';
import { planDayJob } from './plan-day.job.js';
import { surveySamplingJob } from './survey-sampling.job.js';
import { recurringSweepsJob } from './recurring-sweeps.job.js';
import { sessionPurgeJob } from './session-purge.job.js';
import { urgentInsertJob } from './urgent-insert.job.js';
import { weeklyReportRetriesJob } from './weekly-report-retries.job.js';
import { weeklyWardReportsJob } from './weekly-ward-reports.job.js';

/** The services the jobs call. */
export interface JobServices {
  planner: PlannerService;
  deadlines: DeadlineWatchService;
  sweeps: SweepService;
  idempotency: IdempotencyService;
  weeklyReports: WeeklyReportService;
  sessions: { prune(): Promise<number> };
  inspections: InspectionService;
}

export function buildJobs(s: JobServices): JobDefinition[] {
  return [
    planDayJob(s.planner),
    urgentInsertJob(s.planner),
    deadlineWatchJob(s.deadlines),
    recurringSweepsJob(s.sweeps),
    hotspotDetectionJob(s.sweeps),
    weeklyWardReportsJob(s.weeklyReports),
    weeklyReportRetriesJob(s.weeklyReports),
    idempotencyPurgeJob(s.idempotency),
    sessionPurgeJob(s.sessions),
    surveySamplingJob(s.inspections),
  ];
}

export function findJob(jobs: readonly JobDefinition[], name: string): JobDefinition | undefined {
  return jobs.find((j) => j.name === name);
}
