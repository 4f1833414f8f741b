import { expect } from 'chai';
import type { IntakeActor } from '../../server/intake/intake.service.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON } from '../support/fixtures.js';

const PUBLIC = { kind: 'anonymous' as const, label: 'Member of the public' };
const PARTNER = { kind: 'partner' as const, label: 'Merseyside Police', apiClientId: '00000000-0000-4000-8000-0000000000aa' };
/** Liverpool city centre (Central ward), not Kensington. */
const CITY_CENTRE = { lat: 53.4057, lng: -2.9826 };
const CONTACT = { name: 'Priya Private', email: 'priya.private@example.org', phone: '07700 900456' };

describe('work-order list and detail', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await testApp();
    const sub = (key: string, input: Parameters<TestApp['deps']['intake']['submit']>[0], actor: IntakeActor = PUBLIC) =>
      t.deps.intake.submit(input, actor).then((r) => (ids[key] = r.workOrderId));
    await sub('sharps', { categoryCode: 'sharps', lat: 53.4142, lng: -2.9448, description: 'Needles', answers: { item_count: 2, near_play_area: true }, source: 'public', contact: CONTACT });
    await sub('litter', { categoryCode: 'litter', lat: 53.4120, lng: -2.9400, description: 'Litter', source: 'public' });
    await sub('flytip', { categoryCode: 'fly-tipping', lat: 53.4160, lng: -2.9380, description: 'Sofa', answers: { size: 'single_item', waste_type: 'other_household' }, source: 'partner', externalId: 'P-1' }, PARTNER);
    await sub('central', { categoryCode: 'litter', ...CITY_CENTRE, description: 'Litter in town', source: 'public', contact: CONTACT });
  });
  after(() => t.close());

  it('When the test places are located, then the city-centre one is outside Kensington', () => {
    expect(t.deps.wardLocator.wardAt(CITY_CENTRE.lat, CITY_CENTRE.lng)?.code).to.be.a('string').and.not.equal(KENSINGTON);
  });

  it('When a dispatcher lists without filters, then every work order comes back, earliest deadline first, with report counts', async () => {
    const res = await (await t.as('dispatcher')).get('/api/work-orders');
    expect(res.status).to.equal(200);
    expect(res.body.total).to.equal(4);
    expect(res.body.items[0].id).to.equal(ids.sharps);
    const due = res.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect(due).to.deep.equal([...due].sort());
    expect(res.body.items[0]).to.include({ reportCount: 1, categoryCode: 'sharps', deadlineState: 'on_time' });
    expect(res.body.items[0].ward).to.deep.equal({ code: KENSINGTON, name: 'Kensington and Fairfield' });
  });

  it('When filtered by status, category, ward, source, dueBefore and paging, then only matching rows come back', async () => {
    const d = await t.as('dispatcher');
    const q = async (qs: string) => (await d.get(`/api/work-orders?${qs}`)).body;
    expect((await q('status=accepted')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.sharps]);
    expect((await q('status=new,accepted')).total).to.equal(4);
    expect((await q('category=fly-tipping')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.flytip]);
    expect((await q(`ward=${KENSINGTON}`)).total).to.equal(3);
    expect((await q('source=partner')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.flytip]);
    expect((await q('dueBefore=2026-11-24T13:00:00Z')).items.map((i: { id: string }) => i.id)).to.deep.equal([ids.sharps]);
    const page2 = await q('pageSize=3&page=2');
    expect([page2.total, page2.items.length, page2.page]).to.deep.equal([4, 1, 2]);
  });

  it('When the clock moves past three quarters of the sharps response time, then atRisk finds it; past the deadline overdue does', async () => {
    const d = await t.as('dispatcher');
    t.clock.set('2026-11-24T11:45:00.000Z');
    const atRisk = (await d.get('/api/work-orders?atRisk=true')).body;
    expect(atRisk.items.map((i: { id: string }) => i.id)).to.deep.equal([ids.sharps]);
    expect(atRisk.items[0].deadlineState).to.equal('at_risk');
    t.clock.set('2026-11-24T12:30:00.000Z');
    const overdue = (await d.get('/api/work-orders?overdue=true')).body;
    expect(overdue.items.map((i: { id: string }) => i.id)).to.deep.equal([ids.sharps]);
    expect((await d.get('/api/work-orders?atRisk=true')).body.total).to.equal(0);
    t.clock.set('2026-11-24T10:00:00.000Z');
  });

  it('When a filter is malformed, then 400 VALIDATION_FAILED', async () => {
    const d = await t.as('dispatcher');
    for (const qs of ['status=sleeping', 'dueBefore=tomorrow', 'page=0', 'pageSize=1000', 'atRisk=maybe', 'crew=not-a-uuid']) {
      const res = await d.get(`/api/work-orders?${qs}`);
      expect(res.status, qs).to.equal(400);
      expect(res.body.error.code, qs).to.equal('VALIDATION_FAILED');
    }
  });

  // Crew leads see only their crew's jobs and never reporters' contact details (test/api/evidence-privacy.test.ts).
  it('When a dispatcher or admin opens a work order, then it has the full shape with reporter contact', async () => {
    for (const role of ['dispatcher', 'admin']) {
      const res = await (await t.as(role)).get(`/api/work-orders/${ids.sharps}`);
      expect(res.status, role).to.equal(200);
      expect(res.body).to.include.keys('id', 'reference', 'status', 'categoryCode', 'ward', 'zone', 'lat', 'lng', 'address', 'dueAt', 'deadlineState', 'priority', 'crewId', 'version', 'reports', 'events', 'photos', 'evidence');
      expect(res.body.reports[0].contact).to.deep.equal(CONTACT);
      expect(res.body.events[0]).to.include({ type: 'created', toStatus: 'accepted' });
    }
  });

  it('When the ward councillor opens a work order in their ward, then it has no reporter contact anywhere in it', async () => {
    const res = await (await t.as('councillor')).get(`/api/work-orders/${ids.sharps}`);
    expect(res.status).to.equal(200);
    expect(res.body.reports[0]).not.to.have.property('contact');
    const text = JSON.stringify(res.body);
    for (const pii of [CONTACT.name, CONTACT.email, CONTACT.phone, 'Priya']) expect(text).not.to.contain(pii);
  });

  it('When a councillor opens or lists another ward, then 403 NOT_YOUR_WARD; their list holds only their wards', async () => {
    const c = await t.as('councillor');
    const other = await c.get(`/api/work-orders/${ids.central}`);
    expect([other.status, other.body.error.code]).to.deep.equal([403, 'NOT_YOUR_WARD']);
    const central = (await t.deps.db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: ids.central })).wardCode;
    const list = await c.get(`/api/work-orders?ward=${central}`);
    expect([list.status, list.body.error.code]).to.deep.equal([403, 'NOT_YOUR_WARD']);
    const mine = await c.get('/api/work-orders');
    expect(mine.body.total).to.equal(3);
    expect(JSON.stringify(mine.body)).not.to.contain(CONTACT.email);
  });

  it('When a dispatcher adds an internal note, then staff see it and the councillor does not', async () => {
    const d = await t.as('dispatcher');
    const wo = await t.deps.workOrders.get(ids.litter);
    await d.post(`/api/work-orders/${ids.litter}/notes`).send({ version: wo.version, note: 'Landlord at no. 3 keeps dumping: tell enforcement' });
    const staffView = await d.get(`/api/work-orders/${ids.litter}`);
    expect(staffView.body.events.map((e: { type: string }) => e.type)).to.include('note');
    const cllr = await (await t.as('councillor')).get(`/api/work-orders/${ids.litter}`);
    expect(JSON.stringify(cllr.body)).not.to.contain('Landlord at no. 3');
  });

  it('When the id is not a uuid, then 400; when unknown, 404 WORK_ORDER_NOT_FOUND', async () => {
    const d = await t.as('dispatcher');
    expect((await d.get('/api/work-orders/42')).status).to.equal(400);
    const res = await d.get('/api/work-orders/00000000-0000-4000-8000-000000000000');
    expect([res.status, res.body.error.code]).to.deep.equal([404, 'WORK_ORDER_NOT_FOUND']);
  });

  it('When the public or a partner asks for work orders, then 401 / 403', async () => {
    expect((await t.anon().get('/api/work-orders')).status).to.equal(401);
    const { key } = await t.deps.apiClients.create('Nosy partner');
    const res = await t.anon().get(`/api/work-orders/${ids.sharps}`).set('authorization', `Bearer ${key}`);
    expect(res.status).to.equal(403);
  });
});
