/**
 * Every scheduled job, in one list. The scheduler, start-up catch-up and the
 * `npm run job` command all read it; add a job here (one line) to schedule it.
 */
import type { JobDefinition } from './job.js';

export const JOBS: readonly JobDefinition[] = [];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
