import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { AppError, ConflictError } from '../../server/errors.js';
import { IdempotencyRecordEntity } from '../../server/idempotency/idempotency-record.entity.js';
import { IdempotencyRepository } from '../../server/idempotency/idempotency.repository.js';
import { IdempotencyService, parseIdempotencyKey, requestFingerprint } from '../../server/idempotency/idempotency.service.js';
import { testApp, type TestApp } from '../support/app.js';

describe('idempotency: one answer per Idempotency-Key', () => {
  let t: TestApp;
  let service: IdempotencyService;
  const render = (e: AppError) => ({ status: e.status, body: { error: { code: e.code } } });
  const scope = (over: Partial<{ key: string; principal: string; fingerprint: string }> = {}) => ({ key: randomUUID(), principal: 'user-1', fingerprint: 'f1', ...over });

  before(async () => {
    t = await testApp();
    service = new IdempotencyService(new IdempotencyRepository(t.deps.db), t.deps.clock);
  });
  after(() => t.close());

  it('When five identical requests arrive at once, then the work runs once and all five get its answer', async () => {
    const s = scope();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 100));
      return { status: 200, body: { done: runs } };
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => service.run(s, work, render)));
    expect(runs).to.equal(1);
    expect(answers.map((a) => a.body)).to.deep.equal(new Array(5).fill({ done: 1 }));
    expect(answers.filter((a) => !a.replayed)).to.have.length(1);
  });

  it('When the first request is still working after the wait limit, then the duplicate gets 503 IDEMPOTENCY_IN_PROGRESS to retry', async () => {
    const impatient = new IdempotencyService(new IdempotencyRepository(t.deps.db), t.deps.clock, 150);
    const s = scope();
    // The first request holds its claim until the duplicate has given up (not for a fixed time the duplicate must beat).
    let started!: () => void;
    const working = new Promise<void>((r) => (started = r));
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const slow = impatient.run(s, async () => {
      started();
      await finished;
      return { status: 200, body: 'done' };
    }, render);
    await working;
    let thrown: unknown;
    await impatient.run(s, async () => ({ status: 200, body: 'twice' }), render).catch((e) => (thrown = e));
    finish();
    expect(thrown).to.include({ status: 503, code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect((await slow).body).to.equal('done');
    expect(await impatient.run(s, async () => ({ status: 200, body: 'twice' }), render)).to.deep.equal({ status: 200, body: 'done', replayed: true });
  });

  it('When the work fails with a client error, then that error is the stored answer and is replayed', async () => {
    const s = scope();
    let runs = 0;
    const failing = async () => {
      runs += 1;
      throw new ConflictError('JOB_CANCELLED', 'cancelled');
    };
    const first = await service.run(s, failing, render);
    const again = await service.run(s, failing, render);
    expect([first.status, again.status]).to.deep.equal([409, 409]);
    expect(again.body).to.deep.equal({ error: { code: 'JOB_CANCELLED' } });
    expect(again.replayed).to.equal(true);
    expect(runs).to.equal(1);
  });

  it('When the work crashes unexpectedly, then the claim is released and a retry runs the work', async () => {
    const s = scope();
    let runs = 0;
    const flaky = async () => {
      runs += 1;
      if (runs === 1) throw new Error('database went away');
      return { status: 200, body: { ok: true } };
    };
    let thrown: unknown;
    await service.run(s, flaky, render).catch((e) => (thrown = e));
    expect((thrown as Error).message).to.equal('database went away');
    const retry = await service.run(s, flaky, render);
    expect(retry).to.deep.equal({ status: 200, body: { ok: true }, replayed: false });
  });

  it('When a claim was left by a process that died, then after two minutes a retry takes it over', async () => {
    const s = scope();
    await t.deps.db.manager.getRepository(IdempotencyRecordEntity).insert({ key: s.key, principal: s.principal, requestHash: s.fingerprint, statusCode: 0, responseBody: 'claim:dead', createdAt: new Date(t.clock.now().getTime() - 3 * 60_000).toISOString() });
    const answer = await service.run(s, async () => ({ status: 201, body: { taken: true } }), render);
    expect(answer).to.deep.equal({ status: 201, body: { taken: true }, replayed: false });
  });

  it('When the same key comes with a different request, then 422 IDEMPOTENCY_KEY_REUSED; another user may use the same key', async () => {
    const s = scope();
    await service.run(s, async () => ({ status: 200, body: 1 }), render);
    let thrown: unknown;
    await service.run({ ...s, fingerprint: 'f2' }, async () => ({ status: 200, body: 2 }), render).catch((e) => (thrown = e));
    expect((thrown as AppError).code).to.equal('IDEMPOTENCY_KEY_REUSED');
    const other = await service.run({ ...s, principal: 'user-2', fingerprint: 'f2' }, async () => ({ status: 200, body: 2 }), render);
    expect(other).to.deep.equal({ status: 200, body: 2, replayed: false });
  });

  it('When old records are purged, then those before the cut-off go and recent ones stay', async () => {
    const repo = t.deps.db.manager.getRepository(IdempotencyRecordEntity);
    const row = (key: string, statusCode: number, createdAt: string) => ({ key, principal: 'purge', requestHash: 'f', statusCode, responseBody: '{}', createdAt });
    await repo.insert([row('old', 200, '2026-10-01T00:00:00.000Z'), row('old-claim', 0, '2026-10-01T00:00:00.000Z'), row('new', 200, '2026-11-24T09:00:00.000Z')]);
    expect(await service.purgeBefore('2026-11-17T00:00:00.000Z')).to.equal(2);
    expect((await repo.findBy({ principal: 'purge' })).map((r) => r.key).sort()).to.deep.equal(['new']);
  });

  it('When keys and fingerprints are made, then only UUID keys pass and fingerprints ignore field order', () => {
    expect(parseIdempotencyKey('6F9619FF-8B86-4011-B42D-00C04FC964FF')).to.equal('6f9619ff-8b86-4011-b42d-00c04fc964ff');
    expect(() => parseIdempotencyKey(undefined)).to.throw().with.property('code', 'IDEMPOTENCY_KEY_REQUIRED');
    expect(() => parseIdempotencyKey('1')).to.throw().with.property('code', 'IDEMPOTENCY_KEY_INVALID');
    expect(requestFingerprint({ a: '1', b: '2' })).to.equal(requestFingerprint({ b: '2', a: '1' }));
    expect(requestFingerprint({ a: '1', photo: null })).not.to.equal(requestFingerprint({ a: '1', photo: 'abc' }));
  });
});
