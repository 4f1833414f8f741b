/**
 * Group commit for intake on SQLite. better-sqlite3 commits synchronously,
 * and with synchronous=FULL each commit is an fsync that blocks the event
 * loop, so one transaction per report caps intake at the disk's fsync rate.
 * Reports that arrive while a commit is running are written together in the
 * next transaction, each inside its own savepoint (one failing report rolls
 * back alone), and every caller is answered only after the shared commit, so
 * "201 Created" still means "on disk". Later reports in a batch see earlier
 * ones, so duplicates still join. PostgreSQL commits do not block the event
 * loop and intake there takes per-category locks, so it keeps one transaction
 * per report.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';

interface Item {
  work: (em: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private readonly pending: Item[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly maxBatch = 64,
  ) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.db.dialect !== 'sqlite') return this.db.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await this.db.transaction(async (em) => {
            for (const item of batch) {
              await em.query('SAVEPOINT intake_item');
              try {
                outcomes.push({ ok: true, value: await item.work(em) });
                await em.query('RELEASE SAVEPOINT intake_item');
              } catch (error) {
                await em.query('ROLLBACK TO SAVEPOINT intake_item');
                await em.query('RELEASE SAVEPOINT intake_item');
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          for (const item of batch) item.reject(error);
          continue;
        }
        batch.forEach((item, i) => {
          const o = outcomes[i];
          if (o.ok) item.resolve(o.value);
          else item.reject(o.error);
        });
      }
    } finally {
      this.draining = false;
    }
  }
}
