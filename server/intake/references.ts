/**
 * Human references (KB-26-000123 for requests, WO-26-000123 for work orders):
 * one counter row per series and year, bumped with an upsert inside the
 * caller's transaction. On PostgreSQL the row lock makes concurrent
 * allocations wait for each other; on SQLite transactions are serial anyway.
 */
import type { EntityManager } from 'typeorm';
import { rawQuery } from '../../db/raw-query.js';
import { localParts } from '../sla/local-time.js';

export type ReferenceSeries = 'KB' | 'WO';

export async function allocateReference(em: EntityManager, series: ReferenceSeries, now: Date, timeZone: string): Promise<string> {
  const yy = localParts(now, timeZone).date.slice(2, 4);
  const key = `${series}-${yy}`;
  const postgres = em.connection.options.type === 'postgres';
  const sql = postgres
    ? 'INSERT INTO reference_counter (series, value) VALUES ($1, 1) ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + 1 RETURNING value'
    : 'INSERT INTO reference_counter (series, value) VALUES (?, 1) ON CONFLICT (series) DO UPDATE SET value = reference_counter.value + 1 RETURNING value';
  const rows = await rawQuery<{ value: number | string }>(em, sql, [key]);
  return `${key}-${String(Number(rows[0].value)).padStart(6, '0')}`;
}
