import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { GroupCommit } from '../../server/platform/group-commit.js';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_DB_KIND } from '../support/test-env.js';

type Work = (em: EntityManager) => Promise<unknown>;

/** A group commit whose inputs are pieces of work, run in arrival order (intake's writer decides a whole batch the same way). */
function workCommits(db: Pick<Database, 'transactionSyncedOffLoop' | 'statementSyncedOffLoop'>, lock?: string): GroupCommit<Work, unknown> {
  return new GroupCommit<Work, unknown>(
    db,
    async (em, works) => {
      const out: unknown[] = [];
      for (const work of works) out.push(await work(em));
      return out;
    },
    { lock },
  );
}

describe('intake group commit', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('When reports are written together and one fails half-way, then the batch is written again one by one: only that one is refused and the others are stored', async () => {
    const commits = workCommits(t.deps.db);
    const write = (key: string, fail = false) =>
      commits.run(async (em) => {
        await em.getRepository(SettingEntity).insert({ key, value: 1, updatedAt: '2026-11-24T10:00:00.000Z' } as never);
        if (fail) throw new Error(`refused ${key}`);
        return key;
      });
    const results = await Promise.allSettled([write('gc.a'), write('gc.b'), write('gc.c', true), write('gc.d')]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const keys = (await t.deps.db.manager.getRepository(SettingEntity).find()).map((s) => s.key).filter((k) => k.startsWith('gc.'));
    expect(keys.sort()).to.deep.equal(['gc.a', 'gc.b', 'gc.d']);
    expect(commits.stats.retried, 'the four were retried alone').to.equal(4);
  });

  // PostgreSQL takes the lock with BEGIN in one round trip and rolls back by hand: a failed batch must leave its pool
  // connection with no transaction open, or the next batch on it would run inside the failed one.
  it('When batches under an advisory lock fail again and again, then every failure is rolled back and later batches still commit', async () => {
    const commits = workCommits(t.deps.db, 'intake-test');
    const write = (key: string, fail = false) =>
      commits.run(async (em) => {
        await em.getRepository(SettingEntity).insert({ key, value: 1, updatedAt: '2026-11-24T10:00:00.000Z' } as never);
        if (fail) throw new Error(`refused ${key}`);
        return key;
      });
    // More failed transactions than the pool has connections.
    for (let round = 0; round < 12; round++) {
      const results = await Promise.allSettled([write(`gl.${round}.ok`), write(`gl.${round}.bad`, true)]);
      expect(results.map((r) => r.status), `round ${round}`).to.deep.equal(['fulfilled', 'rejected']);
    }
    const keys = (await t.deps.db.manager.getRepository(SettingEntity).find()).map((s) => s.key).filter((k) => k.startsWith('gl.'));
    expect(keys.sort()).to.deep.equal(Array.from({ length: 12 }, (_, r) => `gl.${r}.ok`).sort());
  });

  // Both databases: reports arriving together share one transaction.
  it('When a later report in the same batch sees an earlier one, then it can build on it (duplicates join inside a batch)', async () => {
    const commits = workCommits(t.deps.db);
    const repo = () => t.deps.db.manager.getRepository(SettingEntity);
    const [first, second] = await Promise.all([
      commits.run(async (em) => {
        await em.getRepository(SettingEntity).insert({ key: 'gc.first', value: 1, updatedAt: 'x' } as never);
        return 'first';
      }),
      commits.run(async (em) => (await em.getRepository(SettingEntity).findOneBy({ key: 'gc.first' })) ? 'saw first' : 'did not see first'),
    ]);
    expect([first, second]).to.deep.equal(['first', 'saw first']);
    expect(await repo().findOneBy({ key: 'gc.first' })).to.not.equal(null);
  });

  // The commit runs with synchronous=NORMAL and the WAL is fsynced off the event loop: nobody may hear "saved" before that fsync.
  (TEST_DB_KIND === 'sqlite' ? it : it.skip)('When the WAL fsync is still running, then the caller is not answered until it finishes, and the row is already committed', async () => {
    const db = t.deps.db;
    const original = db.syncWal;
    const synced: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    db.syncWal = async (file: string) => {
      synced.push(file);
      await gate;
      await original(file);
    };
    try {
      const commits = workCommits(db);
      let answered = false;
      const done = commits.run(async (em) => {
        await em.getRepository(SettingEntity).insert({ key: 'gc.synced', value: 1, updatedAt: 'x' } as never);
        return 'ok';
      }).then((v) => {
        answered = true;
        return v;
      });
      for (let i = 0; i < 20 && synced.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(synced).to.have.length(1);
      expect(synced[0]).to.match(/-wal$/);
      expect(answered, 'answered before the fsync').to.equal(false);
      expect(await db.manager.getRepository(SettingEntity).findOneBy({ key: 'gc.synced' })).to.not.equal(null);
      release();
      expect(await done).to.equal('ok');
      // The connection is back to FULL for everyone else's commits.
      const [{ synchronous }] = (await db.manager.query('PRAGMA synchronous')) as { synchronous: number }[];
      expect(synchronous).to.equal(2);
    } finally {
      db.syncWal = original;
    }
  });

  (TEST_DB_KIND === 'sqlite' ? it : it.skip)('When the WAL fsync fails, then every report of that batch is refused, not acknowledged', async () => {
    const db = t.deps.db;
    const original = db.syncWal;
    db.syncWal = async () => {
      throw new Error('EIO: disk gone');
    };
    try {
      const commits = workCommits(db);
      const results = await Promise.allSettled([
        commits.run(async () => 'a'),
        commits.run(async () => 'b'),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    } finally {
      db.syncWal = original;
    }
  });

  (TEST_DB_KIND === 'sqlite' ? it : it.skip)('When commits ask for the WAL fsync while one is running, then they share one new fsync that starts after it, never the running one', async () => {
    const db = t.deps.db;
    const original = db.fdatasyncWal;
    const gates: (() => void)[] = [];
    db.fdatasyncWal = () => new Promise<void>((resolve) => gates.push(resolve));
    try {
      const settled: string[] = [];
      const first = db.syncWal('x-wal').then(() => settled.push('first'));
      const second = db.syncWal('x-wal').then(() => settled.push('second'));
      const third = db.syncWal('x-wal').then(() => settled.push('third'));
      await new Promise((r) => setImmediate(r));
      expect(gates, 'only the first fsync runs').to.have.length(1);
      gates[0]!();
      await first;
      await new Promise((r) => setImmediate(r));
      expect(settled, 'the later callers wait for an fsync of their own').to.deep.equal(['first']);
      expect(gates, 'one shared fsync started after the first').to.have.length(2);
      gates[1]!();
      await Promise.all([second, third]);
      expect(settled).to.deep.equal(['first', 'second', 'third']);
      expect(gates).to.have.length(2);
    } finally {
      db.fdatasyncWal = original;
    }
  });
});
