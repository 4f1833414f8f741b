/**
 * express-session store on our own database (connect-typeorm is stale), so
 * sessions survive restarts and are shared by every instance.
 */
import session from 'express-session';
import type { Clock } from '../platform/clock.js';
import type { SessionRepository } from './session.repository.js';

/** A rolling session's stored expiry is moved only when it would move by more than this: a write per request is not worth a minute. */
const TOUCH_GRANULARITY_MS = 60_000;
/** Sessions whose stored expiry this instance remembers (a bound, not a cache policy: forgetting only costs a write). */
const REMEMBERED_SESSIONS = 10_000;

export class DatabaseSessionStore extends session.Store {
  /** sid → the expiry this instance last read or wrote for it (ms). */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    private readonly repo: SessionRepository,
    private readonly clock: Clock,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  private remember(sid: string, expiresAt: string): void {
    if (this.storedExpiry.size >= REMEMBERED_SESSIONS && !this.storedExpiry.has(sid)) this.storedExpiry.clear();
    this.storedExpiry.set(sid, Date.parse(expiresAt));
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(this.clock.now().getTime() + this.defaultTtlMs);
    return expires.toISOString();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo
      .findBySid(sid)
      .then((row) => {
        if (!row || row.expiresAt <= this.clock.now().toISOString()) return cb(null, null);
        this.remember(sid, row.expiresAt);
        cb(null, JSON.parse(row.data));
      })
      .catch(cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expiresAt = this.expiry(sess);
    this.remember(sid, expiresAt);
    this.repo
      .upsert({ sid, data: JSON.stringify(sess), expiresAt })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    const expiresAt = this.expiry(sess);
    // Every request of a logged-in user touches its session; a write (and on SQLite an fsync) each time would cost
    // the board's requests more than their queries, so the expiry moves in steps of a minute.
    const known = this.storedExpiry.get(sid);
    if (known !== undefined && Date.parse(expiresAt) - known < TOUCH_GRANULARITY_MS) {
      cb?.();
      return;
    }
    this.remember(sid, expiresAt);
    this.repo
      .setExpiry(sid, expiresAt)
      .then(() => cb?.())
      .catch(() => cb?.());
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    this.repo
      .delete(sid)
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  /** Deletes expired sessions, returning how many (an expired row is otherwise only ignored by `get`). */
  async prune(): Promise<number> {
    return this.repo.deleteExpiredBefore(this.clock.now().toISOString());
  }
}
