/**
 * The TypeORM DataSource, built from config: an embedded SQLite file by
 * default (through better-sqlite3, because TypeORM 1.x dropped the `sqlite3`
 * driver), PostgreSQL when DATABASE_URL is set. Same entities, same migrations,
 * both handed in by the app (server/entities.ts): db/ knows no feature module.
 */
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { beginPipelined, committedWithLastWrite, sqliteHandle, type SqliteHandle } from './raw-query.js';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** What the database holds: the entity schemas and the migrations that create their tables, in order. */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

export function createDataSource(target: DatabaseTarget, { entities, migrations }: DatabaseSchema): DataSource {
  if (target.kind === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: target.url,
      entities,
      migrations,
      migrationsRun: false,
      synchronize: false,
      logging: false,
      // Pipeline mode: a statement is sent without waiting for the one before it to be answered (only
      // pipelined transactions, raw-query.ts, send more than one at a time; everything else awaits each).
      extra: { max: 10, pipeline: true },
    });
  }
  if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: target.file,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    enableWAL: true,
    timeout: 10_000,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      // FULL: a report, photo row or completion we have answered 2xx for is on disk,
      // even if the machine (not just the process) dies right after.
      db.pragma('synchronous = FULL');
      // 64 MB of page cache instead of SQLite's 2 MB: a new work order updates a dozen indexes at pages
      // spread over the table, and each page not cached is a read from the OS on the event loop.
      db.pragma('cache_size = -65536');
    },
  });
}

