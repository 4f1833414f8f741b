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

/** `count` consecutive references of one series, in order. */
export async function allocateReferences(em: EntityManager, series: ReferenceSeries, count: number, now: Date, timeZone: string): Promise<string[]> {
  return (await allocateReferenceBlocks(em, { [series]: count }, now, timeZone))[series] ?? [];
}

/** Blocks of consecutive references of several series in one statement (a batch of reports: its requests and its new work orders). */
export async function allocateReferenceBlocks(
  em: EntityManager,
  counts: Partial<Record<ReferenceSeries, number>>,
  now: Date,
  timeZone: string,
): Promise<Partial<Record<ReferenceSeries, string[]>>> {
  // Always in the same order, so two allocations never wait for each other's rows crosswise.
  const wanted = (Object.entries(counts) as [ReferenceSeries, number][]).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  if (!wanted.length) return {};
  const yy = localParts(now, timeZone).date.slice(2, 4);
  const postgres = em.connection.options.type === 'postgres';
  const values = wanted.map((_, i) => (postgres ? `($${2 * i + 1}, $${2 * i + 2}::integer)` : '(?, ?)')).join(', ');
  const rows = await rawQuery<{ series: string; value: number | string }>(
    em,
    `INSERT INTO reference_counter (series, value) VALUES ${values} ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + excluded.value RETURNING series, value`,
    wanted.flatMap(([series, n]) => [`${series}-${yy}`, n]),
  );
  const out: Partial<Record<ReferenceSeries, string[]>> = {};
  for (const [series, n] of wanted) {
    const key = `${series}-${yy}`;
    const last = Number(rows.find((r) => r.series === key)!.value);
    out[series] = Array.from({ length: n }, (_, i) => `${key}-${String(last - n + 1 + i).padStart(6, '0')}`);
  }
  return out;
}


/**
 * The counters a batch takes its numbers from, read at the start of its transaction (on PostgreSQL locked
 * until it ends, so no other writer takes the same numbers) in the round trip of the batch's other reads,
 * then handed out in blocks (`take`) once the batch knows how many it needs; `writeInto` adds the
 * counters' update to the batch's InsertPlan, so it costs no statement of its own.
 */
/** Numbers handed out from counters locked for a batch, and the counters' update for its writes. */
export interface ReferenceBlocks {
  take(series: ReferenceSeries, count: number): string[];
  writeInto(plan: InsertPlan): void;
}

export class ReferenceCounters implements ReferenceBlocks {
  private readonly taken = new Map<ReferenceSeries, number>();

  private constructor(
    private readonly yy: string,
    private readonly values: Map<ReferenceSeries, number>,
  ) {}

  /** Counter rows known to exist, by database (tests open many in one process). */
  private static readonly known = new WeakMap<object, Set<string>>();

  static async lock(em: EntityManager, series: ReferenceSeries[], now: Date, timeZone: string): Promise<ReferenceCounters> {
    const yy = localParts(now, timeZone).date.slice(2, 4);
    const postgres = em.connection.options.type === 'postgres';
    let known = ReferenceCounters.known.get(em.connection);
    if (!known) ReferenceCounters.known.set(em.connection, (known = new Set()));
    // Sorted, so two batches never wait for each other's rows crosswise.
    const names = [...new Set(series)].sort().map((s) => `${s}-${yy}`);
    const mark = (i: number) => (postgres ? `$${i + 1}` : '?');
    // A counter is created at 0 the first time it is used (a new year's series).
    const create = (missing: string[], pipelined: boolean) =>
      rawQuery(em, `INSERT INTO reference_counter (series, value) VALUES ${missing.map((_, i) => `(${mark(i)}, 0)`).join(', ')} ON CONFLICT (series) DO NOTHING`, missing, { pipelined });
    const read = () =>
      rawQuery<{ series: string; value: number | string }>(
        em,
        `SELECT series, value FROM reference_counter WHERE series IN (${names.map((_, i) => mark(i)).join(', ')}) ORDER BY series${postgres ? ' FOR UPDATE' : ''}`,
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
    const values = new Map<ReferenceSeries, number>();
    for (const r of rows) {
      known.add(r.series);
      values.set(r.series.slice(0, r.series.indexOf('-')) as ReferenceSeries, Number(r.value));
    }
    return new ReferenceCounters(yy, values);
  }

  take(series: ReferenceSeries, count: number): string[] {
    const start = this.values.get(series);
    if (start === undefined) throw new Error(`the ${series} counter was not locked for this batch`);
    const before = this.taken.get(series) ?? 0;
    this.taken.set(series, before + count);
    return Array.from({ length: count }, (_, i) => `${series}-${this.yy}-${String(start + before + i + 1).padStart(6, '0')}`);
  }

  writeInto(plan: InsertPlan): void {
    const taken = [...this.taken].filter(([, n]) => n > 0);
    if (!taken.length) return;
    plan.addSql((param, postgres) =>
      postgres
        ? `UPDATE reference_counter SET value = v.value FROM (VALUES ${taken.map(([s, n]) => `(${param(`${s}-${this.yy}`)}, ${param(this.values.get(s)! + n)}::integer)`).join(', ')}) AS v(series, value) WHERE reference_counter.series = v.series`
        : `UPDATE reference_counter SET value = CASE series ${taken.map(([s, n]) => `WHEN ${param(`${s}-${this.yy}`)} THEN ${param(this.values.get(s)! + n)}`).join(' ')} END WHERE series IN (${taken.map(([s]) => param(`${s}-${this.yy}`)).join(', ')})`,
    );
  }
}
