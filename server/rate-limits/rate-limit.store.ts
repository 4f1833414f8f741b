/**
 * A store for express-rate-limit on the shared database, so several instances
 * count one client's requests together (a client cannot multiply its limit by
 * the number of instances). One statement a hit: an upsert that starts a new
 * window when the old one has ended and returns the count. Expired windows are
 * deleted now and then. One process on SQLite keeps express-rate-limit's own
 * memory store; this is for PostgreSQL. (The maintained PostgreSQL store,
 * @acpr/rate-limit-postgresql, pins pg 8.11 and runs migrations of its own in
 * a schema of its own; one table here is less.)
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../../db/data-source.js';

export class DatabaseRateLimitStore implements Store {
  /** Counts are shared with other processes. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private calls = 0;

  constructor(
    private readonly db: Pick<Database, 'dataSource'>,
    readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`.slice(0, 200);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const nowIso = now.toISOString();
    const resetIso = new Date(now.getTime() + this.windowMs).toISOString();
    const rows: { hits: number | string; reset_at: string }[] = await this.db.dataSource.query(
      `INSERT INTO rate_limit_hit (limit_key, hits, reset_at) VALUES ($1, 1, $2)
       ON CONFLICT (limit_key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hit.reset_at <= $3 THEN 1 ELSE rate_limit_hit.hits + 1 END,
         reset_at = CASE WHEN rate_limit_hit.reset_at <= $3 THEN $2 ELSE rate_limit_hit.reset_at END
       RETURNING hits, reset_at`,
      [this.key(key), resetIso, nowIso],
    );
    if (++this.calls % 1000 === 0) void this.purge(nowIso).catch(() => undefined);
    return { totalHits: Number(rows[0]!.hits), resetTime: new Date(rows[0]!.reset_at) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows: { hits: number | string; reset_at: string }[] = await this.db.dataSource.query('SELECT hits, reset_at FROM rate_limit_hit WHERE limit_key = $1 AND reset_at > $2', [
      this.key(key),
      this.now().toISOString(),
    ]);
    return rows[0] ? { totalHits: Number(rows[0].hits), resetTime: new Date(rows[0].reset_at) } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.db.dataSource.query('UPDATE rate_limit_hit SET hits = hits - 1 WHERE limit_key = $1 AND hits > 0', [this.key(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.dataSource.query('DELETE FROM rate_limit_hit WHERE limit_key = $1', [this.key(key)]);
  }

  private async purge(nowIso: string): Promise<void> {
    await this.db.dataSource.query('DELETE FROM rate_limit_hit WHERE reset_at <= $1', [nowIso]);
  }
}
