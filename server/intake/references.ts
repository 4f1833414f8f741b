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
  if (count <= 0) return [];
  const yy = localParts(now, timeZone).date.slice(2, 4);
  const key = `${series}-${yy}`;
  const postgres = em.connection.options.type === 'postgres';
  const sql = postgres
    ? 'INSERT INTO reference_counter (series, value) VALUES ($1, $2) ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + excluded.value RETURNING value'
    : 'INSERT INTO reference_counter (series, value) VALUES (?, ?) ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + excluded.value RETURNING value';
  const rows = await rawQuery<{ value: number | string }>(em, sql, [key, count]);
  const last = Number(rows[0].value);
  return Array.from({ length: count }, (_, i) => `${key}-${String(last - count + 1 + i).padStart(6, '0')}`);
}

export async function allocateReference(em: EntityManager, series: ReferenceSeries, now: Date, timeZone: string): Promise<string> {
  return (await allocateReferences(em, series, 1, now, timeZone))[0];
}
