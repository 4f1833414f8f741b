import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { findJob } from '../../server/jobs/registry.js';
import { JobScheduler } from '../../server/jobs/scheduler.js';
import type { LiveEvent } from '../../server/platform/event-bus.js';
import { RoutePlanEntity } from '../../server/scheduling/scheduling.entity.js';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';
import { crewByName, insertWorkOrder } from './crew-builders.js';

// Summaries are free-form per job; the tests read the fields each job documents.
const run = (t: TestApp, jobName: string, now: string, dryRun = false): Promise<any> => findJob(t.deps.jobs, jobName)!.run({ now: new Date(now), slot: now, dryRun });

describe('scheduled jobs: effect of each at a fixed now', () => {
  let t: TestApp;
  let events: LiveEvent[];
  let unsubscribe: () => void;
  beforeEach(async () => {
    t = await testApp({ now: '2026-11-24T10:00:00.000Z' });
    events = [];
    unsubscribe = t.deps.events.subscribe((e) => events.push(e));
  });
  afterEach(async () => {
    unsubscribe();
    await t.close();
  });

  it('When the deadline watch runs, then at-risk and overdue jobs are flagged once with an event and a live update; a dry run changes nothing', async () => {
    const risky = await insertWorkOrder(t.deps, { openedAt: '2026-11-24T08:00:00.000Z', dueAt: '2026-11-24T10:30:00.000Z' });
    const late = await insertWorkOrder(t.deps, { openedAt: '2026-11-24T07:00:00.000Z', dueAt: '2026-11-24T09:00:00.000Z' });
    const fine = await insertWorkOrder(t.deps, { openedAt: '2026-11-24T09:00:00.000Z', dueAt: '2026-11-25T18:00:00.000Z' });
    const dry = await run(t, 'deadline-watch', '2026-11-24T10:00:00.000Z', true);
    expect(dry.atRisk).to.equal(1);
    expect((await t.deps.workOrders.get(risky.id)).deadlineState).to.equal('on_time');

    const summary = await run(t, 'deadline-watch', '2026-11-24T10:00:00.000Z');
    expect(summary).to.include({ atRisk: 1, overdue: 1 });
    expect((await t.deps.workOrders.get(risky.id)).deadlineState).to.equal('at_risk');
    expect((await t.deps.workOrders.get(late.id)).deadlineState).to.equal('overdue');
    expect((await t.deps.workOrders.get(fine.id)).deadlineState).to.equal('on_time');
    expect((await t.deps.workOrders.eventsOf(late.id)).map((e) => e.type)).to.deep.equal(['deadline']);
    expect(events.filter((e) => e.type === 'deadline.changed').map((e) => e.workOrderId).sort()).to.deep.equal([risky.id, late.id].sort());

    const again = await run(t, 'deadline-watch', '2026-11-24T10:05:00.000Z');
    expect(again.changes).to.deep.equal([]);
  });

  it('When an urgent sharps job arrives mid-shift, then it joins the nearest sharps crew’s running route at the cheapest remaining point and that crew is notified', async () => {
    const crew1 = await crewByName(t.deps, 'Crew 1');
    // A second sharps crew whose depot is far away (Speke): not the nearest.
    await t.deps.db.manager.getRepository(CrewEntity).insert({ ...crew1, id: randomUUID(), name: 'Far sharps crew', depotLat: 53.341, depotLng: -2.85, leadUserId: null });
    const date = '2026-11-24';
    const done = await insertWorkOrder(t.deps, { status: 'completed', crewId: crew1.id, routeDate: date, routePosition: 1, completedAt: '2026-11-24T09:30:00.000Z', lat: 53.4140, lng: -2.9440 });
    const next = await insertWorkOrder(t.deps, { status: 'assigned', crewId: crew1.id, routeDate: date, routePosition: 2, lat: 53.4180, lng: -2.9600 });
    const urgent = await insertWorkOrder(t.deps, { categoryCode: 'sharps', priority: 'urgent', lat: 53.4142, lng: -2.9448, dueAt: '2026-11-24T12:00:00.000Z' });
    const summary = await run(t, 'urgent-insert', '2026-11-24T10:00:00.000Z');
    expect(summary.placed).to.have.length(1);
    const placed = await t.deps.workOrders.get(urgent.id);
    expect(placed).to.include({ status: 'assigned', crewId: crew1.id, routeDate: date, routePosition: 2 });
    expect((await t.deps.workOrders.get(next.id)).routePosition).to.equal(3);
    expect((await t.deps.workOrders.get(done.id)).routePosition).to.equal(1);
    expect(events.some((e) => e.type === 'crew.notified' && e.crewId === crew1.id && e.workOrderId === urgent.id)).to.equal(true);
  });

  it('When the nearest sharps crew’s shift is nearly over, then the next crew with room takes the job; when nobody has room, a dispatcher is alerted', async () => {
    const crew1 = await crewByName(t.deps, 'Crew 1');
    const late = { ...crew1, id: randomUUID(), name: 'Late sharps crew', depotLat: 53.40, depotLng: -2.90, leadUserId: null, shift: { days: [1, 2, 3, 4, 5, 6], start: '12:00', end: '20:00' } };
    await t.deps.db.manager.getRepository(CrewEntity).insert(late);
    const first = await insertWorkOrder(t.deps, { categoryCode: 'sharps', priority: 'urgent', lat: 53.4142, lng: -2.9448, dueAt: '2026-11-24T16:00:00.000Z' });
    const summary = await run(t, 'urgent-insert', '2026-11-24T14:50:00.000Z');
    expect(summary.placed.map((p: { crew: string }) => p.crew)).to.deep.equal(['Late sharps crew']);
    expect((await t.deps.workOrders.get(first.id)).crewId).to.equal(late.id);

    const second = await insertWorkOrder(t.deps, { categoryCode: 'sharps', priority: 'urgent', lat: 53.4142, lng: -2.9448, dueAt: '2026-11-24T21:00:00.000Z' });
    const evening = await run(t, 'urgent-insert', '2026-11-24T19:50:00.000Z');
    expect(evening.unplaced).to.deep.equal([second.reference]);
    expect(events.some((e) => e.type === 'urgent.unplaced' && e.workOrderId === second.id)).to.equal(true);
  });

  it('When no crew with the skill is on duty (evening), then the urgent job is left for a dispatcher', async () => {
    const urgent = await insertWorkOrder(t.deps, { categoryCode: 'sharps', priority: 'urgent' });
    const summary = await run(t, 'urgent-insert', '2026-11-24T19:00:00.000Z');
    expect(summary.unplaced).to.deep.equal([urgent.reference]);
    expect((await t.deps.workOrders.get(urgent.id)).crewId).to.equal(null);
  });

  it('When the 06:00 plan runs, then a draft plan for the day exists; with autoPublish on, the jobs are on the crews’ days', async () => {
    const wo = await insertWorkOrder(t.deps, { dueAt: '2026-11-24T14:00:00.000Z' });
    const draft = await run(t, 'plan-day', '2026-11-24T06:00:00.000Z');
    expect(draft).to.include({ date: '2026-11-24', status: 'draft', planned: 1 });
    expect((await t.deps.workOrders.get(wo.id)).crewId).to.equal(null);
    await t.deps.db.manager.getRepository(SettingEntity).save({ key: 'planner', value: { autoPublish: true }, updatedAt: '2026-11-24T00:00:00.000Z' });
    const published = await run(t, 'plan-day', '2026-11-24T06:00:00.000Z');
    expect(published.status).to.equal('published');
    expect((await t.deps.workOrders.get(wo.id)).status).to.equal('assigned');
    expect(await t.deps.db.manager.getRepository(RoutePlanEntity).countBy({ routeDate: '2026-11-24', status: 'superseded' })).to.equal(1);
  });

  it('When the service was down at 06:00, then start-up catch-up makes that day’s plan once', async () => {
    await insertWorkOrder(t.deps, { dueAt: '2026-11-24T14:00:00.000Z' });
    const scheduler = new JobScheduler(t.deps, t.deps.jobs);
    const results = await scheduler.catchUp(new Date('2026-11-24T10:00:00.000Z'));
    expect(results.find((r) => r.job === 'plan-day')).to.deep.include({ slot: '2026-11-24T06:00:00.000Z' });
    expect(await scheduler.catchUp(new Date('2026-11-24T10:02:00.000Z'))).to.deep.equal([]);
    expect(await t.deps.db.manager.getRepository(RoutePlanEntity).countBy({ routeDate: '2026-11-24' })).to.equal(1);
    const runs = await t.deps.jobRunner.runsOf('plan-day');
    expect(runs.map((r) => [r.slot, r.status])).to.deep.equal([['2026-11-24T06:00:00.000Z', 'succeeded']]);
  });

  it('When a weekday 07:30 sweep comes round, then one work order opens per occurrence, runs that overlap open nothing twice, and a missed morning is caught up', async () => {
    const admin = await t.as('admin');
    t.clock.set('2026-11-24T07:00:00.000Z');
    const created = await admin.post('/api/sweeps').send({ name: 'Sheil Road alleyways', categoryCode: 'litter', points: [{ ...SHEIL_ROAD, address: 'Sheil Road back alley' }], recurrence: '30 7 * * 1-5' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const bad = await admin.post('/api/sweeps').send({ name: 'x', categoryCode: 'litter', points: [SHEIL_ROAD], recurrence: 'every weekday' });
    expect(bad.status).to.equal(400);

    const [a, b] = await Promise.all([run(t, 'recurring-sweeps', '2026-11-24T07:35:00.000Z'), run(t, 'recurring-sweeps', '2026-11-24T07:35:00.000Z')]);
    expect([...a.workOrders, ...b.workOrders]).to.have.length(1);
    const wos = await t.deps.db.manager.getRepository(WorkOrderEntity).findBy({ sweepId: created.body.id });
    expect(wos).to.have.length(1);
    expect(wos[0]).to.include({ status: 'accepted', openedAt: '2026-11-24T07:30:00.000Z', wardCode: KENSINGTON });
    expect((await run(t, 'recurring-sweeps', '2026-11-24T07:40:00.000Z')).workOrders).to.deep.equal([]);
    // Down from Tuesday 07:40 to Wednesday 08:00: Wednesday's occurrence still opens, once.
    expect((await run(t, 'recurring-sweeps', '2026-11-25T08:00:00.000Z')).occurrences).to.deep.equal(['Sheil Road alleyways @ 2026-11-25T07:30:00.000Z']);
    expect(await t.deps.db.manager.getRepository(WorkOrderEntity).countBy({ sweepId: created.body.id })).to.equal(2);
  });

  it('When five reports of one kind cluster within 100 m over two weeks, then a sweep is suggested once, and accepting it creates the sweep', async () => {
    const repo = t.deps.db.manager.getRepository(ServiceRequestEntity);
    for (let i = 0; i < 6; i++) {
      await repo.insert({
        id: randomUUID(), reference: `KB-T-${i}`, trackingToken: randomUUID(), categoryCode: 'condoms', workOrderId: null, source: 'public', apiClientId: null, externalId: null,
        lat: SHEIL_ROAD.lat + i * 0.0001, lng: SHEIL_ROAD.lng, postcode: null, address: null, description: 'x', publicSummary: null, answers: {}, wardCode: KENSINGTON, zone: 2,
        createdAt: `2026-11-${String(14 + i).padStart(2, '0')}T20:00:00.000Z`,
      } as never);
    }
    // One far away and one too old: not part of the cluster.
    await repo.insert({ id: randomUUID(), reference: 'KB-T-old', trackingToken: randomUUID(), categoryCode: 'condoms', workOrderId: null, source: 'public', apiClientId: null, externalId: null, lat: SHEIL_ROAD.lat, lng: SHEIL_ROAD.lng, postcode: null, address: null, description: 'x', publicSummary: null, answers: {}, wardCode: KENSINGTON, zone: 2, createdAt: '2026-11-01T20:00:00.000Z' } as never);
    await repo.insert({ id: randomUUID(), reference: 'KB-T-far', trackingToken: randomUUID(), categoryCode: 'condoms', workOrderId: null, source: 'public', apiClientId: null, externalId: null, lat: 53.42, lng: -2.9, postcode: null, address: null, description: 'x', publicSummary: null, answers: {}, wardCode: KENSINGTON, zone: 2, createdAt: '2026-11-20T20:00:00.000Z' } as never);
    const first = await run(t, 'hotspot-detection', '2026-11-24T02:30:00.000Z');
    expect(first.suggested).to.have.length(1);
    expect(first.suggested[0]).to.include({ categoryCode: 'condoms', reports: 6 });
    expect((await run(t, 'hotspot-detection', '2026-11-25T02:30:00.000Z')).suggested).to.deep.equal([]);

    const d = await t.as('dispatcher');
    const list = await d.get('/api/hotspots');
    expect(list.body).to.have.length(1);
    const accepted = await d.post(`/api/hotspots/${list.body[0].id}/accept`).send({ recurrence: '0 7 * * 1-5' });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    expect(accepted.body.status).to.equal('accepted');
    const sweeps = await d.get('/api/sweeps');
    expect(sweeps.body.map((s: { id: string }) => s.id)).to.include(accepted.body.sweepId);
    const twice = await d.post(`/api/hotspots/${list.body[0].id}/accept`).send({ recurrence: '0 7 * * 1-5' });
    expect(twice.status).to.equal(409);
  });
});
