/** 03:30 nightly: forget stored answers to Idempotency-Keys past their retention (the rule is the service's). */
import { IDEMPOTENCY_RETENTION_DAYS, type IdempotencyService } from '../idempotency/idempotency.service.js';
import type { JobDefinition } from './job.js';

export function idempotencyPurgeJob(idempotency: Pick<IdempotencyService, 'purgeExpired'>): JobDefinition {
  return {
    name: 'idempotency-purge',
    schedule: '30 3 * * *',
    // A missed night costs nothing: the next run removes the same rows.
    catchUp: false,
    description: `Forget Idempotency-Key answers older than ${IDEMPOTENCY_RETENTION_DAYS} days`,
    run: ({ now, dryRun }) => idempotency.purgeExpired(now, dryRun),
  };
}
