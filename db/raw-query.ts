/**
 * One SQL statement on an EntityManager's connection, for the intake hot
 * path (a report runs about ten of them). On SQLite it runs better-sqlite3's
 * prepared statement directly: TypeORM's `query()` wraps each statement in a
 * logger call, two broadcaster awaits, an async statement-cache lookup and a
 * result object, which under the intake benchmark cost more CPU than most of
 * the statements themselves. better-sqlite3 is one connection, so a statement
 * run here inside `db.transaction()` is inside that transaction. On
 * PostgreSQL, inside a transaction, it runs on the query runner's own pool
 * connection; outside one, through TypeORM. Failures are TypeORM's
 * QueryFailedError on both, as from `em.query`, so callers see one error shape.
 */
import { createHash } from 'node:crypto';
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

/** node-postgres's client under a TypeORM query runner (a transaction's), once it has one. */
interface PgClientHolder {
  databaseConnection?: { query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
  isReleased?: boolean;
}

const statementNames = new Map<string, string>();

/** A prepared statement's name for this SQL text: the same text, the same name, on every connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `kb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}

/** Rows for a SELECT or a RETURNING clause; an empty array for other writes. */
/**
 * `prepared`: on PostgreSQL, a named statement that each pool connection parses and plans once, then
 * only binds and runs: for inserts, whose plan does not depend on their values. Reads stay unnamed and
 * are planned for their values each time (a generic plan for the duplicate check's boxes read every open
 * job of a category).
 */
export async function rawQuery<R = ObjectLiteral>(em: EntityManager, sql: string, params: unknown[] = [], opts: { prepared?: boolean } = {}): Promise<R[]> {
  const connection = sqliteHandle(em.connection);
  if (!connection) {
    // Inside a transaction the statement goes straight to its pool connection, past TypeORM's logger
    // and broadcaster (several awaits a statement, on a path that runs a handful per batch).
    const client = (em.queryRunner as PgClientHolder | undefined)?.databaseConnection;
    if (!client || (em.queryRunner as PgClientHolder).isReleased) return (await em.query(sql, params)) as R[];
    try {
      const query = opts.prepared ? { name: statementName(sql), text: sql, values: params } : { text: sql, values: params };
      return (await client.query(query)).rows as R[];
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }
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
