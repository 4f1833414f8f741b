/**
 * 03:30 nightly: forget stored answers to Idempotency-Keys older than a week.
 * A tablet replays its queue when it regains signal, within hours or at worst
 * days (a tablet left in a locker over a long weekend); a week covers that
 * with room, and keeps the table from growing with every crew step forever.
 */
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { JobDefinition } from './job.js';

const IDEMPOTENCY_RETENTION_DAYS = 7;

export function idempotencyPurgeJob(idempotency: Pick<IdempotencyService, 'countBefore' | 'purgeBefore'>): JobDefinition {
  return {
    name: 'idempotency-purge',
    schedule: '30 3 * * *',
    // A missed night costs nothing: the next run removes the same rows.
    catchUp: false,
    description: `Forget Idempotency-Key answers older than ${IDEMPOTENCY_RETENTION_DAYS} days`,
    async run({ now, dryRun }) {
      const before = new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 24 * 3600_000).toISOString();
      const purged = dryRun ? await idempotency.countBefore(before) : await idempotency.purgeBefore(before);
      return { before, purged };
    },
  };
}
