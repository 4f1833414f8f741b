/** 03:40 nightly: delete expired login sessions (an expired row is otherwise only ignored when read). */
import type { JobDefinition } from './job.js';

export function sessionPurgeJob(sessions: { prune(): Promise<number> }): JobDefinition {
  return {
    name: 'session-purge',
    schedule: '40 3 * * *',
    catchUp: false,
    description: 'Delete expired login sessions',
    async run({ dryRun }) {
      return dryRun ? { dryRun: true } : { purged: await sessions.prune() };
    },
  };
}
