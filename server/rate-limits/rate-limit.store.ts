/**
 * A store for express-rate-limit on the shared database, so several instances
 * count one client's requests together (a client cannot multiply its limit by
 * the number of instances). A hit is an upsert that starts a new window when
 * the old one has ended and returns the count. Expired windows are deleted now
 * and then. One process on SQLite keeps express-rate-limit's own memory store;
 * this is for PostgreSQL. (The maintained PostgreSQL store,
 * @acpr/rate-limit-postgresql, pins pg 8.11 and runs migrations of its own in
 * a schema of its own; one table here is less.)
 *
 * Hits are coalesced: those arriving in one turn of the event loop, or while
 * the previous upsert is in flight, go in one statement that adds n to each
 * key (one round trip and one commit, not one per request; every request of
 * a busy client would otherwise queue on its row's lock). The i-th of n hits
 * on a key gets (total − n + i), so each caller still sees its own exact
 * count. Keys are upserted in sorted order, so two instances' statements lock
 * rows in the same order and cannot deadlock; the purge skips locked rows.
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../../db/data-source.js';

interface PendingHit {
  resolve: (info: ClientRateLimitInfo) => void;
  reject: (err: unknown) => void;
}

export class DatabaseRateLimitStore implements Store {
  /** Counts are shared with other processes. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private calls = 0;
  /** Hits waiting for the next upsert, by stored key, in arrival order. */
  private pending = new Map<string, PendingHit[]>();
  /** The running flush (it writes until nothing is pending), or null. */
  private flushing: Promise<void> | null = null;
  /** Hits counted and statements that counted them, so a benchmark can report hits per statement. */
  readonly hitStats = { hits: 0, statements: 0 };

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

  increment(key: string): Promise<ClientRateLimitInfo> {
    return new Promise((resolve, reject) => {
      const stored = this.key(key);
      const waiting = this.pending.get(stored);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(stored, [{ resolve, reject }]);
      // setImmediate: the hits of this turn of the event loop join the first statement.
      this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      // Sorted: every statement locks rows in the same order (see the header). One row per key: PostgreSQL refuses to upsert a row twice in one statement.
      const keys = [...batch.keys()].sort();
      const now = this.now();
      const nowIso = now.toISOString();
      try {
        const rows: { limit_key: string; hits: number | string; reset_at: string }[] = await this.db.dataSource.query(
          `INSERT INTO rate_limit_hit (limit_key, hits, reset_at)
           SELECT t.limit_key, t.n, $3::text FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(limit_key, n, i) ORDER BY t.i
           ON CONFLICT (limit_key) DO UPDATE SET
             hits = CASE WHEN rate_limit_hit.reset_at <= $4 THEN excluded.hits ELSE rate_limit_hit.hits + excluded.hits END,
             reset_at = CASE WHEN rate_limit_hit.reset_at <= $4 THEN excluded.reset_at ELSE rate_limit_hit.reset_at END
           RETURNING limit_key, hits, reset_at`,
          [keys, keys.map((k) => batch.get(k)!.length), new Date(now.getTime() + this.windowMs).toISOString(), nowIso],
        );
        this.hitStats.statements += 1;
        const byKey = new Map(rows.map((r) => [r.limit_key, r]));
        for (const [key, callers] of batch) {
          const row = byKey.get(key);
          if (!row) {
            for (const c of callers) c.reject(new Error(`rate limit key ${JSON.stringify(key)} was not counted`));
            continue;
          }
          const first = Number(row.hits) - callers.length;
          callers.forEach((c, i) => c.resolve({ totalHits: first + i + 1, resetTime: new Date(row.reset_at) }));
          this.hitStats.hits += callers.length;
          this.calls += callers.length;
        }
      } catch (err) {
        for (const callers of batch.values()) for (const c of callers) c.reject(err);
      }
      if (this.calls >= 1000) {
        this.calls = 0;
        void this.purge(nowIso).catch(() => undefined);
      }
    }
    this.flushing = null;
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
    // SKIP LOCKED: a row an upsert holds is left for next time rather than waited on (no lock cycle with a many-key upsert).
    await this.db.dataSource.query(
      'DELETE FROM rate_limit_hit WHERE limit_key IN (SELECT limit_key FROM rate_limit_hit WHERE reset_at <= $1 FOR UPDATE SKIP LOCKED)',
      [nowIso],
    );
  }
}
