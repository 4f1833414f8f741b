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
import { QueryFailedError, type DataSource, type EntityManager, type ObjectLiteral, type QueryRunner } from 'typeorm';

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

/**
 * Pipelined transactions (PostgreSQL; the pool's connections run in node-postgres's pipeline mode, so a
 * statement is sent at once, not after the previous one's answer). The transaction's BEGIN is sent and
 * not waited for (`beginPipelined`); reads marked `pipelined` follow it on the wire in the same round trip;
 * every other statement sent here waits for BEGIN's answer first, so nothing is written outside the
 * transaction if BEGIN failed (one sent through TypeORM instead finds the transaction aborted when the
 * lock behind BEGIN failed, and fails too); and a last write marked `commit` goes out with COMMIT right
 * behind it. A batch of reports costs two round trips this way: its BEGIN and reads, then its write and
 * COMMIT.
 */
const begins = new WeakMap<object, Promise<unknown>>();
const committed = new WeakSet<object>();

/** Sends `sql` (BEGIN and whatever must open the transaction, no parameters) on a connected query runner without waiting for its answer. */
export function beginPipelined(runner: QueryRunner, sql: string): Promise<unknown> {
  const client = (runner as PgClientHolder).databaseConnection;
  if (!client) throw new Error('beginPipelined needs a connected PostgreSQL query runner');
  const begun = client.query({ text: sql, values: [] });
  begun.catch(() => undefined); // awaited by the statements behind it and by the transaction's end
  begins.set(runner, begun);
  return begun;
}

/** Whether a statement sent with `commit` has committed this runner's transaction (then it must not COMMIT again). */
export function committedWithLastWrite(runner: QueryRunner): boolean {
  return committed.has(runner);
}

/**
 * Rows for a SELECT or a RETURNING clause; an empty array for other writes.
 * `prepared`: on PostgreSQL, a named statement that each pool connection parses and plans once, then
 * only binds and runs: for inserts, whose plan does not depend on their values. Reads stay unnamed and
 * are planned for their values each time (a generic plan for the duplicate check's boxes read every open
 * job of a category).
 * `pipelined`: a read that may be sent before a pipelined transaction's BEGIN has answered (see above).
 * `commit`: the pipelined transaction's last statement: COMMIT is sent right behind it. Elsewhere (SQLite,
 * an ordinary transaction) it changes nothing and the transaction commits as it always does.
 */
export async function rawQuery<R = ObjectLiteral>(em: EntityManager, sql: string, params: unknown[] = [], opts: { prepared?: boolean; pipelined?: boolean; commit?: boolean } = {}): Promise<R[]> {
  const connection = sqliteHandle(em.connection);
  if (!connection) {
    // Inside a transaction the statement goes straight to its pool connection, past TypeORM's logger
    // and broadcaster (several awaits a statement, on a path that runs a handful per batch).
    const runner = em.queryRunner;
    const client = (runner as PgClientHolder | undefined)?.databaseConnection;
    if (!runner || !client || (runner as PgClientHolder).isReleased) return (await em.query(sql, params)) as R[];
    const begun = begins.get(runner);
    try {
      if (begun && !opts.pipelined) await begun;
      const query = opts.prepared ? { name: statementName(sql), text: sql, values: params } : { text: sql, values: params };
      if (!begun || !opts.commit) return (await client.query(query)).rows as R[];
      // COMMIT goes with the write. If the write fails, PostgreSQL answers that COMMIT with a rollback.
      const [result] = await Promise.all([client.query(query), client.query({ text: 'COMMIT', values: [] })]);
      committed.add(runner);
      return result.rows as R[];
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
