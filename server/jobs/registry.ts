/**
 * Every scheduled job, in one list. The scheduler, start-up catch-up and the
 * `npm run job` command all read it; add a job here (one line) to schedule it.
 */
import { weeklyReportRetriesJob, weeklyWardReportsJob } from '../../reports/weekly/job.js';
import { idempotencyPurgeJob } from '../idempotency/idempotency-purge.job.js';
import { deadlineWatchJob } from './deadline-watch.job.js';
import { hotspotDetectionJob } from './hotspot-detection.job.js';
import type { JobDefinition } from './job.js';
import { planDayJob } from './plan-day.job.js';
import { recurringSweepsJob } from './recurring-sweeps.job.js';
import { urgentInsertJob } from './urgent-insert.job.js';

export const JOBS: readonly JobDefinition[] = [planDayJob, urgentInsertJob, deadlineWatchJob, recurringSweepsJob, hotspotDetectionJob, weeklyWardReportsJob, weeklyReportRetriesJob, idempotencyPurgeJob];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
