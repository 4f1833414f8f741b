import { expect } from 'chai';
import { testApp, type TestApp } from '../support/app.js';
import { crewByName, insertWorkOrder } from './crew-builders.js';

describe('manual dispatch (assign, move, reorder, unassign)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('When a dispatcher assigns an accepted job, then it is on the crew’s day at the end, assigned, with an event', async () => {
    const d = await t.as('dispatcher');
    const crew = await crewByName(t.deps, 'Crew 3');
    const wo = await insertWorkOrder(t.deps);
    const res = await d.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew.id, version: wo.version, date: '2026-11-25' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ id: wo.id, status: 'assigned', crewId: crew.id, routeDate: '2026-11-25', routePosition: 1, version: 2 });
    const events = await t.deps.workOrders.eventsOf(wo.id);
    expect(events.map((e) => e.type)).to.deep.equal(['assigned']);
    expect(events[0].actorLabel).to.equal('Dana Dispatcher');
  });

  it('When two dispatchers assign the same job from the same version, then one wins and the other gets 409 STALE_VERSION', async () => {
    const [a, b] = [await t.as('dispatcher'), await t.as('admin')];
    const crew3 = await crewByName(t.deps, 'Crew 3');
    const crew2 = await crewByName(t.deps, 'Crew 2');
    const wo = await insertWorkOrder(t.deps);
    const [r1, r2] = await Promise.all([
      a.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew3.id, version: 1, date: '2026-11-26' }),
      b.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew2.id, version: 1, date: '2026-11-26' }),
    ]);
    expect([r1.status, r2.status].sort()).to.deep.equal([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect(loser.body.error.code).to.equal('STALE_VERSION');
    const winner = r1.status === 200 ? r1 : r2;
    const stored = await t.deps.workOrders.get(wo.id);
    expect(stored.crewId).to.equal(winner.body.crewId);
    expect(stored.version).to.equal(2);
  });

  it('When the crew lacks the category’s skill, then the assignment is refused with 422 SKILL_REQUIRED and nothing changes', async () => {
    const d = await t.as('dispatcher');
    const crew3 = await crewByName(t.deps, 'Crew 3'); // graffiti + general, no sharps
    const wo = await insertWorkOrder(t.deps, { categoryCode: 'sharps' });
    const res = await d.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew3.id, version: 1 });
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('SKILL_REQUIRED');
    expect((await t.deps.workOrders.get(wo.id)).version).to.equal(1);
  });

  it('When the job is closed, then assigning it is refused with 409 INVALID_TRANSITION', async () => {
    const d = await t.as('dispatcher');
    const crew = await crewByName(t.deps, 'Crew 3');
    const wo = await insertWorkOrder(t.deps, { status: 'completed' });
    const res = await d.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew.id, version: 1 });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('INVALID_TRANSITION');
  });

  it('When a new (untriaged) job is assigned, then it is accepted and assigned in two recorded steps', async () => {
    const d = await t.as('dispatcher');
    const crew = await crewByName(t.deps, 'Crew 3');
    const wo = await insertWorkOrder(t.deps, { status: 'new' });
    const res = await d.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: crew.id, version: 1, date: '2026-11-27' });
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('assigned');
    expect((await t.deps.workOrders.eventsOf(wo.id)).map((e) => [e.type, e.toStatus])).to.deep.equal([['status', 'accepted'], ['assigned', 'assigned']]);
  });

  it('When a job is inserted at position 1, moved within the day and to another crew, then both days stay numbered 1..n in the chosen order', async () => {
    const d = await t.as('dispatcher');
    const crew3 = await crewByName(t.deps, 'Crew 3');
    const crew2 = await crewByName(t.deps, 'Crew 2');
    const date = '2026-11-30';
    const [a, b, c] = [await insertWorkOrder(t.deps), await insertWorkOrder(t.deps), await insertWorkOrder(t.deps)];
    const assign = async (id: string, crewId: string, position?: number) => {
      const version = (await t.deps.workOrders.get(id)).version;
      const res = await d.post(`/api/work-orders/${id}/assign`).send({ crewId, version, date, position });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    };
    const order = async (crewId: string) => (await d.get(`/api/crews/${crewId}/day?date=${date}`)).body.workOrders.map((w: { id: string; routePosition: number }) => [w.id, w.routePosition]);
    await assign(a.id, crew3.id);
    await assign(b.id, crew3.id);
    await assign(c.id, crew3.id, 1);
    expect(await order(crew3.id)).to.deep.equal([[c.id, 1], [a.id, 2], [b.id, 3]]);
    await assign(c.id, crew3.id, 3); // reorder within the day
    expect(await order(crew3.id)).to.deep.equal([[a.id, 1], [b.id, 2], [c.id, 3]]);
    await assign(a.id, crew2.id); // move to another crew
    expect(await order(crew3.id)).to.deep.equal([[b.id, 1], [c.id, 2]]);
    expect(await order(crew2.id)).to.deep.equal([[a.id, 1]]);
  });

  it('When a job is unassigned, then it goes back to accepted, off the day, and the day closes the gap', async () => {
    const d = await t.as('dispatcher');
    const crew = await crewByName(t.deps, 'Crew 3');
    const date = '2026-12-01';
    const a = await insertWorkOrder(t.deps);
    const b = await insertWorkOrder(t.deps);
    await d.post(`/api/work-orders/${a.id}/assign`).send({ crewId: crew.id, version: 1, date });
    await d.post(`/api/work-orders/${b.id}/assign`).send({ crewId: crew.id, version: 1, date });
    const res = await d.post(`/api/work-orders/${a.id}/unassign`).send({ version: 2 });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'accepted', crewId: null, routeDate: null, routePosition: null });
    const stale = await d.post(`/api/work-orders/${a.id}/unassign`).send({ version: 2 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('STALE_VERSION');
    const day = (await d.get(`/api/crews/${crew.id}/day?date=${date}`)).body;
    expect(day.workOrders.map((w: { id: string; routePosition: number }) => [w.id, w.routePosition])).to.deep.equal([[b.id, 1]]);
  });
});
