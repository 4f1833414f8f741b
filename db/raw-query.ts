/**
 * One SQL statement on an EntityManager's connection, for the intake hot
 * path (a report runs about ten of them). On SQLite it runs better-sqlite3's
 * prepared statement directly: TypeORM's `query()` wraps each statement in a
 * logger call, two broadcaster awaits, an async statement-cache lookup and a
 * result object, which under the intake benchmark cost more CPU than most of
 * the statements themselves. better-sqlite3 is one connection, so a statement
 * run here inside `db.transaction()` is inside that transaction. PostgreSQL
 * goes through TypeORM (its pool connection belongs to the transaction's
 * query runner). Failures are TypeORM's QueryFailedError on both, as from
 * `em.query`, so callers see one error shape.
 */
import { QueryFailedError, type DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';

interface Statement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

/** The parts of better-sqlite3's connection this project uses beside TypeORM. */
export interface SqliteHandle {
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  transaction(fn: () => void): () => void;
}

/** better-sqlite3's own connection under a TypeORM DataSource, or null on PostgreSQL: the one place that reaches into the driver. */
export function sqliteHandle(dataSource: DataSource): SqliteHandle | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  return (dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
}

// Keyed by connection: a test opens and closes many databases in one process.
const statements = new WeakMap<SqliteHandle, Map<string, Statement>>();

/** Rows for a SELECT or a RETURNING clause; an empty array for other writes. */
export async function rawQuery<R = ObjectLiteral>(em: EntityManager, sql: string, params: unknown[] = []): Promise<R[]> {
  const connection = sqliteHandle(em.connection);
  if (!connection) return (await em.query(sql, params)) as R[];
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  try {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
    if (statement.reader) return statement.all(...params) as R[];
    statement.run(...params);
    return [];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
