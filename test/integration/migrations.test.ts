import { expect } from 'chai';
import { openAppDatabase } from '../../server/entities.js';
import { migrations } from '../../db/migrations/index.js';
import { JobRunEntity } from '../../server/jobs/job-run.entity.js';
import { WorkOrderRepository } from '../../server/work-orders/work-order.repository.js';
import { OPEN_STATUSES } from '../../server/work-orders/work-order.state.js';
import { emptyDatabaseTarget, TEST_DB_KIND } from '../support/test-env.js';

describe(`migrations on ${TEST_DB_KIND}`, () => {
  it('When run on an empty database, then every migration applies, reverts and re-applies cleanly', async () => {
    const db = await openAppDatabase(await emptyDatabaseTarget(), { migrate: false });
    try {
      const ran = await db.migrate();
      expect(ran).to.have.length(migrations.length);
      expect(await db.dataSource.showMigrations()).to.equal(false);
      const tables = await db.dataSource.createQueryRunner().getTables(['work_order', 'service_request', 'photo', 'job_run']);
      expect(tables.map((t) => t.name).sort()).to.deep.equal(['job_run', 'photo', 'service_request', 'work_order']);
      for (let i = 0; i < migrations.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
      expect(await db.dataSource.createQueryRunner().hasTable('work_order')).to.equal(false);
      expect(await db.migrate()).to.have.length(migrations.length);
    } finally {
      await db.close();
    }
  });

  it('When the unique job-slot key is hit twice, then the second insert fails (the exactly-once guarantee)', async () => {
    const db = await openAppDatabase(await emptyDatabaseTarget());
    try {
      const row = { jobName: 'demo', slot: '2026-11-30T06:00:00.000Z', status: 'running' as const, instance: 'a', startedAt: '2026-11-30T06:00:00.000Z' };
      const insert = () => db.manager.getRepository(JobRunEntity).insert(row);
      await insert();
      let failed = false;
      await insert().catch(() => (failed = true));
      expect(failed).to.equal(true);
    } finally {
      await db.close();
    }
  });

  if (TEST_DB_KIND === 'sqlite') {
    it("When intake looks for an open duplicate, then SQLite reads the (category, status, lat, lng) index, not the whole category", async () => {
      // The query intake runs, planned on the migrated schema.
      const db = await openAppDatabase(await emptyDatabaseTarget());
      try {
        const plan = (await db.dataSource.query(`EXPLAIN QUERY PLAN ${WorkOrderRepository.OPEN_IN_BOX_SQL}`, [53.4, 53.41, -2.95, -2.94, 'sharps', ...OPEN_STATUSES])) as { detail: string }[];
        expect(plan.map((p) => p.detail).join('\n')).to.match(/USING INDEX ix_wo_nearby_lng \(category_code=\? AND status=\? AND lat>\? AND lat<\?\)/);
        const indexes = (await db.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'work_order'")) as { name: string }[];
        expect(indexes.map((i) => i.name)).to.not.include('ix_wo_lat');
      } finally {
        await db.close();
      }
    });

    it('When SQLite opens, then WAL, foreign keys and a busy timeout are on', async () => {
      const db = await openAppDatabase(await emptyDatabaseTarget(), { migrate: false });
      try {
        const [mode] = await db.dataSource.query('PRAGMA journal_mode');
        const [fk] = await db.dataSource.query('PRAGMA foreign_keys');
        const [busy] = await db.dataSource.query('PRAGMA busy_timeout');
        expect(mode.journal_mode).to.equal('wal');
        expect(fk.foreign_keys).to.equal(1);
        expect(Object.values(busy)[0]).to.be.greaterThan(0);
      } finally {
        await db.close();
      }
    });
  }
});
