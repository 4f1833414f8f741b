/**
 * express-session store on our own database (connect-typeorm is stale), so
 * sessions survive restarts and are shared by every instance.
 */
import session from 'express-session';
import type { Clock } from '../platform/clock.js';
import type { SessionRepository } from './session.repository.js';

export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly repo: SessionRepository,
    private readonly clock: Clock,
    private readonly defaultTtlMs: number,
  ) {
    super();
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
        cb(null, JSON.parse(row.data));
      })
      .catch(cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.repo
      .upsert({ sid, data: JSON.stringify(sess), expiresAt: this.expiry(sess) })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    this.repo
      .setExpiry(sid, this.expiry(sess))
      .then(() => cb?.())
      .catch(() => cb?.());
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
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
