/**
 * Independent small writes (the escalation events) that arrive together go to
 * the database as one statement. Out of hours every hazard report escalates,
 * and a transaction per escalation was a COMMIT each (on SQLite with
 * synchronous=FULL, an fsync on the event loop), then a transaction per batch
 * was still BEGIN, a statement per write and COMMIT, each a round trip on
 * PostgreSQL. Writes queued in the same turn of the event loop, or while the
 * previous batch was being written, are handed to `writeBatch` together, which
 * must write them in ONE statement (a multi-row INSERT): that is what lets
 * Database.statementSyncedOffLoop run it without a transaction on PostgreSQL
 * and still have all of the batch or none of it. On SQLite the WAL is synced
 * off the event loop (as intake's group commit does); each caller is answered
 * once that sync is done, so a resolved write is on disk.
 *
 * The writes need no lock and no order among themselves. If a batch fails
 * (one row refused, say its work order was deleted meanwhile), each of its
 * writes is tried again in a statement of its own, so one bad write fails alone.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupedWrites<T> {
  private readonly pending: Pending<T>[] = [];
  private draining = false;
  /** Statements written and writes in them so far: how well writes share a statement. */
  readonly stats = { batches: 0, items: 0 };

  constructor(
    private readonly db: Pick<Database, 'statementSyncedOffLoop'>,
    /** Writes the items in one statement. */
    private readonly writeBatch: (em: EntityManager, items: T[]) => Promise<void>,
    private readonly maxBatch = 128,
  ) {}

  /** Resolves once the write is committed (and, on SQLite, synced to disk). */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Next turn, not now: writes queued in this turn join the same statement.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        let durable: Promise<void>;
        try {
          ({ durable } = await this.db.statementSyncedOffLoop((em) => this.writeBatch(em, batch.map((p) => p.item))));
        } catch {
          for (const p of batch) this.writeAlone(p);
          continue;
        }
        this.stats.batches++;
        this.stats.items += batch.length;
        // The next batch is written while this one's sync runs.
        durable.then(
          () => batch.forEach((p) => p.resolve()),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        );
      }
    } finally {
      this.draining = false;
    }
  }

  private writeAlone(p: Pending<T>): void {
    this.db
      .statementSyncedOffLoop((em) => this.writeBatch(em, [p.item]))
      .then(({ durable }) => durable)
      .then(() => {
        this.stats.batches++;
        this.stats.items++;
        p.resolve();
      }, p.reject);
  }
}
