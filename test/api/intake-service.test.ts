import { expect } from 'chai';
import { ServiceRequestEntity, RequestContactEntity } from '../../server/intake/service-request.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from '../../server/work-orders/work-order.entity.js';
import { AppError } from '../../server/errors.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';

const PUBLIC = { kind: 'anonymous' as const, label: 'Member of the public' };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('intake service', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('When a resident reports sharps on Sheil Road, then a request and an accepted urgent work order exist with ward, references and a 2-hour deadline', async () => {
    const r = await t.deps.intake.submit(
      { categoryCode: 'sharps', ...SHEIL_ROAD, description: 'Two needles by the bus stop', answers: { item_count: 2, near_play_area: 'no' }, source: 'public', contact: { email: 'Resident@Example.org' } },
      PUBLIC,
    );
    expect(r.reference).to.match(/^KB-26-\d{6}$/);
    expect(r.workOrderReference).to.match(/^WO-26-\d{6}$/);
    expect(r.ward).to.deep.equal({ code: KENSINGTON, name: 'Kensington and Fairfield' });
    expect(r.status).to.equal('accepted');
    expect(r.dueAt).to.equal('2026-11-24T12:00:00.000Z');
    expect(r.trackingToken).to.have.length.greaterThan(30);
    const wo = await t.deps.db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: r.workOrderId });
    expect(wo.priority).to.equal('urgent');
    expect(wo.atRiskAt).to.equal('2026-11-24T11:30:00.000Z');
    const contact = await t.deps.db.manager.getRepository(RequestContactEntity).findOneByOrFail({ requestId: r.serviceRequestId });
    expect(contact.email).to.equal('resident@example.org');
  });

  it('When graffiti is reported as offensive, then it is filed as offensive-graffiti', async () => {
    const r = await t.deps.intake.submit({ categoryCode: 'graffiti', ...SHEIL_ROAD, description: 'Hateful words on the shutter', answers: { offensive: true }, source: 'public' }, PUBLIC);
    expect(r.categoryCode).to.equal('offensive-graffiti');
    expect(r.status).to.equal('accepted');
  });

  it('When a second report of the same category arrives within the radius, then it joins the open work order', async () => {
    const a = await t.deps.intake.submit({ categoryCode: 'litter', ...SHEIL_ROAD, description: 'Litter', source: 'public' }, PUBLIC);
    const b = await t.deps.intake.submit({ categoryCode: 'litter', lat: SHEIL_ROAD.lat + 0.0002, lng: SHEIL_ROAD.lng, description: 'More litter', source: 'public' }, PUBLIC);
    const c = await t.deps.intake.submit({ categoryCode: 'litter', lat: SHEIL_ROAD.lat + 0.001, lng: SHEIL_ROAD.lng, description: 'Litter further up', source: 'public' }, PUBLIC);
    expect(b.workOrderId).to.equal(a.workOrderId);
    expect(b.joinedExisting).to.equal(true);
    expect(c.workOrderId).not.to.equal(a.workOrderId);
    expect(a.status).to.equal('new');
  });

  it('When a partner resends the same externalId, then the first answer comes back and nothing new is stored', async () => {
    const actor = { kind: 'partner' as const, label: 'Police', apiClientId: '00000000-0000-4000-8000-000000000001' };
    const input = { categoryCode: 'litter', ...SHEIL_ROAD, description: 'Litter', source: 'partner' as const, externalId: 'PCSO-1' };
    const a = await t.deps.intake.submit(input, actor);
    const b = await t.deps.intake.submit(input, actor);
    expect(b.reference).to.equal(a.reference);
    expect(b.replayed).to.equal(true);
    expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(1);
  });

  it('When a partner sends the same externalId three times at once, then one request is stored and all three get its reference', async () => {
    const actor = { kind: 'partner' as const, label: 'FixMyStreet', apiClientId: '00000000-0000-4000-8000-000000000002' };
    const input = { categoryCode: 'litter', ...SHEIL_ROAD, description: 'Litter', source: 'open311' as const, externalId: 'FMS-9' };
    const results = await Promise.all([1, 2, 3].map(() => t.deps.intake.submit(input, actor)));
    expect(new Set(results.map((r) => r.reference)).size).to.equal(1);
    expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).countBy({ externalId: 'FMS-9' })).to.equal(1);
  });

  it('When eight reports arrive at once, then they are written as one batch and decided in arrival order, as if one by one', async () => {
    // Categories are read once and cached: read them before, so all eight reach the queue in one turn.
    for (const code of ['litter', 'graffiti', 'offensive-graffiti']) await t.deps.categories.findCached(code);
    const before = t.deps.intake.commitStats;
    const near = (dLat: number) => ({ lat: SHEIL_ROAD.lat + dLat, lng: SHEIL_ROAD.lng });
    const sent: [Parameters<typeof t.deps.intake.submit>[0], Parameters<typeof t.deps.intake.submit>[1]][] = [
      [{ categoryCode: 'litter', ...near(0), description: 'first litter', source: 'public' }, PUBLIC],
      [{ categoryCode: 'graffiti', ...near(0), description: 'graffiti on the same spot', answers: { offensive: false }, source: 'public' }, PUBLIC],
      [{ categoryCode: 'litter', ...near(0.0001), description: 'same litter, 11 m on', source: 'public', contact: { email: 'b@example.org' } }, PUBLIC],
      [{ categoryCode: 'litter', ...near(0.003), description: 'litter 330 m away', source: 'public' }, PUBLIC],
      [{ categoryCode: 'litter', ...near(0.0002), description: 'same litter again', source: 'public' }, PUBLIC],
      [{ categoryCode: 'litter', ...near(0.012), description: 'litter by the park', source: 'public' }, PUBLIC],
      [{ categoryCode: 'graffiti', ...near(0.00005), description: 'more graffiti', answers: { offensive: false }, source: 'public' }, PUBLIC],
      [{ categoryCode: 'litter', ...near(0.0031), description: 'next to the far litter', source: 'public' }, PUBLIC],
    ];
    const r = await Promise.all(sent.map(([input, actor]) => t.deps.intake.submit(input, actor)));
    expect(t.deps.intake.commitStats.batches - before.batches, 'one transaction for all of them').to.equal(1);

    // Work orders: Sheil Road litter (0, 2, 4), graffiti (1, 6), the far litter (3, 7), the park (5).
    expect(r.map((x) => x.workOrderId)).to.deep.equal([r[0], r[1], r[0], r[3], r[0], r[5], r[1], r[3]].map((x) => x.workOrderId));
    expect(new Set([r[0].workOrderId, r[1].workOrderId, r[3].workOrderId, r[5].workOrderId]).size).to.equal(4);
    expect(r.map((x) => x.joinedExisting)).to.deep.equal([false, false, true, false, true, false, true, true]);

    // References follow arrival order with no gaps, a work order's only for new work.
    const number = (ref: string) => Number(ref.slice(-6));
    const stored = r.map((x) => number(x.reference));
    expect(stored).to.deep.equal(stored.map((_, i) => stored[0] + i));
    const opened = [r[0], r[1], r[3], r[5]].map((x) => number(x.workOrderReference));
    expect(opened).to.deep.equal(opened.map((_, i) => opened[0] + i));

    const requests = t.deps.db.manager.getRepository(ServiceRequestEntity);
    expect(await requests.countBy({ workOrderId: r[0].workOrderId })).to.equal(3);
    expect((await t.deps.db.manager.getRepository(RequestContactEntity).findOneByOrFail({ requestId: r[2].serviceRequestId })).email).to.equal('b@example.org');
    // The litter job's history: created, then one report_added a joining report, in arrival order.
    const history = await t.deps.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: r[0].workOrderId }, order: { id: 'ASC' } });
    expect(history.map((e) => [e.type, (e.data as { requestReference?: string } | null)?.requestReference ?? null])).to.deep.equal([
      ['created', null],
      ['report_added', r[2].reference],
      ['report_added', r[4].reference],
    ]);
    const wo = await t.deps.db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: r[0].workOrderId });
    expect(wo.version, 'joining reports do not bump the version').to.equal(1);
  });

  it('When the point is outside the council wards, then 422 OUTSIDE_AREA', async () => {
    const e = await refusal(t.deps.intake.submit({ categoryCode: 'litter', lat: 51.5, lng: -0.12, description: 'x', source: 'public' }, PUBLIC));
    expect(e.status).to.equal(422);
    expect(e.code).to.equal('OUTSIDE_AREA');
  });

  it('When only a postcode is given, then the report is placed at the postcode', async () => {
    const r = await t.deps.intake.submit({ categoryCode: 'litter', postcode: 'l7 6lf', description: 'Litter', source: 'public' }, PUBLIC);
    expect(r.ward.code).to.be.a('string');
  });
});
