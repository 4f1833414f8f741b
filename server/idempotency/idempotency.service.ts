/**
 * Safe retries for a tablet that lost signal: the first answer to a request
 * carrying an Idempotency-Key is stored and replayed for every retry, so ten
 * sends of one completion are one completion.
 *
 * The key is claimed by inserting its row first (an in-progress marker), so two
 * identical requests racing each other cannot both do the work: the loser
 * waits for the winner's answer and replays it. The same key sent with a
 * different request is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError, UnprocessableError, ValidationError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { IdempotencyRecord } from './idempotency-record.entity.js';
import type { IdempotencyRepository } from './idempotency.repository.js';

/** How long an Idempotency-Key's answer is kept for replay. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** statusCode 0 marks a claim whose work has not finished; responseBody then holds the claimer's token. */
const IN_PROGRESS = 0;
const CLAIM_PREFIX = 'claim:';
/** A claim this old belongs to a process that died mid-request; the next retry takes it over. */
const STALE_CLAIM_MS = 2 * 60_000;
const WAIT_STEP_MS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseIdempotencyKey(header: unknown): string {
  if (header === undefined || header === '') {
    throw new ValidationError('This request needs an Idempotency-Key header (a UUID made when the button was tapped).', undefined, 'IDEMPOTENCY_KEY_REQUIRED');
  }
  if (typeof header !== 'string' || !UUID.test(header.trim())) {
    throw new ValidationError('The Idempotency-Key header must be a UUID.', undefined, 'IDEMPOTENCY_KEY_INVALID');
  }
  return header.trim().toLowerCase();
}

/** A digest of what makes two requests "the same": method, path and the content's own digests. */
export function requestFingerprint(parts: Record<string, string | null | undefined>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(parts).sort(([a], [b]) => a.localeCompare(b)))).digest('hex');
}

export class IdempotencyService {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly clock: Clock,
    /** How long a duplicate waits for the first request's answer before being told to retry. */
    private readonly waitLimitMs = 20_000,
  ) {}

  /**
   * Runs `work` once per (principal, key). Its answer, or the AppError it threw
   * rendered as `renderError` does, is stored and returned; a retry gets the
   * stored answer with `replayed: true`. Unexpected errors release the claim so
   * a retry can try again.
   */
  async run(
    scope: { key: string; principal: string; fingerprint: string },
    work: () => Promise<StoredAnswer>,
    renderError: (e: AppError) => StoredAnswer,
  ): Promise<StoredAnswer & { replayed: boolean }> {
    const deadline = Date.now() + this.waitLimitMs;
    for (;;) {
      const claim = await this.claim(scope);
      if ('answer' in claim) return { ...claim.answer, replayed: true };
      if (claim.token) return { ...(await this.perform(scope, claim.token, work, renderError)), replayed: false };
      if (Date.now() > deadline) {
        // 503, not the IETF draft's 409: clients (the crew tablet among them) retry a 503 and then get the stored answer.
        throw new AppError(503, 'IDEMPOTENCY_IN_PROGRESS', 'The same request is still being processed. Try again in a moment.', { retryAfterSeconds: 2 });
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  private async perform(
    scope: { key: string; principal: string },
    token: string,
    work: () => Promise<StoredAnswer>,
    renderError: (e: AppError) => StoredAnswer,
  ): Promise<StoredAnswer> {
    let answer: StoredAnswer;
    try {
      answer = await work();
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) {
        await this.records.deleteClaim(scope, IN_PROGRESS, token);
        throw e;
      }
      answer = renderError(e);
    }
    await this.records.storeAnswer(scope, token, answer.status, JSON.stringify(answer.body ?? null));
    return answer;
  }

  /** Inserts the claim, or reads whoever has it: our token (go), a finished answer (replay) or someone else's claim (wait). */
  private async claim(scope: { key: string; principal: string; fingerprint: string }): Promise<{ token: string | null } | { answer: StoredAnswer }> {
    const token = `${CLAIM_PREFIX}${randomUUID()}`;
    const now = this.clock.now().toISOString();
    const row: IdempotencyRecord = { key: scope.key, principal: scope.principal, requestHash: scope.fingerprint, statusCode: IN_PROGRESS, responseBody: token, createdAt: now };
    await this.records.insertIfAbsent(row);
    const current = await this.records.find(scope);
    if (!current) return { token: null }; // released by a failed first attempt between our insert and read: go round again
    if (current.requestHash !== scope.fingerprint) {
      throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request. Make a new key for a new action.');
    }
    if (current.statusCode !== IN_PROGRESS) return { answer: { status: current.statusCode, body: JSON.parse(current.responseBody) } };
    if (current.responseBody === token) return { token };
    if (Date.parse(now) - Date.parse(current.createdAt) > STALE_CLAIM_MS) {
      if (await this.records.replaceClaim(scope, IN_PROGRESS, current.responseBody, token, now)) return { token };
    }
    return { token: null };
  }

  /**
   * Forgets records made before `before` (ISO instant): a tablet retries within
   * hours or days, and a claim that old belongs to a long-dead process. For a
   * daily cron job; returns how many went.
   */
  purgeBefore(before: string): Promise<number> {
    return this.records.deleteCreatedBefore(before);
  }

  /** How many records purgeBefore would forget (for a dry run). */
  countBefore(before: string): Promise<number> {
    return this.records.countCreatedBefore(before);
  }

  /**
   * Forgets answers older than the retention period. A tablet replays its queue
   * when it regains signal, within hours or at worst days (a tablet left in a
   * locker over a long weekend); a week covers that with room.
   */
  async purgeExpired(now: Date, dryRun: boolean): Promise<{ before: string; purged: number }> {
    const before = new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 24 * 3600_000).toISOString();
    return { before, purged: dryRun ? await this.countBefore(before) : await this.purgeBefore(before) };
  }
}
