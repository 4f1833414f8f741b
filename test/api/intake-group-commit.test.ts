import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { allocateReferences } from '../../server/intake/references.js';
import { GroupCommit } from '../../server/platform/group-commit.js';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD, TEST_START } from '../support/fixtures.js';
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

  // A batch reads its reference counters with its other reads and writes them back with its rows; on
  // PostgreSQL the read locks them, so any other writer (a work order opened by hand, by a sweep) waits.
  it('When reports arrive together while work orders are numbered elsewhere at the same time, then every reference is used once, in one unbroken run, and the counters end at the last', async () => {
    const reports = Array.from({ length: 24 }, (_, i) =>
      t.deps.intake.submit(
        { categoryCode: 'litter', lat: SHEIL_ROAD.lat + 0.002 * (i % 6), lng: SHEIL_ROAD.lng + 0.003 * Math.floor(i / 6), description: `Counted ${i}`, source: 'public' },
        { kind: 'anonymous', label: 'Member of the public' },
      ),
    );
    const byHand = Array.from({ length: 6 }, () =>
      t.deps.db.transaction((em) => allocateReferences(em, 'WO', 2, new Date(TEST_START), 'Europe/London')),
    );
    const [submitted, handed] = await Promise.all([Promise.all(reports), Promise.all(byHand)]);
    const requestNumbers = submitted.map((r) => Number(r.reference.slice(-6))).sort((x, y) => x - y);
    const workOrderNumbers = [...new Set(submitted.map((r) => r.workOrderReference)), ...handed.flat()].map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
    expect(new Set(requestNumbers).size).to.equal(24);
    expect(new Set(workOrderNumbers).size, 'no work order number twice').to.equal(workOrderNumbers.length);
    const run = (numbers: number[]) => numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
    expect(run(requestNumbers), requestNumbers.join(',')).to.equal(true);
    expect(run(workOrderNumbers), workOrderNumbers.join(',')).to.equal(true);
    const counters: { series: string; value: number | string }[] = await t.deps.db.manager.query('SELECT series, value FROM reference_counter ORDER BY series');
    expect(counters.map((c) => [c.series, Number(c.value)])).to.deep.equal([
      ['KB-26', requestNumbers.at(-1)],
      ['WO-26', workOrderNumbers.at(-1)],
    ]);
  });

  (TEST_DB_KIND === 'postgres' ? it : it.skip)('When another transaction holds the work-order counter, then a batch waits for it and numbers after what it took', async () => {
    const report = (i: number) =>
      t.deps.intake.submit(
        { categoryCode: 'graffiti', lat: SHEIL_ROAD.lat - 0.002 * i, lng: SHEIL_ROAD.lng, description: `Waits ${i}`, answers: { offensive: false }, source: 'public' },
        { kind: 'anonymous', label: 'Member of the public' },
      );
    await report(1); // the counters exist and this process knows them
    const other = t.deps.db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      const taken = await allocateReferences(other.manager, 'WO', 2, new Date(TEST_START), 'Europe/London');
      const waiting = report(2);
      // The batch reads the counters FOR UPDATE, so it now waits on the other transaction's row lock.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [row]: { n: number | string }[] = await t.deps.db.manager.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (Number(row!.n) > 0) break;
        if (Date.now() > deadline) throw new Error('the batch never waited for the counter');
        await new Promise((r) => setTimeout(r, 20));
      }
      await other.commitTransaction();
      const after = await waiting;
      expect(taken).to.not.include(after.workOrderReference);
      expect(Number(after.workOrderReference.slice(-6))).to.equal(Number(taken[1]!.slice(-6)) + 1);
    } finally {
      await other.release();
    }
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
      // Wait for the batch to reach its fsync (it is held there by the gate), however slow the machine.
      for (const deadline = Date.now() + 10_000; synced.length === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 5));
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
