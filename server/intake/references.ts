/**
 * Human references (KB-26-000123 for requests, WO-26-000123 for work orders):
 * one counter row per series and year, bumped with an upsert inside the
 * caller's transaction. A batch of reports takes its block of numbers in one
 * statement. On PostgreSQL the row lock makes concurrent allocations wait for
 * each other; on SQLite transactions are serial anyway.
 */
import type { EntityManager } from 'typeorm';
import { rawQuery } from '../../db/raw-query.js';
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

