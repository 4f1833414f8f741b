/**
 * Human references (KB-26-000123 for requests, WO-26-000123 for work orders):
 * one counter row per series and year, bumped with an upsert inside the
 * caller's transaction. A batch of reports instead reads its counters (locked)
 * with its other reads and writes them back with its rows (ReferenceCounters).
 * On PostgreSQL the row lock makes concurrent allocations wait for each other;
 * on SQLite transactions are serial anyway.
 */
import type { EntityManager } from 'typeorm';
import { rawQuery } from '../../db/raw-query.js';
import type { InsertPlan } from '../../db/row-sql.js';
import { localParts } from '../sla/local-time.js';

export type ReferenceSeries = 'KB' | 'WO';

/** A series' counter for the council's year of `now` ("WO-26"), and the n-th reference of it ("WO-26-000123"). */
function counterOf(series: ReferenceSeries, now: Date, timeZone: string): string {
  return `${series}-${localParts(now, timeZone).date.slice(2, 4)}`;
}
function referenceOf(counter: string, n: number): string {
  return `${counter}-${String(n).padStart(6, '0')}`;
}

/** `count` consecutive references of one series, in order, from one upsert. */
export async function allocateReferences(em: EntityManager, series: ReferenceSeries, count: number, now: Date, timeZone: string): Promise<string[]> {
  if (count <= 0) return [];
  const counter = counterOf(series, now, timeZone);
  const postgres = em.connection.options.type === 'postgres';
  const [row] = await rawQuery<{ value: number | string }>(
    em,
    `INSERT INTO reference_counter (series, value) VALUES ${postgres ? '($1, $2::integer)' : '(?, ?)'} ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + excluded.value RETURNING value`,
    [counter, count],
  );
  const last = Number(row!.value);
  return Array.from({ length: count }, (_, i) => referenceOf(counter, last - count + 1 + i));
}

/** Numbers handed out from counters locked for a batch, and the counters' update for its writes. */
export interface ReferenceBlocks {
  take(series: ReferenceSeries, count: number): string[];
  writeInto(plan: InsertPlan): void;
}

/**
 * The counters a batch takes its numbers from, read at the start of its transaction (on PostgreSQL locked
 * until it ends, so no other writer takes the same numbers) in the round trip of the batch's other reads,
 * then handed out in blocks (`take`) once the batch knows how many it needs; `writeInto` adds the
 * counters' update to the batch's InsertPlan, so it costs no statement of its own.
 */
export class ReferenceCounters implements ReferenceBlocks {
  private readonly taken = new Map<ReferenceSeries, number>();

  private constructor(private readonly counters: Map<ReferenceSeries, { counter: string; value: number }>) {}

  /** Counter rows known to exist, by database (tests open many in one process). */
  private static readonly known = new WeakMap<object, Set<string>>();

  static async lock(em: EntityManager, series: ReferenceSeries[], now: Date, timeZone: string): Promise<ReferenceCounters> {
    const postgres = em.connection.options.type === 'postgres';
    let known = ReferenceCounters.known.get(em.connection);
    if (!known) ReferenceCounters.known.set(em.connection, (known = new Set()));
    // Sorted, so two batches never wait for each other's rows crosswise.
    const names = [...new Set(series)].sort().map((s) => counterOf(s, now, timeZone));
    const marks = (n: number, each: (mark: string) => string) => Array.from({ length: n }, (_, i) => each(postgres ? `$${i + 1}` : '?')).join(', ');
    // A counter is created at 0 the first time it is used (a new year's series).
    const create = (missing: string[], pipelined: boolean) =>
      rawQuery(em, `INSERT INTO reference_counter (series, value) VALUES ${marks(missing.length, (m) => `(${m}, 0)`)} ON CONFLICT (series) DO NOTHING`, missing, { pipelined });
    const read = () =>
      rawQuery<{ series: string; value: number | string }>(
        em,
        `SELECT series, value FROM reference_counter WHERE series IN (${marks(names.length, (m) => m)}) ORDER BY series${postgres ? ' FOR UPDATE' : ''}`,
        names,
        { pipelined: true },
      );
    const unknown = names.filter((n) => !known.has(n));
    let [, rows] = await Promise.all([unknown.length ? create(unknown, true) : null, read()]);
    if (rows.length < names.length) {
      // Known here but not in this database (a database made again under a running process).
      await create(names, false);
      rows = await read();
    }
    const counters = new Map<ReferenceSeries, { counter: string; value: number }>();
    for (const r of rows) {
      known.add(r.series);
      counters.set(r.series.slice(0, r.series.indexOf('-')) as ReferenceSeries, { counter: r.series, value: Number(r.value) });
    }
    return new ReferenceCounters(counters);
  }

  take(series: ReferenceSeries, count: number): string[] {
    const locked = this.counters.get(series);
    if (!locked) throw new Error(`the ${series} counter was not locked for this batch`);
    const before = this.taken.get(series) ?? 0;
    this.taken.set(series, before + count);
    return Array.from({ length: count }, (_, i) => referenceOf(locked.counter, locked.value + before + i + 1));
  }

  writeInto(plan: InsertPlan): void {
    for (const [series, n] of this.taken) {
      if (n <= 0) continue;
      const { counter, value } = this.counters.get(series)!;
      plan.addSql((param) => `UPDATE reference_counter SET value = ${param(value + n)} WHERE series = ${param(counter)}`);
    }
  }
}
