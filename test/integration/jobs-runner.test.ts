import { expect } from 'chai';
import type { JobDefinition } from '../../server/jobs/job.js';
import { JobRunEntity } from '../../server/jobs/job-run.entity.js';
import { JobScheduler, slotsBetween } from '../../server/jobs/scheduler.js';
import { testApp, type TestApp } from '../support/app.js';

function countingJob(name: string, schedule: string, catchUp: boolean, calls: string[]): JobDefinition {
  return {
    name,
    schedule,
    catchUp,
    description: 'test job',
    async run(ctx) {
      calls.push(ctx.slot);
      return { slot: ctx.slot };
    },
  };
}

describe('job framework (claim, record, catch-up)', () => {
  let t: TestApp;
  // One database for the suite: every test uses its own job names.
  before(async () => {
    t = await testApp({ now: '2026-11-24T10:00:00.000Z' });
  });
  after(() => t.close());

  it('When the same slot is run twice (two instances, or a restart), then the job runs once and the second is skipped', async () => {
    const calls: string[] = [];
    const job = countingJob('test-once', '*/5 * * * *', false, calls);
    const runner = t.deps.jobRunner;
    const [a, b] = await Promise.all([runner.runSlot(job, '2026-11-24T10:00:00.000Z'), runner.runSlot(job, '2026-11-24T10:00:00.000Z')]);
    expect([a.outcome, b.outcome].sort()).to.deep.equal(['ran', 'skipped']);
    expect(calls).to.deep.equal(['2026-11-24T10:00:00.000Z']);
    const runs = await runner.runsOf('test-once');
    expect(runs).to.have.length(1);
    expect(runs[0]).to.include({ status: 'succeeded', slot: '2026-11-24T10:00:00.000Z' });
    expect(JSON.parse(runs[0].summary!)).to.deep.equal({ slot: '2026-11-24T10:00:00.000Z' });
  });

  it('When a job throws, then its run is recorded as failed with the error and duration', async () => {
    const job: JobDefinition = { name: 'test-fails', schedule: '* * * * *', catchUp: false, description: 'x', run: async () => { throw new Error('boom'); } };
    const result = await t.deps.jobRunner.runSlot(job, '2026-11-24T10:00:00.000Z');
    expect(result.outcome).to.equal('failed');
    const [run] = await t.deps.jobRunner.runsOf('test-fails');
    expect(run.status).to.equal('failed');
    expect(run.error).to.contain('boom');
    expect(run.durationMs).to.be.a('number');
  });

  it('When the service was down over a daily 06:00 slot, then start-up catch-up runs that slot once and a second start does not', async () => {
    const calls: string[] = [];
    const daily = countingJob('test-daily', '0 6 * * *', true, calls);
    const noCatchUp = countingJob('test-nocatch', '0 6 * * *', false, []);
    const scheduler = new JobScheduler(t.deps, [daily, noCatchUp]);
    const first = await scheduler.catchUp(new Date('2026-11-24T10:00:00.000Z'));
    expect(first.map((r) => [r.job, r.slot, r.result.outcome])).to.deep.equal([['test-daily', '2026-11-24T06:00:00.000Z', 'ran']]);
    const second = await scheduler.catchUp(new Date('2026-11-24T10:01:00.000Z'));
    expect(second).to.deep.equal([]);
    expect(calls).to.deep.equal(['2026-11-24T06:00:00.000Z']);
  });

  /** A claim row as an instance leaves it when it dies mid-run. */
  async function abandonedClaim(jobName: string, slot: string, startedAt: string): Promise<void> {
    await t.deps.db.transaction((em) =>
      em.getRepository(JobRunEntity).insert({ jobName, slot, status: 'running', instance: 'dead-instance', startedAt, finishedAt: null, durationMs: null, summary: null, error: null } as never),
    );
  }

  it('When the instance that claimed the 06:00 slot died mid-run, then catch-up hours later takes the run over and finishes it, exactly once across two starting instances', async () => {
    const calls: string[] = [];
    const daily = countingJob('test-abandoned', '0 6 * * *', true, calls);
    await abandonedClaim('test-abandoned', '2026-11-24T06:00:00.000Z', '2026-11-24T06:00:02.000Z');
    const now = new Date('2026-11-24T10:00:00.000Z');
    const [a, b] = await Promise.all([new JobScheduler(t.deps, [daily]).catchUp(now), new JobScheduler(t.deps, [daily]).catchUp(now)]);
    expect([...a, ...b].map((r) => r.result.outcome)).to.deep.equal(['ran']);
    expect(calls).to.deep.equal(['2026-11-24T06:00:00.000Z']);
    const [run] = await t.deps.jobRunner.runsOf('test-abandoned');
    expect(run.status).to.equal('succeeded');
    expect(run.instance).to.equal(t.deps.instanceId.slice(0, 80));
    expect(run.error).to.contain('dead-instance');
  });

  it('When a claimed run started only half an hour ago, then catch-up leaves it to the instance running it', async () => {
    const calls: string[] = [];
    const daily = countingJob('test-still-running', '0 9 * * *', true, calls);
    await abandonedClaim('test-still-running', '2026-11-24T09:00:00.000Z', '2026-11-24T09:30:00.000Z');
    expect(await new JobScheduler(t.deps, [daily]).catchUp(new Date('2026-11-24T10:00:00.000Z'))).to.deep.equal([]);
    expect(calls).to.deep.equal([]);
    const [run] = await t.deps.jobRunner.runsOf('test-still-running');
    expect(run).to.include({ status: 'running', instance: 'dead-instance' });
  });

  it('When an instance dies mid-run, then once its lease runs out two reaping instances re-run a catch-up job exactly once and record a frequent job failed; a live lease is left alone', async () => {
    const calls: string[] = [];
    const daily = countingJob('test-lease-daily', '0 6 * * *', true, calls);
    const frequent = countingJob('test-lease-frequent', '*/5 * * * *', false, calls);
    const lease = (jobName: string, slot: string, leaseUntil: string) =>
      t.deps.db.transaction((em) =>
        em.getRepository(JobRunEntity).insert({ jobName, slot, status: 'running', instance: 'killed-instance', startedAt: '2026-11-24T09:55:00.000Z', leaseUntil, finishedAt: null, durationMs: null, summary: null, error: null } as never),
      );
    await lease('test-lease-daily', '2026-11-24T06:00:00.000Z', '2026-11-24T09:57:00.000Z');
    await lease('test-lease-frequent', '2026-11-24T09:55:00.000Z', '2026-11-24T09:57:00.000Z');
    const now = new Date('2026-11-24T10:00:00.000Z');
    const before = new Date('2026-11-24T09:56:00.000Z');
    // Still inside the lease: nobody touches it.
    expect(await t.deps.jobRunner.reapExpired([daily, frequent], before)).to.deep.equal([]);
    const [a, b] = await Promise.all([t.deps.jobRunner.reapExpired([daily, frequent], now), t.deps.jobRunner.reapExpired([daily, frequent], now)]);
    const reaped = [...a, ...b].map((r) => [r.job, typeof r.result === 'string' ? r.result : r.result.outcome]);
    expect(reaped).to.have.deep.members([['test-lease-daily', 'ran'], ['test-lease-frequent', 'marked-failed']]);
    expect(calls).to.deep.equal(['2026-11-24T06:00:00.000Z']);
    const [daily1] = await t.deps.jobRunner.runsOf('test-lease-daily');
    expect(daily1).to.include({ status: 'succeeded', instance: t.deps.instanceId.slice(0, 80) });
    expect(daily1.error).to.contain('killed-instance');
    const [frequent1] = await t.deps.jobRunner.runsOf('test-lease-frequent');
    expect(frequent1.status).to.equal('failed');
    expect(frequent1.error).to.contain('abandoned');
    // Reaping again finds nothing left.
    expect(await t.deps.jobRunner.reapExpired([daily, frequent], new Date('2026-11-24T11:00:00.000Z'))).to.deep.equal([]);
  });

  it('When a job runs longer than its lease, then its instance renews the lease and nobody takes the run over', async () => {
    const { JobRunner } = await import('../../server/jobs/job-runner.js');
    const { JobRunRepository } = await import('../../server/jobs/job-run.repository.js');
    const { FixedClock } = await import('../../server/platform/clock.js');
    // The instances' clock moves only when the test moves it, so a stalled event loop cannot make a lease look expired;
    // the renewals themselves still run on the runner's real timer (every third of the lease).
    const clock = new FixedClock(new Date('2026-11-24T10:00:00.000Z'));
    const runner = new JobRunner({ jobRuns: new JobRunRepository(t.deps.db), clock, logger: t.deps.logger, instanceId: 'slow-instance', leaseMs: 300 });
    let release!: () => void;
    const slow: JobDefinition = { name: 'test-lease-slow', schedule: '0 6 * * *', catchUp: true, description: 'x', run: () => new Promise((r) => (release = () => r({}))) };
    const running = runner.runSlot(slow, '2026-11-24T06:00:00.000Z');
    const leaseUntil = async () => (await t.deps.db.manager.getRepository(JobRunEntity).findOneBy({ jobName: 'test-lease-slow' }))?.leaseUntil ?? null;
    const heldPast = async (at: Date) => {
      const until = await leaseUntil();
      return until !== null && Date.parse(until) > at.getTime();
    };
    // Three lease lengths pass, one at a time; within each the running instance renews the lease past the new time.
    for (let i = 1; i <= 3; i++) {
      clock.advance(300);
      const deadline = Date.now() + 10_000;
      while (!(await heldPast(clock.now()))) {
        if (Date.now() > deadline) throw new Error(`lease not renewed in lease length ${i} (until ${await leaseUntil()}, now ${clock.now().toISOString()})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    // Three lease lengths later, the row is still held: another instance's reaper finds it renewed.
    const other = new JobRunner({ jobRuns: new JobRunRepository(t.deps.db), clock, logger: t.deps.logger, instanceId: 'other', leaseMs: 300 });
    expect(await other.reapExpired([slow])).to.deep.equal([]);
    release();
    expect((await running).outcome).to.equal('ran');
    const [run] = await runner.runsOf('test-lease-slow');
    expect(run).to.include({ status: 'succeeded', instance: 'slow-instance' });
  });

  it('When the 06:00 slot already ran, then catch-up leaves it alone', async () => {
    const calls: string[] = [];
    const daily = countingJob('test-daily2', '0 6 * * *', true, calls);
    await t.deps.jobRunner.runSlot(daily, '2026-11-24T06:00:00.000Z');
    await new JobScheduler(t.deps, [daily]).catchUp(new Date('2026-11-24T10:00:00.000Z'));
    expect(calls).to.have.length(1);
  });

  it('When slots are listed across the spring clock change, then 06:00 means London time (05:00 UTC in summer)', () => {
    const slots = slotsBetween({ schedule: '0 6 * * *' }, 'Europe/London', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'));
    expect(slots.map((d) => d.toISOString())).to.deep.equal(['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z']);
  });
});
