import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { CREW1, CREW2, crewId, jobFor, photoFile, send } from './crew-job-builders.js';

const BEFORE = () => photoFile('orientation/pillow_hopper.jpg');
const AFTER = () => photoFile('orientation/pillow_hopper_orientation_3.jpg');
const ASSIGNED = '2026-11-24T09:00:00.000Z';
const SENT = '2026-11-24T11:00:00.000Z';

describe('crew jobs sent later from offline: the tap time, not the arrival time', () => {
  let t: TestApp;
  let crew: TestAgent;
  before(async () => {
    t = await testApp({ now: ASSIGNED });
    crew = await t.as('crew_lead');
  });
  after(() => t.close());

  /** A job given to Crew 1 at 09:00; the clock then moves to 11:00, when the tablet regains signal. */
  const jobAssignedAtNine = async () => {
    t.clock.set(ASSIGNED);
    const wo = await jobFor(t.deps, { crew: CREW1 });
    t.clock.set(SENT);
    return wo;
  };
  const eventOf = async (id: string, type: string) => (await t.deps.workOrders.eventsOf(id)).find((e) => e.type === type)!;

  it('When a start tapped at 10:00 and a completion tapped at 10:25 both arrive at 11:00, then 25 minutes on site, and the arrival time is kept', async () => {
    const wo = await jobAssignedAtNine();
    const started = await send(crew, wo.id, 'start', { photo: BEFORE(), data: { capturedAt: '2026-11-24T10:00:00.000Z' } });
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    const done = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { capturedAt: '2026-11-24T10:25:00.000Z', photoTakenAt: '2026-11-24T10:24:40.000Z', position: { lat: 53.42, lng: -2.95 } } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body).to.include({ status: 'completed', startedAt: '2026-11-24T10:00:00.000Z', completedAt: '2026-11-24T10:25:00.000Z' });
    const completed = await eventOf(wo.id, 'completed');
    expect(completed.data).to.include({ timeOnSiteMinutes: 25, at: '2026-11-24T10:25:00.000Z', receivedAt: SENT });
    expect((await eventOf(wo.id, 'started')).data).to.include({ at: '2026-11-24T10:00:00.000Z', receivedAt: SENT });
    const stored = await t.deps.db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: wo.id });
    expect(stored.closedAt).to.equal('2026-11-24T10:25:00.000Z');
  });

  it('When the tablet’s clock says a time in the future (beyond two minutes), then server time, and the claimed time is kept in the event', async () => {
    const wo = await jobAssignedAtNine();
    const res = await send(crew, wo.id, 'start', { photo: BEFORE(), data: { capturedAt: '2026-11-24T11:05:00.000Z' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.startedAt).to.equal(SENT);
    expect((await eventOf(wo.id, 'started')).data).to.include({ at: SENT, receivedAt: SENT, capturedAt: '2026-11-24T11:05:00.000Z' });
  });

  it('When a tap time is before the job was assigned, then server time', async () => {
    const wo = await jobAssignedAtNine();
    const res = await send(crew, wo.id, 'start', { photo: BEFORE(), data: { capturedAt: '2026-11-24T08:30:00.000Z' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.startedAt).to.equal(SENT);
  });

  it('When a completion’s tap time is before its start, then server time for the completion', async () => {
    const wo = await jobAssignedAtNine();
    await send(crew, wo.id, 'start', { photo: BEFORE(), data: { capturedAt: '2026-11-24T10:00:00.000Z' } });
    const res = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { capturedAt: '2026-11-24T09:50:00.000Z' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ startedAt: '2026-11-24T10:00:00.000Z', completedAt: SENT });
    expect((await eventOf(wo.id, 'completed')).data).to.include({ timeOnSiteMinutes: 60 });
  });

  it('When the job came to this crew from another at 10:30, then a tap at 10:00 is not believed; reordering the same crew’s day does not count as a move', async () => {
    const moved = await jobAssignedAtNine();
    const reordered = await jobAssignedAtNine();
    const [crew1, crew2] = [await crewId(t.deps, CREW1), await crewId(t.deps, CREW2)];
    t.clock.set('2026-11-24T10:30:00.000Z');
    const dispatcher = { userId: null, label: 'Dispatcher' };
    await t.deps.db.transaction(async (em) => {
      await t.deps.workOrders.addEvent(em, moved.id, { type: 'assigned', actor: dispatcher, data: { crewId: crew2, from: { crewId: crew1 } } });
      await t.deps.workOrders.addEvent(em, moved.id, { type: 'assigned', actor: dispatcher, data: { crewId: crew1, from: { crewId: crew2 } } });
      await t.deps.workOrders.addEvent(em, reordered.id, { type: 'route_position', actor: dispatcher, data: { crewId: crew1, position: 3, from: { crewId: crew1 } } });
    });
    t.clock.set(SENT);
    const tapped = { capturedAt: '2026-11-24T10:00:00.000Z' };
    expect((await send(crew, moved.id, 'start', { photo: BEFORE(), data: tapped })).body.startedAt).to.equal(SENT);
    expect((await send(crew, reordered.id, 'start', { photo: BEFORE(), data: tapped })).body.startedAt).to.equal('2026-11-24T10:00:00.000Z');
  });

  it('When the tap time is unreadable, then the step is still accepted at server time (queued evidence is never refused for it)', async () => {
    const wo = await jobAssignedAtNine();
    const res = await send(crew, wo.id, 'start', { photo: BEFORE(), data: { capturedAt: 'yesterday-ish' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.startedAt).to.equal(SENT);
  });
});
