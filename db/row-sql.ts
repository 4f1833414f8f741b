/**
 * Plain INSERT and SELECT-by-key for rows written on the intake hot path
 * (work orders, their events, service requests, report photos), compiled once
 * per entity from its TypeORM metadata (so the entity schema stays the one
 * truth about columns) and run as raw SQL (raw-query.ts). TypeORM's query
 * builder costs several times more CPU per statement than the statement
 * itself; intake runs five of them per report. Beside the data source, not in
 * intake, because the work-order, photo and seed modules write those rows too.
 */
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import { rawQuery } from './raw-query.js';

interface Compiled {
  sql: string;
  columns: ColumnMetadata[];
}

const compiled = new Map<string, Compiled>();

function isJson(c: ColumnMetadata): boolean {
  return c.type === 'simple-json';
}

function isBool(c: ColumnMetadata): boolean {
  return c.type === 'boolean' || c.type === Boolean;
}

function toDb(c: ColumnMetadata, value: unknown, postgres: boolean): unknown {
  if (value === undefined || value === null) return null;
  if (isJson(c)) return JSON.stringify(value);
  if (isBool(c) && !postgres) return value ? 1 : 0;
  return value;
}

function fromDb(c: ColumnMetadata, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isJson(c)) return typeof value === 'string' ? JSON.parse(value) : value;
  if (isBool(c)) return value === true || value === 1 || value === '1' || value === 't';
  if (c.type === 'integer' || c.type === 'double precision') return Number(value);
  return value;
}

/** The columns a row writes: all but a generated one (a serial id) it leaves unset. Rows written together share the first's. */
function writtenColumns(meta: EntityMetadata, row: ObjectLiteral): ColumnMetadata[] {
  return meta.columns.filter((c) => row[c.propertyName] !== undefined || !c.isGenerated);
}

export async function insertRow<T extends ObjectLiteral>(em: EntityManager, entity: EntitySchema<T>, row: T | Omit<T, 'id'>): Promise<void> {
  const postgres = em.connection.options.type === 'postgres';
  const meta = em.connection.getMetadata(entity);
  const present = writtenColumns(meta, row);
  const key = `insert:${meta.tableName}:${postgres}:${present.map((c) => c.propertyName).join(',')}`;
  let q = compiled.get(key);
  if (!q) {
    const names = present.map((c) => `"${c.databaseName}"`).join(', ');
    const marks = present.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    q = { sql: `INSERT INTO "${meta.tableName}" (${names}) VALUES (${marks})`, columns: present };
    compiled.set(key, q);
  }
  await rawQuery(em, q.sql, q.columns.map((c) => toDb(c, (row as ObjectLiteral)[c.propertyName], postgres)), { prepared: true });
}

/**
 * Several rows of one entity, in order (generated ids follow it). Every row must set the same columns.
 * PostgreSQL: one statement whatever their number, the rows one JSON parameter, so a table and its
 * columns have one statement text, prepared once a connection and planned once, however
 * many rows come. SQLite: multi-row VALUES lists, as few as its parameter limit allows.
 */
export async function insertRows<T extends ObjectLiteral>(em: EntityManager, entity: EntitySchema<T>, rows: (T | Omit<T, 'id'>)[]): Promise<void> {
  if (!rows.length) return;
  if (rows.length === 1) return insertRow(em, entity, rows[0]);
  const postgres = em.connection.options.type === 'postgres';
  const meta = em.connection.getMetadata(entity);
  const columns = writtenColumns(meta, rows[0]);
  if (postgres) {
    const values: unknown[] = [];
    const sql = jsonRowsInsert(meta.tableName, columns, rows as ObjectLiteral[], (value) => {
      values.push(value);
      return `$${values.length}`;
    });
    await rawQuery(em, sql, values, { prepared: true });
    return;
  }
  // SQLite allows 32,766 parameters a statement.
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const key = `insert-many:${meta.tableName}:${chunk.length}:${columns.map((c) => c.propertyName).join(',')}`;
    let q = compiled.get(key);
    if (!q) {
      const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
      const tuples = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      q = { sql: `INSERT INTO "${meta.tableName}" (${names}) VALUES ${tuples}`, columns };
      compiled.set(key, q);
    }
    const params: unknown[] = [];
    for (const row of chunk) for (const c of columns) params.push(toDb(c, (row as ObjectLiteral)[c.propertyName], false));
    await rawQuery(em, q.sql, params, { prepared: true });
  }
}

