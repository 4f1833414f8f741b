import { expect } from 'chai';
import { testApp, type TestApp } from '../support/app.js';
import { crewByName } from './crew-builders.js';

const newCrew = {
  name: 'Crew 9 – Night sharps',
  depotLat: 53.41,
  depotLng: -2.93,
  skills: ['sharps', 'general'],
  capacity: 8,
  members: ['Ola', 'Ben'],
  shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
  exceptions: [{ date: '2026-11-26', available: false, reason: 'Vehicle off road' }],
};

describe('crews (CRUD, shift and scoping)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('When a dispatcher lists crews, then each has id, name and skills', async () => {
    const res = await (await t.as('dispatcher')).get('/api/crews');
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(3);
    for (const c of res.body) expect(c).to.include.keys('id', 'name', 'skills', 'capacity', 'shift', 'depotLat', 'depotLng');
  });

  it('When an admin creates, changes and retires a crew, then each step is kept and a stale version is refused', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/crews').send(newCrew);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ name: newCrew.name, capacity: 8, version: 1 });
    const dup = await admin.post('/api/crews').send(newCrew);
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('CREW_NAME_TAKEN');
    const changed = await admin.patch(`/api/crews/${created.body.id}`).send({ version: 1, capacity: 12 });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ capacity: 12, version: 2 });
    const stale = await admin.patch(`/api/crews/${created.body.id}`).send({ version: 1, capacity: 3 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('STALE_VERSION');
    const retired = await admin.delete(`/api/crews/${created.body.id}`);
    expect(retired.status).to.equal(200);
    expect(retired.body.active).to.equal(false);
    const list = await admin.get('/api/crews');
    expect(list.body.map((c: { name: string }) => c.name)).not.to.include(newCrew.name);
  });

  it('When a crew’s lead is not a crew-lead account, then it is refused with 422 LEAD_NOT_CREW_LEAD', async () => {
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as { id: string; role: string }[];
    const dispatcher = users.find((u) => u.role === 'dispatcher')!;
    const lead = users.find((u) => u.role === 'crew_lead')!;
    const bad = await admin.post('/api/crews').send({ ...newCrew, name: 'Crew lead check', leadUserId: dispatcher.id });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.code).to.equal('LEAD_NOT_CREW_LEAD');
    const good = await admin.post('/api/crews').send({ ...newCrew, name: 'Crew lead check', leadUserId: lead.id });
    expect(good.status).to.equal(201);
  });

  it('When a crew is created with a bad shift, then the fields are named in a 400', async () => {
    const res = await (await t.as('admin')).post('/api/crews').send({ ...newCrew, name: 'Bad', shift: { days: [1], start: '15:00', end: '07:00' } });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('VALIDATION_FAILED');
  });

  it('When a crew lead opens their own day, then they see it with the shift in London time; another crew’s day is 403 NOT_YOUR_CREW', async () => {
    const lead = await t.as('crew_lead');
    const own = await crewByName(t.deps, 'Crew 1');
    const other = await crewByName(t.deps, 'Crew 2');
    const mine = await lead.get(`/api/crews/${own.id}/day?date=2026-11-24`);
    expect(mine.status).to.equal(200);
    expect(mine.body.shift).to.deep.equal({ start: '2026-11-24T07:00:00.000Z', end: '2026-11-24T15:00:00.000Z' });
    const summer = await lead.get(`/api/crews/${own.id}/day?date=2026-07-07`);
    expect(summer.body.shift.start).to.equal('2026-07-07T06:00:00.000Z');
    const theirs = await lead.get(`/api/crews/${other.id}/day`);
    expect(theirs.status).to.equal(403);
    expect(theirs.body.error.code).to.equal('NOT_YOUR_CREW');
  });

  it('When a crew has a dated exception or the day is off its pattern, then its day has no shift', async () => {
    const admin = await t.as('admin');
    const crew = await crewByName(t.deps, 'Crew 3');
    await admin.patch(`/api/crews/${crew.id}`).send({ version: crew.version, exceptions: [{ date: '2026-11-25', available: false, reason: 'Leave' }] });
    expect((await admin.get(`/api/crews/${crew.id}/day?date=2026-11-25`)).body.shift).to.equal(null);
    expect((await admin.get(`/api/crews/${crew.id}/day?date=2026-11-29`)).body.shift).to.equal(null); // Sunday
  });

  it('When a councillor asks for crews, then it is forbidden', async () => {
    const res = await (await t.as('councillor')).get('/api/crews');
    expect(res.status).to.equal(403);
  });
});
