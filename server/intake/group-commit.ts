/**
 * Group commit for intake, on SQLite and PostgreSQL: reports that arrive
 * together are written by one call of a batch writer, in one transaction.
 *
 * - SQLite: better-sqlite3 commits synchronously, and with synchronous=FULL
 *   each commit is an fsync that blocks the event loop, so one transaction
 *   per report caps intake at the disk's fsync rate. A batch is one
 *   transaction whose WAL is fsynced off the event loop
 *   (Database.transactionSyncedOffLoop); every caller is answered only after
 *   that fsync, so "201 Created" still means "on disk".
 * - PostgreSQL: every statement is a round trip, and a report is several
 *   statements. The writer handles the whole batch in a fixed handful of
 *   statements (one duplicate-check query for every report, one reference
 *   allocation, one multi-row INSERT a table), so a batch of twenty costs
 *   about what one report did. Callers are answered once COMMIT returns
 *   (PostgreSQL has flushed the WAL by then).
 *
 * If a batch fails as a whole (one report breaks a constraint), its reports
 * are written again one by one, each in a transaction of its own, so one bad
 * report fails alone and the others are stored. Batches run one after the
 * other in a process; across instances the writer serialises them (intake's
 * advisory lock), which keeps the duplicate check race-free.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';

interface Item<I> {
  input: I;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Writes a batch inside the transaction it is given; one result per input, in order. */
export type BatchWriter<I, O> = (em: EntityManager, inputs: I[]) => Promise<O[]>;

export class GroupCommit<I, O> {
  private readonly pending: Item<I>[] = [];
  private draining = false;

  /** Batches committed and reports in them so far: how well reports share a commit. */
  readonly stats = { batches: 0, items: 0, retried: 0 };

  /** `lock`: PostgreSQL advisory lock each batch takes first, serialising batches across instances. */
  constructor(
    private readonly db: Pick<Database, 'transactionSyncedOffLoop'>,
    private readonly write: BatchWriter<I, O>,
    private readonly opts: { lock?: string; maxBatch?: number } = {},
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Start on the next turn of the event loop, not now: reports whose bodies were read in the same
        // turn reach this queue first and share the commit.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.opts.maxBatch ?? 64);
        this.stats.batches++;
        this.stats.items += batch.length;
        try {
          const { value, durable } = await this.db.transactionSyncedOffLoop((em) => this.write(em, batch.map((b) => b.input)), { lock: this.opts.lock });
          this.answerWhenDurable(batch, value, durable);
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One report spoiled the batch: each alone, so only that one fails.
          this.stats.retried += batch.length;
          for (const item of batch) {
            try {
              const { value, durable } = await this.db.transactionSyncedOffLoop((em) => this.write(em, [item.input]), { lock: this.opts.lock });
              this.answerWhenDurable([item], value, durable);
            } catch (itemError) {
              item.reject(itemError);
            }
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Answered only once the commit is on disk; the next batch is written while this one's fsync runs. */
  private answerWhenDurable(batch: Item<I>[], values: O[], durable: Promise<void>): void {
    durable.then(
      () => batch.forEach((item, i) => item.resolve(values[i])),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  }
}
