import { In, LessThan, type Repository } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';
import { LoginThrottleEntity, type LoginThrottleRow } from './login-throttle.entity.js';

/** One statement per failed login and key, atomic on both databases: concurrent failures are all counted. */
const RECORD_FAILURE = `INSERT INTO login_throttle (throttle_key, failures, window_start, last_failure_at, notified_at)
VALUES (?, 1, ?, ?, NULL)
ON CONFLICT (throttle_key) DO UPDATE SET
  failures = CASE WHEN login_throttle.last_failure_at < ? THEN 1 ELSE login_throttle.failures + 1 END,
  window_start = CASE WHEN login_throttle.last_failure_at < ? THEN excluded.window_start ELSE login_throttle.window_start END,
  last_failure_at = excluded.last_failure_at
RETURNING throttle_key, failures, window_start, last_failure_at, notified_at`;

function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export class LoginThrottleRepository {
  private readonly recordFailureSql: string;

  constructor(private readonly db: Database) {
    this.recordFailureSql = db.dialect === 'postgres' ? numbered(RECORD_FAILURE) : RECORD_FAILURE;
  }

  private get repo(): Repository<LoginThrottleRow> {
    return this.db.manager.getRepository(LoginThrottleEntity);
  }

  async find(keys: string[]): Promise<LoginThrottleRow[]> {
    return keys.length ? this.repo.findBy({ throttleKey: In(keys) }) : [];
  }

  /** Counts one failure; a run of failures that ended before `quietSince` starts again at one. */
  async recordFailure(key: string, now: string, quietSince: string): Promise<LoginThrottleRow> {
    const [row] = await rawQuery<{ throttle_key: string; failures: number | string; window_start: string; last_failure_at: string; notified_at: string | null }>(
      this.db.manager,
      this.recordFailureSql,
      [key, now, now, quietSince, quietSince],
    );
    return { throttleKey: row!.throttle_key, failures: Number(row!.failures), windowStart: row!.window_start, lastFailureAt: row!.last_failure_at, notifiedAt: row!.notified_at };
  }

  /** Marks the key's current run as notified; true for the one caller that did it (so one email per run). */
  async claimNotification(key: string, now: string): Promise<boolean> {
    const r = await this.repo
      .createQueryBuilder()
      .update()
      .set({ notifiedAt: now })
      .where('throttle_key = :key', { key })
      .andWhere('(notified_at IS NULL OR notified_at < window_start)')
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async clear(key: string): Promise<void> {
    await this.repo.delete({ throttleKey: key });
  }

  /** Forgets runs that ended before `before`. */
  async prune(before: string): Promise<number> {
    const r = await this.repo.delete({ lastFailureAt: LessThan(before) });
    return r.affected ?? 0;
  }
}
