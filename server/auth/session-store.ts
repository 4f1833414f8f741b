/**
 * express-session store on our own database (connect-typeorm is stale), so
 * sessions survive restarts and are shared by every instance.
 */
import session from 'express-session';
import { LessThan } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { Clock } from '../platform/clock.js';
import { SessionEntity } from './session.entity.js';

export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  private get repo() {
    return this.db.manager.getRepository(SessionEntity);
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(this.clock.now().getTime() + this.defaultTtlMs);
    return expires.toISOString();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo
      .findOneBy({ sid })
      .then((row) => {
        if (!row || row.expiresAt <= this.clock.now().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data));
      })
      .catch(cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.repo
      .upsert({ sid, data: JSON.stringify(sess), expiresAt: this.expiry(sess) }, ['sid'])
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    this.repo
      .update({ sid }, { expiresAt: this.expiry(sess) })
      .then(() => cb?.())
      .catch(() => cb?.());
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.repo
      .delete({ sid })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  /** Called by the housekeeping job. */
  async prune(): Promise<number> {
    const r = await this.repo.delete({ expiresAt: LessThan(this.clock.now().toISOString()) });
    return r.affected ?? 0;
  }
}
