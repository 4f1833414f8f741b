/**
 * Production SQLite folds its WAL back into the database from a worker
 * thread (db/checkpointer.ts), not inside the main connection's commits.
 * Seen from outside: with the main connection's own limit far away, the
 * database file still grows as the WAL is copied into it, and a close stops
 * the worker so the process can exit.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { openAppDatabase } from '../../server/entities.js';
import { tmpRoot } from '../support/test-env.js';

describe('SQLite checkpoints in a worker thread', function () {
  this.timeout(30_000);

  it('When rows are written with background checkpoints on, then the database file takes them in without the main connection checkpointing', async () => {
    const file = path.join(tmpRoot, `checkpointer-${process.pid}.sqlite`);
    const db = await openAppDatabase({ kind: 'sqlite', file }, { migrate: false });
    try {
      db.startBackgroundCheckpoints();
      const [{ wal_autocheckpoint: limit }] = (await db.manager.query('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
      expect(limit).to.equal(10_000);
      await db.manager.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const before = statSync(file).size;
      // ~4 MB: about 1000 pages, a tenth of the main connection's own limit.
      for (let batch = 0; batch < 20; batch++) {
        await db.transaction(async (em) => {
          for (let i = 0; i < 50; i++) await em.query('INSERT INTO filler (body) VALUES (?)', ['x'.repeat(4000)]);
        });
      }
      let after = statSync(file).size;
      // The worker checkpoints every 200 ms; a loaded machine may take a while to get round to it.
      for (const deadline = Date.now() + 20_000; after < before + 3_000_000 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
        after = statSync(file).size;
      }
      expect(after - before, 'bytes copied from the WAL into the database file').to.be.greaterThan(3_000_000);
    } finally {
      await db.close();
    }
  });
});
