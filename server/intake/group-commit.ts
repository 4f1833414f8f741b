/**
 * Group commit for intake, on SQLite and PostgreSQL. better-sqlite3 commits synchronously,
 * and with synchronous=FULL each commit is an fsync that blocks the event
 * loop, so one transaction per report caps intake at the disk's fsync rate.
 * Reports that arrive in the same turn of the event loop are written together
 * in one transaction, each inside its own savepoint (one failing report rolls
 * back alone); the WAL is then fsynced off the event loop
 * (Database.transactionSyncedOffLoop) and every caller is answered only after
 * that fsync, so "201 Created" still means "on disk". Later reports in a batch see earlier
 * ones, so duplicates still join.
 *
 * On PostgreSQL a transaction per report costs a commit (a WAL flush) and a
 * pool connection each, and reports of one category queued one behind the
 * other on its advisory lock anyway. Here a batch is one transaction too,
 * with the same savepoints, answered once COMMIT returns (PostgreSQL has
 * flushed the WAL by then). A batch first takes one advisory lock shared by
 * every instance's intake (`intake`), so batches take turns: that is what
 * keeps the duplicate check race-free there (a report sees every report
 * committed before its batch and every earlier one in it), as the serial
 * transactions do on SQLite, and no two batches can deadlock on locks taken
 * in different orders.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';

interface Item {
  work: (em: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private readonly pending: Item[] = [];
  private draining = false;

  constructor(
    private readonly db: Pick<Database, 'dialect' | 'transaction' | 'transactionSyncedOffLoop'>,
    private readonly maxBatch = 64,
  ) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Start on the next turn of the event loop, not now: reports whose bodies were read in the same
        // turn reach this queue first and share the commit (better-sqlite3 runs a whole transaction
        // without yielding, so starting at once would give batches of one and an fsync per report).
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * PostgreSQL: each statement is a round trip, so the batch lock and the first savepoint go together,
   * and between reports one round trip ends a savepoint and starts the next (several statements
   * without parameters travel as one simple query).
   */
  private async writeBatchPostgres(em: EntityManager, batch: Item[], outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[]): Promise<void> {
    await em.query("SELECT pg_advisory_xact_lock(hashtext('intake')); SAVEPOINT intake_item");
    for (const [i, item] of batch.entries()) {
      const last = i === batch.length - 1;
      try {
        outcomes.push({ ok: true, value: await item.work(em) });
        await em.query(last ? 'RELEASE SAVEPOINT intake_item' : 'RELEASE SAVEPOINT intake_item; SAVEPOINT intake_item');
      } catch (error) {
        await em.query(last ? 'ROLLBACK TO SAVEPOINT intake_item; RELEASE SAVEPOINT intake_item' : 'ROLLBACK TO SAVEPOINT intake_item; RELEASE SAVEPOINT intake_item; SAVEPOINT intake_item');
        outcomes.push({ ok: false, error });
      }
    }
  }

  /** Batches committed and reports in them so far: how well reports share a commit. */
  readonly stats = { batches: 0, items: 0 };

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        this.stats.batches++;
        this.stats.items += batch.length;
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        let durable: Promise<void>;
        try {
          ({ durable } = await this.db.transactionSyncedOffLoop(async (em) => {
            if (this.db.dialect === 'postgres') return this.writeBatchPostgres(em, batch, outcomes);
            for (const item of batch) {
              await rawQuery(em, 'SAVEPOINT intake_item');
              try {
                outcomes.push({ ok: true, value: await item.work(em) });
                await rawQuery(em, 'RELEASE SAVEPOINT intake_item');
              } catch (error) {
                await rawQuery(em, 'ROLLBACK TO SAVEPOINT intake_item');
                await rawQuery(em, 'RELEASE SAVEPOINT intake_item');
                outcomes.push({ ok: false, error });
              }
            }
          }));
        } catch (error) {
          for (const item of batch) item.reject(error);
          continue;
        }
        // Answered only once the commit is on disk; the next batch is written while this one's fsync runs.
        durable.then(
          () =>
            batch.forEach((item, i) => {
              const o = outcomes[i];
              if (o.ok) item.resolve(o.value);
              else item.reject(o.error);
            }),
          (error: unknown) => batch.forEach((item) => item.reject(error)),
        );
      }
    } finally {
      this.draining = false;
    }
  }
}
