import { expect } from 'chai';
import { ServiceRequestEntity, RequestContactEntity } from '../../server/intake/service-request.entity.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
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
