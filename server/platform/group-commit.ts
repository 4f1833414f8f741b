/**
 * Group commit: writes that arrive together go to the database as one batch,
 * written by one call of a batch writer. Intake's reports use it, and the
 * on-call escalations' events.
 *
 * - SQLite: better-sqlite3 commits synchronously, and with synchronous=FULL
 *   each commit is an fsync that blocks the event loop, so one transaction
 *   per write caps them at the disk's fsync rate. A batch is one transaction
 *   whose WAL is fsynced off the event loop (Database.transactionSyncedOffLoop);
 *   every caller is answered only after that fsync, so "201 Created" still
 *   means "on disk".
 * - PostgreSQL: every statement is a round trip. Intake's writer handles a
 *   whole batch in a fixed handful of statements, so a batch of twenty costs
 *   about what one report did; callers are answered once COMMIT returns
 *   (PostgreSQL has flushed the WAL by then). A writer that writes its batch
 *   in ONE statement (`oneStatement`) needs no transaction around it there.
 *
 * If a batch fails as a whole (one write breaks a constraint), its writes are
 * made again one by one, each on its own, so one bad write fails alone and
 * the others are stored. Batches run one after the other in a process; across
 * instances a writer that needs it serialises them with `lock` (intake's
 * advisory lock, which keeps its duplicate check race-free).
 */
import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';

interface Item<I> {
  input: I;
  /** When it was queued (performance.now()). */
  at: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Writes a batch inside the transaction it is given; one result per input, in order. */
export type BatchWriter<I, O> = (em: EntityManager, inputs: I[]) => Promise<O[]>;

export class GroupCommit<I, O> {
  private readonly pending: Item<I>[] = [];
  private draining = false;

  /** Batches committed and writes in them so far, and the time their writes took: how well writes share a commit. */
  readonly stats = { batches: 0, items: 0, retried: 0, writingMs: 0 };

  /**
   * `lock`: PostgreSQL advisory lock each batch takes first, serialising batches across instances.
   * `oneStatement`: the writer writes a batch in one statement, so it runs without a transaction on PostgreSQL.
   * `gatherMs`: a batch starts no sooner than this after its first write was queued, so writes that nobody
   * waits on to answer a request (the on-call escalations) share a commit even when they trickle in.
   */
  constructor(
    private readonly db: Pick<Database, 'transactionSyncedOffLoop' | 'statementSyncedOffLoop'>,
    private readonly write: BatchWriter<I, O>,
    private readonly opts: { lock?: string; oneStatement?: boolean; maxBatch?: number; gatherMs?: number } = {},
  ) {}

  private writeNow(inputs: I[]): Promise<{ value: O[]; durable: Promise<void> }> {
    if (this.opts.oneStatement) return this.db.statementSyncedOffLoop((em) => this.write(em, inputs));
    return this.db.transactionSyncedOffLoop((em) => this.write(em, inputs), { lock: this.opts.lock });
  }

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, at: performance.now(), resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Start on the next turn of the event loop at the soonest, not now: reports whose bodies were read in
        // the same turn reach this queue first and share the commit.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const wait = this.opts.gatherMs ? this.pending[0].at + this.opts.gatherMs - performance.now() : 0;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const batch = this.pending.splice(0, this.opts.maxBatch ?? 64);
        this.stats.batches++;
        this.stats.items += batch.length;
        const started = performance.now();
        try {
          const { value, durable } = await this.writeNow(batch.map((b) => b.input));
          this.stats.writingMs += performance.now() - started;
          this.answerWhenDurable(batch, value, durable);
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One write spoiled the batch: each alone, so only that one fails.
          this.stats.retried += batch.length;
          for (const item of batch) {
            try {
              const { value, durable } = await this.writeNow([item.input]);
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
