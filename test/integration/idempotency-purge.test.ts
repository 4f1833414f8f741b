import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { IdempotencyRecordEntity } from '../../server/idempotency/idempotency-record.entity.js';
import { IdempotencyRepository } from '../../server/idempotency/idempotency.repository.js';
import { IdempotencyService } from '../../server/idempotency/idempotency.service.js';
import { findJob } from '../../server/jobs/registry.js';
import { testApp, type TestApp } from '../support/app.js';

describe('idempotency-purge: the nightly clean-up of stored Idempotency-Key answers', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  /** A key answered at `at`, as a crew step would leave it. */
  const answeredAt = async (at: string): Promise<string> => {
    t.clock.set(at);
    const key = randomUUID();
    await new IdempotencyService(new IdempotencyRepository(t.deps.db), t.deps.clock).run(
      { key, principal: 'user-1', fingerprint: 'f'.repeat(64) },
      async () => ({ status: 200, body: { at } }),
      (e) => ({ status: e.status, body: null }),
    );
    return key;
  };
  const keys = async () => (await t.deps.db.manager.getRepository(IdempotencyRecordEntity).find()).map((r) => r.key);

  it('When it runs at 03:30, then answers older than 7 days go and newer ones stay, so a tablet back after a long weekend still gets its replay', async () => {
    const job = findJob(t.deps.jobs, 'idempotency-purge');
    expect(job, 'registered with the scheduler').to.not.equal(undefined);
    expect(job!.schedule).to.equal('30 3 * * *');
    const now = new Date('2026-11-24T03:30:00.000Z');
    const old = await answeredAt('2026-11-10T12:00:00.000Z');
    const justOver = await answeredAt('2026-11-17T03:29:00.000Z');
    const justUnder = await answeredAt('2026-11-17T03:31:00.000Z');
    const lastNight = await answeredAt('2026-11-23T22:00:00.000Z');

    const dry = await job!.run({ now, slot: now.toISOString(), dryRun: true });
    expect(dry.purged).to.equal(2);
    expect(await keys()).to.have.members([old, justOver, justUnder, lastNight]);

    const summary = await job!.run({ now, slot: now.toISOString(), dryRun: false });
    expect(summary).to.deep.equal({ before: '2026-11-17T03:30:00.000Z', purged: 2 });
    expect(await keys()).to.have.members([justUnder, lastNight]);
  });
});