/** How a column's value is read back from its row's JSON array (columns.ts's vocabulary): text as it is, others cast. */
function pgFromJson(c: ColumnMetadata, index: number): string {
  const text = `(t.r->>${index})`;
  if (isBool(c)) return `${text}::boolean`;
  if (c.type === 'integer') return `${text}::integer`;
  if (c.type === 'double precision') return `${text}::float8`;
  if (c.type === 'varchar' || c.type === 'text' || isJson(c)) return text;
  throw new Error(`no JSON reading for column ${c.databaseName} (${String(c.type)})`);
}

/**
 * PostgreSQL: an INSERT of `rows` whose text depends only on the table and its columns: the rows are one
 * JSON parameter (an array of arrays, made by JSON.stringify), read back in order (WITH ORDINALITY … ORDER
 * BY, so generated ids follow the rows' order). A text that changed with the number of rows was a new
 * prepared statement on the server for every count, planned anew each time; an array parameter a column
 * (unnest) cost node-postgres more to build (escaped element by element) than the rows themselves.
 */
function jsonRowsInsert(table: string, columns: ColumnMetadata[], rows: ObjectLiteral[], param: (value: unknown) => string): string {
  const values = JSON.stringify(rows.map((row) => columns.map((c) => toDb(c, row[c.propertyName], true))));
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  return `INSERT INTO "${table}" (${names}) SELECT ${columns.map(pgFromJson).join(', ')} FROM jsonb_array_elements(${param(values)}::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY t.n`;
}

/** Builds a statement's SQL: `param(value)` adds a parameter and returns its placeholder ($n or ?). */
export type SqlBuilder = (param: (value: unknown) => string, postgres: boolean) => string;

type PlanPart =
  | { kind: 'rows'; entity: EntitySchema<ObjectLiteral>; rows: ObjectLiteral[] }
  | { kind: 'sql'; build: SqlBuilder; then?: { name: string; select: SqlBuilder } };

/**
 * Rows of several tables to be written together (a batch of reports: work orders, their events, the
 * requests, contacts, photos), and other writes that go with them (the reference counters' update, the
 * live events). Repositories `add` their rows instead of inserting them, in the order parents before
 * children, and the caller writes the plan once: on PostgreSQL as ONE statement (each part a
 * data-modifying CTE; constraints, foreign keys too, are checked by the end of the statement, and a
 * refusal refuses all of it), so the whole batch costs one round trip; on SQLite, which has no round trip
 * to save and no INSERT in WITH, one statement a part (a multi-row INSERT a table) in the order added.
 */
export class InsertPlan {
  private readonly parts: PlanPart[] = [];

  add<T extends ObjectLiteral>(entity: EntitySchema<T>, rows: (T | Omit<T, 'id'>)[]): this {
    if (rows.length) this.parts.push({ kind: 'rows', entity: entity as unknown as EntitySchema<ObjectLiteral>, rows: rows as ObjectLiteral[] });
    return this;
  }

  /**
   * Another write (an UPDATE, an INSERT … RETURNING). With `then`, the write is named `then.name` and
   * `then.select` is a SELECT over it run for its effects (a NOTIFY a row): on PostgreSQL it ends the
   * plan's statement, so at most one part may have it.
   */
  addSql(build: SqlBuilder, then?: { name: string; select: SqlBuilder }): this {
    if (then && this.parts.some((p) => p.kind === 'sql' && p.then)) throw new Error('an InsertPlan ends with one SELECT at most');
    this.parts.push({ kind: 'sql', build, then });
    return this;
  }