/**
 * Runs `work` in one transaction. better-sqlite3 is a single connection, so
 * two overlapping TypeORM transactions would nest and fail; on SQLite they
 * are queued one after another (which is also what makes intake's duplicate
 * check race-free there). PostgreSQL runs them concurrently.
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get dialect(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** The SQLite database file, or null on PostgreSQL and in-memory SQLite (no WAL file to sync or checkpoint). */
  private get sqliteFile(): string | null {
    const file = this.dialect === 'sqlite' ? String(this.dataSource.options.database ?? '') : '';
    return file && file !== ':memory:' ? file : null;
  }

  /** better-sqlite3's own handle under TypeORM, for the pragmas TypeORM has no API for (only called on SQLite). */
  private get sqliteConnection(): SqliteHandle {
    return sqliteHandle(this.dataSource)!;
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.dataSource.transaction(work);
    const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * A transaction whose fsync does not block the event loop. With
   * synchronous=FULL, SQLite fsyncs the WAL inside COMMIT, and better-sqlite3
   * runs COMMIT on the main thread: a few milliseconds per commit in which no
   * other request moves. Here the commit runs with synchronous=NORMAL (the WAL
   * frames are written to the OS, not yet forced to disk) and `durable`
   * resolves once the WAL file has been fdatasync'ed in libuv's thread pool:
   * from then on it is the guarantee FULL gives (SQLite's FULL in WAL mode is
   * exactly "sync the WAL after each commit"), and the next transaction can
   * run meanwhile. Checkpoints under NORMAL still sync the WAL before and the
   * database after copying, so nothing checkpointed depends on our fsync.
   * A caller must not answer "saved" before `durable` resolves (intake's group
   * commit waits for it). PostgreSQL and in-memory SQLite simply commit.
   * The NORMAL setting lasts only while this transaction holds the queue, so
   * every other queued transaction still commits under FULL.
   * Known edge: a write that bypasses `transaction()` (session rows, a few
   * admin saves) can land on the one connection while this runs; it is then
   * made durable by this fsync, milliseconds after its own answer.
   * Reports, photos and completions all go through `transaction()`.
   */
  async transactionSyncedOffLoop<T>(work: (em: EntityManager) => Promise<T>, opts: { lock?: string } = {}): Promise<{ value: T; durable: Promise<void> }> {
    if (this.dialect === 'postgres' && opts.lock) return { value: await this.lockedTransaction(opts.lock, work), durable: Promise.resolve() };
    const file = this.sqliteFile;
    if (!file) return { value: await this.transaction(work), durable: Promise.resolve() };
    const raw = this.sqliteConnection;
    const run = this.sqliteQueue.then(async () => {
      raw.pragma('synchronous = NORMAL');
      try {
        return await this.dataSource.transaction(work);
      } finally {
        raw.pragma('synchronous = FULL');
      }
    });
    this.sqliteQueue = run.catch(() => undefined);
    const value = await run;
    return { value, durable: this.syncWal(`${file}-wal`) };
  }

  /**
   * `work` that runs exactly one statement (a multi-row INSERT, say), answered as
   * `transactionSyncedOffLoop` answers: committed when `value` is, on disk when
   * `durable` resolves. PostgreSQL makes one statement atomic without a
   * transaction, so there it runs on the pool in autocommit: one round trip
   * instead of BEGIN, the statement and COMMIT, and committed (so durable) when
   * it returns. On SQLite it is `transactionSyncedOffLoop`: BEGIN and COMMIT
   * cost no round trip there, the queue keeps the statement out of another
   * caller's open transaction on the one connection, and the fsync stays off
   * the event loop. Work that runs more than one statement must use a
   * transaction instead: on PostgreSQL a failure after the first statement
   * would leave the first written.
   */
  async statementSyncedOffLoop<T>(work: (em: EntityManager) => Promise<T>): Promise<{ value: T; durable: Promise<void> }> {
    if (this.dialect === 'postgres') return { value: await work(this.dataSource.manager), durable: Promise.resolve() };
    return this.transactionSyncedOffLoop(work);
  }

  /**
   * Resolves once an fdatasync of the WAL that began after this call has
   * finished. Callers that arrive while one is running share the next one
   * (a commit may have come after the running sync started, so that one is
   * not enough), so however many batches commit there are at most two syncs
   * in the thread pool, not one per batch competing with photo writes.
   * Replaceable so tests can hold it back.
   */
  syncWal = (walFile: string): Promise<void> => {
    if (this.walQueued) return this.walQueued;
    if (!this.walSyncing) return this.startWalSync(walFile);
    this.walQueued = this.walSyncing
      .catch(() => undefined)
      .then(() => {
        this.walQueued = null;
        return this.startWalSync(walFile);
      });
    return this.walQueued;
  };

  private walSyncing: Promise<void> | null = null;
  private walQueued: Promise<void> | null = null;
  /** Kept open: SQLite deletes and recreates the WAL only when its last connection closes, which is `close()`. */
  private walHandle: FileHandle | null = null;

  /** The one fdatasync; a property so a test can count and hold the calls. */
  fdatasyncWal = async (walFile: string): Promise<void> => {
    this.walHandle ??= await open(walFile, 'r+');
    try {
      await this.walHandle.datasync();
    } catch (e) {
      const handle = this.walHandle;
      this.walHandle = null;
      await handle?.close().catch(() => undefined);
      throw e;
    }
  };

  private startWalSync(walFile: string): Promise<void> {
    const sync = this.fdatasyncWal(walFile).finally(() => {
      if (this.walSyncing === sync) this.walSyncing = null;
    });
    this.walSyncing = sync;
    return sync;
  }

  /**
   * PostgreSQL: a transaction that first takes the advisory lock `key` (held to its end), serialising
   * writers that must not interleave across every instance ("find a nearby open work order, else create
   * one"). It is pipelined (raw-query.ts): BEGIN with the lock is sent without waiting, the work's reads
   * marked `pipelined` travel in the same round trip, and its last write may carry the COMMIT. On SQLite
   * transactions are already serial.
   */
  private async lockedTransaction<T>(key: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!/^[a-z0-9:_-]{1,60}$/.test(key)) throw new Error(`lock key ${JSON.stringify(key)} is not a plain name`);
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // Several statements without parameters travel as one simple query.
      const begun = beginPipelined(runner, `BEGIN; SELECT pg_advisory_xact_lock(hashtext('${key}'))`);
      try {
        const value = await work(runner.manager);
        await begun;
        if (!committedWithLastWrite(runner)) await runner.query('COMMIT');
        return value;
      } catch (error) {
        // Also after a failed BEGIN or lock: the connection goes back to the pool with no transaction open.
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  async lock(em: EntityManager, key: string): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  /**
   * Runs the pending migrations. On PostgreSQL under a session advisory lock,
   * so instances started at the same moment on an empty database take turns:
   * the first migrates, the others wait and then find nothing pending.
   */
  async migrate(): Promise<string[]> {
    const ran = await this.exclusively('kerbside:migrate', () => this.dataSource.runMigrations({ transaction: 'each' }));
    this.migrated = true;
    return ran.map((m) => m.name);
  }

  /** True once this process has run (or found nothing left of) the migrations. */
  migrated = false;

  /**
   * Runs `work` while holding a PostgreSQL session advisory lock named `key`
   * on a connection of its own (the work itself may use any connection), so
   * across every instance on the database one runs it at a time: migrations
   * and the demo seed at start. SQLite has one process by design and just runs it.
   */
  async exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'postgres') return work();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Production SQLite: WAL checkpoints move to a worker thread (db/checkpointer.ts)
   * and the main connection's own limit rises to 10 000 pages as a safety net.
   * Tests leave SQLite's default alone.
   */
  startBackgroundCheckpoints(): void {
    const file = this.sqliteFile;
    if (!file || this.checkpointer) return;
    this.sqliteConnection.pragma('wal_autocheckpoint = 10000');
    this.checkpointer = startCheckpointer(file);
  }

  private checkpointer: Checkpointer | null = null;

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    await this.walSyncing?.catch(() => undefined);
    await this.walHandle?.close().catch(() => undefined);
    this.walHandle = null;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export async function openDatabase(target: DatabaseTarget, schema: DatabaseSchema, opts: { migrate?: boolean } = {}): Promise<Database> {
  const ds = createDataSource(target, schema);
  await ds.initialize();
  const db = new Database(ds);
  if (opts.migrate !== false) await db.migrate();
  return db;
}
