import { expect } from 'chai';
import { SessionEntity } from '../../server/auth/session.entity.js';
import { findJob } from '../../server/jobs/registry.js';
import { testApp, type TestApp } from '../support/app.js';

describe('session-purge: the nightly clean-up of expired login sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const sids = async () => (await t.deps.db.manager.getRepository(SessionEntity).find()).map((r) => r.sid).sort();

  it('When it runs, then expired sessions are deleted and live ones stay; a dry run deletes nothing', async () => {
    const repo = t.deps.db.manager.getRepository(SessionEntity);
    const hour = 3600_000;
    await repo.insert([
      { sid: 'expired-yesterday', data: '{}', expiresAt: new Date(Date.now() - 24 * hour).toISOString() },
      { sid: 'live-for-an-hour', data: '{}', expiresAt: new Date(Date.now() + hour).toISOString() },
    ]);
    const job = findJob(t.deps.jobs, 'session-purge')!;
    expect(job, 'the job is registered').to.exist;

    expect(await job.run({ now: new Date(), slot: 'x', dryRun: true })).to.deep.equal({ dryRun: true });
    expect(await sids()).to.include('expired-yesterday');

    const summary = await job.run({ now: new Date(), slot: 'x', dryRun: false });
    expect(summary).to.deep.equal({ purged: 1 });
    expect(await sids()).to.deep.equal(['live-for-an-hour']);
  });
});