  /** `commit`: the last statement of a pipelined transaction, so COMMIT may go with it (raw-query.ts). */
  async write(em: EntityManager, opts: { commit?: boolean } = {}): Promise<void> {
    if (!this.parts.length) return;
    const postgres = em.connection.options.type === 'postgres';
    if (!postgres || this.parts.length < 2) {
      for (const p of this.parts) {
        if (p.kind === 'rows') await insertRows(em, p.entity, p.rows);
        else await this.writeAlone(em, p, postgres);
      }
      return;
    }
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    let finalSelect: string | null = null;
    const ctes = this.parts.map((p, i) => {
      if (p.kind === 'sql') {
        const sql = p.build(param, true);
        if (!p.then) return { name: `plan_${i}`, sql };
        finalSelect = p.then.select(param, true);
        return { name: p.then.name, sql };
      }
      const meta = em.connection.getMetadata(p.entity);
      return { name: `plan_${i}`, sql: jsonRowsInsert(meta.tableName, writtenColumns(meta, p.rows[0]), p.rows, param) };
    });
    const last = finalSelect ?? ctes.pop()!.sql;
    await rawQuery(em, `WITH ${ctes.map((c) => `${c.name} AS (${c.sql})`).join(', ')} ${last}`, values, { prepared: true, commit: opts.commit });
  }

  private async writeAlone(em: EntityManager, p: Extract<PlanPart, { kind: 'sql' }>, postgres: boolean): Promise<void> {
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return postgres ? `$${values.length}` : '?';
    };
    const sql = p.build(param, postgres);
    await rawQuery(em, p.then ? `WITH ${p.then.name} AS (${sql}) ${p.then.select(param, postgres)}` : sql, values);
  }
}

/** Inserts now, or adds to a plan written later with others (InsertPlan). */
export async function insertRowsInto<T extends ObjectLiteral>(target: EntityManager | InsertPlan, entity: EntitySchema<T>, rows: (T | Omit<T, 'id'>)[]): Promise<void> {
  if (target instanceof InsertPlan) target.add(entity, rows);
  else await insertRows(target, entity, rows);
}

/** Entities from raw rows of `SELECT *` (or `SELECT t.*, …`) on the entity's table. */
export function entitiesFromRows<T extends ObjectLiteral>(em: EntityManager, entity: EntitySchema<T>, raws: ObjectLiteral[]): T[] {
  const columns = em.connection.getMetadata(entity).columns;
  return raws.map((raw) => rowFromDb<T>(columns, raw));
}

function rowFromDb<T extends ObjectLiteral>(columns: ColumnMetadata[], raw: ObjectLiteral): T {
  const out: ObjectLiteral = {};
  for (const c of columns) out[c.propertyName] = fromDb(c, raw[c.databaseName]);
  return out as T;
}

/**
 * The rows with these ids (those that exist, in no particular order) in one statement whatever their
 * number: PostgreSQL takes the ids as one array parameter (`= ANY($1)`), SQLite as one JSON array
 * (`IN (SELECT value FROM json_each(?))`, which reads the primary key's index), so each dialect has
 * one statement text to prepare, and no parameter limit to slice under.
 */
export async function findRowsByIds<T extends ObjectLiteral>(em: EntityManager, entity: EntitySchema<T>, ids: readonly string[]): Promise<T[]> {
  if (!ids.length) return [];
  const postgres = em.connection.options.type === 'postgres';
  const meta = em.connection.getMetadata(entity);
  const key = `select-many:${meta.tableName}:${postgres}`;
  let q = compiled.get(key);
  if (!q) {
    const primary = `"${meta.primaryColumns[0].databaseName}"`;
    const where = postgres ? `${primary} = ANY($1::text[])` : `${primary} IN (SELECT value FROM json_each(?))`;
    q = { sql: `SELECT * FROM "${meta.tableName}" WHERE ${where}`, columns: meta.columns };
    compiled.set(key, q);
  }
  const { sql, columns } = q;
  const rows = await rawQuery(em, sql, [postgres ? [...ids] : JSON.stringify(ids)]);
  return rows.map((raw) => rowFromDb<T>(columns, raw));
}
