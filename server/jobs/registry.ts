/**
 * Every scheduled job, in one list. The scheduler, start-up catch-up and the
 * `npm run job` command all read it; add a job here (one line) to schedule it.
 */
import { idempotencyPurgeJob } from '../idempotency/idempotency-purge.job.js';
import { deadlineWatchJob } from './deadline-watch.job.js';
import { hotspotDetectionJob } from './hotspot-detection.job.js';
import type { JobDefinition, JobRunContext, JobSummary } from './job.js';
import { planDayJob } from './plan-day.job.js';
import { recurringSweepsJob } from './recurring-sweeps.job.js';
import { urgentInsertJob } from './urgent-insert.job.js';
import { weeklyReportRetriesJob } from './weekly-report-retries.job.js';
import { weeklyWardReportsJob } from './weekly-ward-reports.job.js';
import type { WeeklyReportService } from '../weekly-reports/weekly-report.service.js';

/** A job built from its service, run by a runner that hands every job the services. */
function fromService(make: (s: WeeklyReportService) => Omit<JobDefinition, 'run'> & { run(ctx: JobRunContext): Promise<JobSummary> }): JobDefinition {
  const { run: _run, ...meta } = make(undefined as never);
  return { ...meta, run: (deps, ctx) => make(deps.weeklyReports).run(ctx) };
}

export const JOBS: readonly JobDefinition[] = [planDayJob, urgentInsertJob, deadlineWatchJob, recurringSweepsJob, hotspotDetectionJob, fromService(weeklyWardReportsJob), fromService(weeklyReportRetriesJob), idempotencyPurgeJob];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
