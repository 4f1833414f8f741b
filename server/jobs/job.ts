/**
 * What a scheduled job is: a cron expression and a `run` that calls one
 * service method (each job file is a factory taking that service). The same
 * `run` is called by the scheduler, by start-up catch-up and by hand
 * (`npm run job -- <name> [--now ISO] [--dry-run]`), so a job is tested by
 * calling it at a fixed `now`.
 */

export interface JobRunContext {
  /** The time the job should consider "now" (the clock's time, or --now). */
  now: Date;
  /** The claimed slot (scheduled minute, ISO UTC); the manual slot for hand runs. */
  slot: string;
  /** Compute and report, change nothing. */
  dryRun: boolean;
}

export type JobSummary = Record<string, unknown>;

export interface JobDefinition {
  /** Stable name: the CLI argument and half of the job_run claim key. */
  name: string;
  /** Cron expression (5 fields), evaluated in Europe/London (config.timeZone). */
  schedule: string;
  /** At start-up, run the most recent scheduled slot in the last 24 h if no instance ran it. */
  catchUp: boolean;
  description: string;
  run(ctx: JobRunContext): Promise<JobSummary>;
}
