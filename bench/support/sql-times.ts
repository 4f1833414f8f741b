/**
 * Time spent in each SQL statement on SQLite (BENCH_SQL_TIMES=1): wraps
 * better-sqlite3's Statement methods for the whole process, so it is for
 * benchmarks only. `reset()` starts the count afresh (the measured phase);
 * `report()` gives the statements by total time.
 */
import { createRequire } from 'node:module';

interface Tally {
  n: number;
  ns: bigint;
}

const tallies = new Map<string, Tally>();

export function timeSqlStatements(): void {
  const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => { prepare(sql: string): object; close(): void };
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = proto[method];
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const started = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 110);
        const t = tallies.get(key) ?? { n: 0, ns: 0n };
        t.n++;
        t.ns += process.hrtime.bigint() - started;
        tallies.set(key, t);
      }
    };
  }
}

export function resetSqlTimes(): void {
  tallies.clear();
}

export function sqlTimesReport(top = 15): string {
  let total = 0n;
  for (const t of tallies.values()) total += t.ns;
  const lines = [...tallies]
    .sort((a, b) => Number(b[1].ns - a[1].ns))
    .slice(0, top)
    .map(([sql, t]) => `${(Number(t.ns) / 1e6).toFixed(0).padStart(6)} ms ${String(t.n).padStart(6)}x ${(Number(t.ns) / 1e3 / t.n).toFixed(1).padStart(6)} µs  ${sql}`);
  return [`SQL statements in the measured phase: ${(Number(total) / 1e6).toFixed(0)} ms in all`, ...lines].join('\n');
}
