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
import { QueryFailedError, type EntityManager, type ObjectLiteral } from 'typeorm';

interface Statement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface Connection {
  prepare(sql: string): Statement;
}

// Keyed by connection: a test opens and closes many databases in one process.
const statements = new WeakMap<Connection, Map<string, Statement>>();

function sqliteConnection(em: EntityManager): Connection | null {
  if (em.connection.options.type !== 'better-sqlite3') return null;
  return (em.connection.driver as unknown as { databaseConnection: Connection }).databaseConnection;
}

/** Rows for a SELECT or a RETURNING clause; an empty array for other writes. */
export async function rawQuery<R = ObjectLiteral>(em: EntityManager, sql: string, params: unknown[] = []): Promise<R[]> {
  const connection = sqliteConnection(em);
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
