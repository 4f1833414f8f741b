import { expect } from 'chai';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { crewByName, insertWorkOrder } from './crew-builders.js';

describe('planner (plan a day, publish)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ now: '2026-11-24T18:00:00.000Z' });
  });
  after(() => t.close());

  it('When a dispatcher plans tomorrow and publishes, then every job is on a crew with its skill, in order, with planned starts; a job changed meanwhile is skipped', async () => {
    const d = await t.as('dispatcher');
    const due = '2026-11-25T15:00:00.000Z';
    const sharps = await insertWorkOrder(t.deps, { categoryCode: 'sharps', lat: 53.4150, lng: -2.9500, dueAt: due });
    const flyTip = await insertWorkOrder(t.deps, { categoryCode: 'fly-tipping', lat: 53.4100, lng: -2.9400, dueAt: due, wasteData: { size: 'small_van_load' } });
    const litter = await insertWorkOrder(t.deps, { categoryCode: 'litter', lat: 53.4120, lng: -2.9350, dueAt: due });
    const changedLater = await insertWorkOrder(t.deps, { categoryCode: 'litter', lat: 53.4130, lng: -2.9380, dueAt: due });
    const res = await d.post('/api/plans').send({ date: '2026-11-25' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const plan = res.body;
    expect(plan.status).to.equal('draft');
    const byWo = new Map(plan.assignments.map((a: { workOrderId: string }) => [a.workOrderId, a]));
    for (const wo of [sharps, flyTip, litter, changedLater]) expect(byWo.has(wo.id), wo.categoryCode).to.equal(true);
    const crew1 = await crewByName(t.deps, 'Crew 1');
    const crew2 = await crewByName(t.deps, 'Crew 2');
    expect((byWo.get(sharps.id) as { crewId: string }).crewId).to.equal(crew1.id);
    expect((byWo.get(flyTip.id) as { crewId: string }).crewId).to.equal(crew2.id);
    for (const a of plan.assignments) {
      expect(a.plannedStartAt >= '2026-11-25T07:00:00.000Z' && a.plannedStartAt < '2026-11-25T15:00:00.000Z', a.plannedStartAt).to.equal(true);
      expect(a.late).to.equal(false);
    }

    await t.deps.workOrders.changeById(changedLater.id, { patch: { priority: 'high' }, event: { type: 'priority' }, actor: { userId: null, label: 'test' } });
    const published = await d.post(`/api/plans/${plan.id}/publish`).send({});
    expect(published.status, JSON.stringify(published.body)).to.equal(200);
    expect(published.body.status).to.equal('published');
    expect(published.body.summary.skipped).to.deep.equal([changedLater.id]);
    const stored = await t.deps.workOrders.get(sharps.id);
    expect(stored).to.include({ status: 'assigned', crewId: crew1.id, routeDate: '2026-11-25' });
    expect(stored.plannedStartAt).to.equal((byWo.get(sharps.id) as { plannedStartAt: string }).plannedStartAt);
    expect((await t.deps.workOrders.eventsOf(sharps.id)).map((e) => e.type)).to.include('planned');
    const again = await d.post(`/api/plans/${plan.id}/publish`).send({});
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('PLAN_NOT_DRAFT');
  });

  it('When the council sets a longer service time for a category, then the planner uses it (a 10-hour detritus job no longer fits an 8-hour shift)', async () => {
    const wo = await insertWorkOrder(t.deps, { categoryCode: 'detritus', dueAt: '2026-11-26T15:00:00.000Z' });
    const actor = { userId: null, label: 'test' };
    const before = await t.deps.planner.planDay('2026-11-26', { trigger: 'manual', actor, dryRun: true });
    expect(before.assignments.map((a) => a.workOrderId)).to.include(wo.id);
    await t.deps.db.manager.getRepository(SettingEntity).save({ key: 'planner', value: { serviceMinutes: { detritus: 600 } }, updatedAt: '2026-11-24T00:00:00.000Z' });
    const after = await t.deps.planner.planDay('2026-11-26', { trigger: 'manual', actor, dryRun: true });
    expect(after.summary.unplanned).to.include(wo.id);
    await t.deps.db.manager.getRepository(SettingEntity).delete({ key: 'planner' });
  });

  it('When there is no crew on duty (Sunday), then the plan leaves every job unplanned', async () => {
    const wo = await insertWorkOrder(t.deps, { dueAt: '2026-11-30T15:00:00.000Z' });
    const plan = await t.deps.planner.planDay('2026-11-29', { trigger: 'manual', actor: { userId: null, label: 'test' } });
    expect(plan.assignments).to.deep.equal([]);
    expect(plan.summary.unplanned).to.include(wo.id);
  });
});
