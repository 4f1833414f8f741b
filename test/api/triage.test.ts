import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from '../../server/work-orders/work-order.entity.js';
import { canTransition, WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { MemoryMailer, testApp, type TestApp } from '../support/app.js';

const PUBLIC = { kind: 'anonymous' as const, label: 'Member of the public' };
let spot = 0;
/** A fresh place each time, 100 m apart, inside Kensington and Fairfield. */
function place(): { lat: number; lng: number } {
  spot += 1;
  return { lat: 53.4100 + (spot % 8) * 0.0009, lng: -2.9440 + Math.floor(spot / 8) * 0.0015 };
}

describe('triage actions (dispatcher)', () => {
  let t: TestApp;
  let dispatcher: TestAgent;
  const report = (categoryCode = 'litter', extra: Record<string, unknown> = {}) =>
    t.deps.intake.submit({ categoryCode, ...place(), description: 'Something to clear', source: 'public', ...extra }, PUBLIC);
  const wo = (id: string) => t.deps.workOrders.get(id);
  const setStatus = (id: string, status: WorkOrderStatus) => t.deps.db.manager.getRepository(WorkOrderEntity).update({ id }, { status });

  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
    dispatcher = await t.as('dispatcher');
  });
  after(() => t.close());

  it('When a dispatcher accepts a new work order with its version, then it is accepted, the version moves on and one event row is written', async () => {
    const r = await report();
    const before = await wo(r.workOrderId);
    const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/accept`).send({ version: before.version });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status).to.equal('accepted');
    expect(res.body.version).to.equal(before.version + 1);
    const events = await t.deps.db.manager.getRepository(WorkOrderEventEntity).findBy({ workOrderId: r.workOrderId, type: 'accepted' });
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ fromStatus: 'new', toStatus: 'accepted', actorLabel: 'Dana Dispatcher' });
  });

  it('When the version is stale, then 409 STALE_VERSION with the current version and nothing changes', async () => {
    const r = await report();
    const current = await wo(r.workOrderId);
    await dispatcher.post(`/api/work-orders/${r.workOrderId}/priority`).send({ version: current.version, priority: 'high' });
    const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/accept`).send({ version: current.version });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('STALE_VERSION');
    expect(res.body.error.details.currentVersion).to.equal(current.version + 1);
    expect((await wo(r.workOrderId)).status).to.equal('new');
  });

  it('When an action has no version, then 400 VALIDATION_FAILED', async () => {
    const r = await report();
    const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/accept`).send({});
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('VALIDATION_FAILED');
  });

  it('When the work order does not exist, then 404 WORK_ORDER_NOT_FOUND', async () => {
    const res = await dispatcher.post('/api/work-orders/00000000-0000-4000-8000-000000000000/accept').send({ version: 1 });
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('WORK_ORDER_NOT_FOUND');
  });

  describe('every status × accept / reject through the API', () => {
    for (const from of WORK_ORDER_STATUSES) {
      for (const [action, to, body] of [
        ['accept', 'accepted', {}],
        ['reject', 'rejected', { reason: 'already_cleared', message: 'Our crew had already cleared this.' }],
      ] as const) {
        const allowed = canTransition(from, to);
        it(`When a work order in "${from}" is sent to ${action}, then ${allowed ? '200' : '409 INVALID_TRANSITION'}`, async () => {
          const r = await report();
          await setStatus(r.workOrderId, from);
          const current = await wo(r.workOrderId);
          const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/${action}`).send({ version: current.version, ...body });
          if (allowed) {
            expect(res.status, JSON.stringify(res.body)).to.equal(200);
            expect(res.body.status).to.equal(to);
          } else {
            expect(res.status).to.equal(409);
            expect(res.body.error.code).to.equal('INVALID_TRANSITION');
            expect(res.body.error.details).to.include({ from, to });
            expect((await wo(r.workOrderId)).status).to.equal(from);
          }
        });
      }
    }
  });

  it('When a dispatcher rejects with a message, then the reporter is emailed that message and sees it on the tracking page', async () => {
    const r = await report('litter', { contact: { email: 'rejected@example.org' } });
    await t.deps.notifications.settled();
    const current = await wo(r.workOrderId);
    const res = await dispatcher
      .post(`/api/work-orders/${r.workOrderId}/reject`)
      .send({ version: current.version, reason: 'not_council_land', message: 'This is inside a private car park; the owner has to clear it.' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.outcomeReason).to.equal('not_council_land');
    await t.deps.notifications.settled();
    const mails = (t.mailer as MemoryMailer).sent.filter((m) => m.to === 'rejected@example.org');
    expect(mails.map((m) => m.subject)).to.deep.equal([`We've received your report ${r.reference}`, `Closed without clearing: your report ${r.reference}`]);
    expect(mails[1].text).to.contain('private car park');
    const track = await t.anon().get(`/api/track/${r.trackingToken}`);
    expect(track.body.status).to.equal('rejected');
    expect(track.body.timeline.at(-1).note).to.contain('private car park');
  });

  it('When a reject has no message, then 400 VALIDATION_FAILED', async () => {
    const r = await report();
    const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/reject`).send({ version: (await wo(r.workOrderId)).version });
    expect(res.status).to.equal(400);
  });

  describe('merge', () => {
    it('When A is merged into B, then A is a duplicate pointing at B and its reports and photos move to B', async () => {
      const a = await report();
      const b = await report();
      const res = await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: (await wo(a.workOrderId)).version, intoId: b.workOrderId });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.equal('duplicate');
      expect(res.body.mergedIntoId).to.equal(b.workOrderId);
      const moved = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ id: a.serviceRequestId });
      expect(moved.workOrderId).to.equal(b.workOrderId);
      const target = await dispatcher.get(`/api/work-orders/${b.workOrderId}`);
      expect(target.body.reports.map((x: { reference: string }) => x.reference).sort()).to.deep.equal([a.reference, b.reference].sort());
      expect(target.body.events.map((e: { type: string }) => e.type)).to.include('merged_in');
    });

    it('When merged into itself, a closed work order or a missing one, then 422 / 409 / 422 and nothing changes', async () => {
      const a = await report();
      const closed = await report();
      await setStatus(closed.workOrderId, 'completed');
      const v = (await wo(a.workOrderId)).version;
      const self = await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: v, intoId: a.workOrderId });
      expect([self.status, self.body.error.code]).to.deep.equal([422, 'MERGE_INTO_SELF']);
      const intoClosed = await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: v, intoId: closed.workOrderId });
      expect([intoClosed.status, intoClosed.body.error.code]).to.deep.equal([409, 'MERGE_TARGET_CLOSED']);
      const missing = await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: v, intoId: '00000000-0000-4000-8000-000000000000' });
      expect([missing.status, missing.body.error.code]).to.deep.equal([422, 'MERGE_TARGET_NOT_FOUND']);
      expect((await wo(a.workOrderId)).status).to.equal('new');
    });

    it('When the merge names a stale version, then 409 STALE_VERSION and no report moves', async () => {
      const a = await report();
      const b = await report();
      const res = await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: 99, intoId: b.workOrderId });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('STALE_VERSION');
      expect((await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ id: a.serviceRequestId })).workOrderId).to.equal(a.workOrderId);
    });

    it('When a merged work order is later cleared, then every reporter of both is told it was cleared', async () => {
      const a = await report('litter', { contact: { email: 'first@example.org' } });
      const b = await report('litter', { contact: { email: 'second@example.org' } });
      await dispatcher.post(`/api/work-orders/${a.workOrderId}/merge`).send({ version: (await wo(a.workOrderId)).version, intoId: b.workOrderId });
      for (const to of ['accepted', 'assigned', 'in_progress', 'completed'] as const) {
        await t.deps.workOrders.changeById(b.workOrderId, { to, actor: SYSTEM_ACTOR, event: { type: 'status', isPublic: true } });
      }
      await t.deps.notifications.settled();
      const cleared = (t.mailer as MemoryMailer).sent.filter((m) => m.subject.startsWith('Cleared'));
      expect(cleared.map((m) => m.to).sort()).to.include.members(['first@example.org', 'second@example.org']);
      const toFirst = cleared.find((m) => m.to === 'first@example.org')!;
      expect(toFirst.text).to.contain(`/track/${a.trackingToken}`);
    });
  });

  describe('split', () => {
    it('When one report is split out, then it gets a new work order with its own deadline and the old one keeps the rest', async () => {
      const first = await report('litter');
      t.clock.advance(30 * 60_000);
      const at = await wo(first.workOrderId);
      const second = await t.deps.intake.submit({ categoryCode: 'litter', lat: at.lat, lng: at.lng, description: 'Actually a dumped fridge', source: 'public' }, PUBLIC);
      expect(second.workOrderId).to.equal(first.workOrderId);
      const res = await dispatcher.post(`/api/work-orders/${first.workOrderId}/split`).send({ version: at.version, requestId: second.serviceRequestId });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.reports.map((r: { id: string }) => r.id)).to.deep.equal([first.serviceRequestId]);
      const created = await wo(res.body.created.id);
      expect(created.reference).to.match(/^WO-26-\d{6}$/);
      const moved = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ id: second.serviceRequestId });
      expect(moved.workOrderId).to.equal(created.id);
      expect(created.openedAt).to.equal(moved.createdAt);
    });

    it('When the only report would be split out, then 409 LAST_REQUEST; an unknown report is 404', async () => {
      const r = await report();
      const v = (await wo(r.workOrderId)).version;
      const last = await dispatcher.post(`/api/work-orders/${r.workOrderId}/split`).send({ version: v, requestId: r.serviceRequestId });
      expect([last.status, last.body.error.code]).to.deep.equal([409, 'LAST_REQUEST']);
      const unknown = await dispatcher.post(`/api/work-orders/${r.workOrderId}/split`).send({ version: v, requestId: '00000000-0000-4000-8000-000000000000' });
      expect([unknown.status, unknown.body.error.code]).to.deep.equal([404, 'REQUEST_NOT_FOUND']);
    });
  });

  describe('recategorise', () => {
    it('When litter turns out to be sharps, then the deadline becomes 2 hours from the report and the priority urgent', async () => {
      const r = await report('litter');
      const before = await wo(r.workOrderId);
      const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/recategorise`).send({ version: before.version, categoryCode: 'sharps' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.categoryCode).to.equal('sharps');
      expect(res.body.priority).to.equal('urgent');
      expect(res.body.dueAt).to.equal(new Date(Date.parse(before.openedAt) + 2 * 3_600_000).toISOString());
      const event = res.body.events.find((e: { type: string }) => e.type === 'recategorised');
      expect(event.data).to.deep.include({ from: 'litter', to: 'sharps' });
    });

    it('When recategorised to fly-tipping, then it is due at the end of the second working day after the report', async () => {
      const r = await report('litter');
      const before = await wo(r.workOrderId);
      const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/recategorise`).send({ version: before.version, categoryCode: 'fly-tipping' });
      const expected = await t.deps.sla.dueAt({ kind: 'working_days', days: 2 }, before.openedAt, before.zone);
      expect(res.body.dueAt).to.equal(expected);
    });

    it('When the category is unknown, then 422 UNKNOWN_CATEGORY', async () => {
      const r = await report();
      const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/recategorise`).send({ version: (await wo(r.workOrderId)).version, categoryCode: 'dragons' });
      expect([res.status, res.body.error.code]).to.deep.equal([422, 'UNKNOWN_CATEGORY']);
    });
  });

  it('When the priority is changed, then it is stored with an event; an unknown priority is 400', async () => {
    const r = await report();
    const v = (await wo(r.workOrderId)).version;
    const bad = await dispatcher.post(`/api/work-orders/${r.workOrderId}/priority`).send({ version: v, priority: 'whenever' });
    expect(bad.status).to.equal(400);
    const res = await dispatcher.post(`/api/work-orders/${r.workOrderId}/priority`).send({ version: v, priority: 'low' });
    expect(res.body.priority).to.equal('low');
    expect(res.body.events.at(-1)).to.deep.include({ type: 'priority', data: { from: 'normal', to: 'low' } });
  });

  it('When a crew lead or councillor tries a triage action, then 403 FORBIDDEN', async () => {
    const r = await report();
    for (const role of ['crew_lead', 'councillor']) {
      const agent = await t.as(role);
      const res = await agent.post(`/api/work-orders/${r.workOrderId}/accept`).send({ version: 1 });
      expect(res.status, role).to.equal(403);
    }
  });
});
