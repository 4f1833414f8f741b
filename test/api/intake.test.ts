import { expect } from 'chai';
import sharp from 'sharp';
import supertest from 'supertest';
import { PhotoEntity } from '../../server/photos/photo.entity.js';
import { RequestContactEntity, ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';
import { multipartReport } from '../support/reports.js';

const sharps = { categoryCode: 'sharps', ...SHEIL_ROAD, description: 'Needles by the bus stop', answers: { item_count: 3, near_play_area: true } };
const flyTip = {
  categoryCode: 'fly-tipping',
  lat: 53.4121,
  lng: -2.9401,
  description: 'Mattress and bags in the back alley',
  answers: { size: 'small_van_load', waste_type: 'other_household', land_type: 'back_alleyway' },
};

function photo(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: (seed * 53) % 255, g: (seed * 97) % 255, b: 40 } } }).jpeg().toBuffer();
}

describe('POST /api/reports and tracking', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
  });
  after(() => t.close());

  it('When a resident reports sharps as JSON, then 201 with a KB reference, tracking token, ward and a 2-hour deadline', async () => {
    const res = await t.anon().post('/api/reports').send({ ...sharps, email: 'resident@example.org', name: 'Rita Resident' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.reference).to.match(/^KB-26-\d{6}$/);
    expect(res.body.trackingToken).to.be.a('string').with.length.greaterThan(30);
    expect(res.body.ward).to.deep.equal({ code: KENSINGTON, name: 'Kensington and Fairfield' });
    expect(res.body.dueAt).to.equal('2026-11-24T12:00:00.000Z');
    expect(res.body.status).to.equal('accepted');
    expect(res.body).not.to.have.property('email');
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
    expect(sr.source).to.equal('public');
    expect(JSON.stringify(sr)).not.to.contain('resident@example.org');
  });

  it('When a fly-tip is reported, then the Defra answers are kept and it waits in the triage queue (new, normal) for 2 working days', async () => {
    const res = await t.anon().post('/api/reports').send(flyTip);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.status).to.equal('new');
    expect(res.body.dueAt).to.equal('2026-11-26T18:00:00.000Z');
    const wo = await t.deps.db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: res.body.workOrderId });
    expect(wo.priority).to.equal('normal');
    expect(wo.wasteData).to.deep.equal({ size: 'small_van_load', wasteType: 'other_household', landType: 'back_alleyway' });
  });

  it('When a partner reports with its API key, then the source is partner and its externalId is kept', async () => {
    const { key } = await t.deps.apiClients.create('Merseyside Police');
    const res = await supertest(t.app).post('/api/reports').set('authorization', `Bearer ${key}`).send({ ...flyTip, lat: 53.4102, externalId: 'PCSO-77' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
    expect(sr.source).to.equal('partner');
    expect(sr.externalId).to.equal('PCSO-77');
  });

  it('When reported with only a postcode, then it is placed at the postcode', async () => {
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', postcode: 'L7 6LF', description: 'Crisp packets everywhere' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
    expect(sr.postcode).to.equal('L7 6LF');
  });

  it('When a tracking link or a postcode in the path carries a NUL character, then 400 VALIDATION_FAILED naming where (PostgreSQL answered 500)', async () => {
    const path = await t.anon().get('/api/track/abc%00def');
    expect(path.status, JSON.stringify(path.body)).to.equal(400);
    expect(path.body.error).to.include({ code: 'VALIDATION_FAILED' });
    expect(path.body.error.details.fields[0].field).to.equal('trackingToken');
    const query = await t.anon().get('/api/postcodes/L6%001AB');
    expect(query.status, JSON.stringify(query.body)).to.equal(400);
    expect(query.body.error.details).to.deep.include({ in: 'path' });
  });

  describe('validation: every refusal is a 4xx with a machine code', () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['no category', { ...sharps, categoryCode: undefined }, 400, 'VALIDATION_FAILED'],
      ['an unknown category', { ...sharps, categoryCode: 'unicorns' }, 422, 'UNKNOWN_CATEGORY'],
      ['no description', { ...sharps, description: '  ' }, 400, 'VALIDATION_FAILED'],
      ['a description over 2000 characters', { ...sharps, description: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      ['no location at all', { ...sharps, lat: undefined, lng: undefined }, 400, 'LOCATION_REQUIRED'],
      ['lat without lng', { ...sharps, lng: undefined }, 400, 'LOCATION_INCOMPLETE'],
      ['a latitude of 123', { ...sharps, lat: 123 }, 400, 'INVALID_LOCATION'],
      ['a non-numeric latitude', { ...sharps, lat: 'north' }, 400, 'VALIDATION_FAILED'],
      ['a malformed postcode', { ...sharps, lat: undefined, lng: undefined, postcode: 'NOT A CODE' }, 400, 'INVALID_POSTCODE'],
      ['an unknown postcode', { ...sharps, lat: undefined, lng: undefined, postcode: 'L99 9ZZ' }, 422, 'POSTCODE_NOT_FOUND'],
      ['a point in London', { ...sharps, lat: 51.5072, lng: -0.1276 }, 422, 'OUTSIDE_AREA'],
      ['a postcode outside Liverpool’s wards', { ...sharps, lat: 53.47, lng: -3.03 }, 422, 'OUTSIDE_AREA'],
      ['a missing required answer', { ...sharps, answers: { item_count: 2 } }, 400, 'INVALID_ANSWERS'],
      ['a number answer that is not a number', { ...sharps, answers: { item_count: 'lots', near_play_area: true } }, 400, 'INVALID_ANSWERS'],
      ['a number answer below its minimum', { ...sharps, answers: { item_count: 0, near_play_area: true } }, 400, 'INVALID_ANSWERS'],
      ['a yes/no answer that is neither', { ...sharps, answers: { item_count: 1, near_play_area: 'maybe' } }, 400, 'INVALID_ANSWERS'],
      ['a Defra size not on the list', { ...flyTip, answers: { ...flyTip.answers, size: 'a_lot' } }, 400, 'INVALID_ANSWERS'],
      ['an answer to a question the category does not ask', { ...sharps, answers: { ...sharps.answers, colour: 'red' } }, 400, 'INVALID_ANSWERS'],
      ['answers that are not an object', { ...sharps, answers: 'yes' }, 400, 'VALIDATION_FAILED'],
      ['an email that is not an email', { ...sharps, email: 'not-an-email' }, 400, 'VALIDATION_FAILED'],
      ['a phone that is not a phone', { ...sharps, phone: 'call me' }, 400, 'VALIDATION_FAILED'],
      // PostgreSQL's text cannot hold a NUL character: it failed the batch with a 500 there and was stored on SQLite.
      ['a NUL character in the description', { ...sharps, description: 'Needles\u0000 by the bus stop' }, 400, 'VALIDATION_FAILED'],
      ['a NUL character in the address', { ...sharps, address: '12 Sheil\u0000 Road' }, 400, 'VALIDATION_FAILED'],
      ['a NUL character in an answer’s name', { ...sharps, answers: { ...sharps.answers, 'item\u0000count': 1 } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [what, body, status, code] of cases) {
      it(`When the report has ${what}, then ${status} ${code}`, async () => {
        const res = await t.anon().post('/api/reports').send(body);
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.body.error.code).to.equal(code);
        expect(res.body.error.message).to.be.a('string').and.not.empty;
      });
    }

    it('When the point is outside the area, then the message speaks to a resident', async () => {
      const res = await t.anon().post('/api/reports').send({ ...sharps, lat: 51.5072, lng: -0.1276 });
      expect(res.body.error.message).to.contain('outside the area Liverpool City Council looks after');
    });

    it('When the body is not valid JSON, then 400 MALFORMED_JSON', async () => {
      const res = await t.anon().post('/api/reports').set('content-type', 'application/json').send('{"categoryCode":');
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('MALFORMED_JSON');
    });

    it('When nothing was stored for refused reports, then no stray work orders exist for them', async () => {
      const before = await t.deps.db.manager.getRepository(WorkOrderEntity).count();
      await t.anon().post('/api/reports').send({ ...sharps, lat: 51.5, lng: -0.12 });
      expect(await t.deps.db.manager.getRepository(WorkOrderEntity).count()).to.equal(before);
    });
  });

  describe('photos (multipart)', () => {
    it('When a report arrives as multipart with two photos and bracketed answers, then both photos are stored against the request and work order', async () => {
      const res = await multipartReport(t.anon(), {
        categoryCode: 'condoms',
        lat: SHEIL_ROAD.lat - 0.003,
        description: 'Used condoms behind the shops',
        extra: { 'answers[item_count]': '6' },
      })
        .attach('photos', await photo(1), 'a.jpg')
        .attach('photos', await photo(2), 'b.jpg');
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
      expect(sr.answers).to.deep.equal({ item_count: 6 });
      const photos = await t.deps.db.manager.getRepository(PhotoEntity).findBy({ requestId: sr.id });
      expect(photos).to.have.length(2);
      for (const p of photos) {
        expect(p.kind).to.equal('report');
        expect(p.workOrderId).to.equal(res.body.workOrderId);
      }
    });

    it('When four photos are sent, then 400 TOO_MANY_FILES and nothing is stored', async () => {
      const before = await t.deps.db.manager.getRepository(ServiceRequestEntity).count();
      let req = multipartReport(t.anon(), { description: 'x' });
      for (let i = 0; i < 4; i++) req = req.attach('photos', await photo(10 + i), `${i}.jpg`);
      const res = await req;
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('TOO_MANY_FILES');
      expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(before);
    });

    it('When the "photo" is not an image, then 415 and no report is stored', async () => {
      const before = await t.deps.db.manager.getRepository(ServiceRequestEntity).count();
      const res = await multipartReport(t.anon(), { description: 'x' }).attach('photos', Buffer.from('%PDF-1.4 not a photo'), 'x.jpg');
      expect(res.status).to.be.within(400, 499);
      expect(res.body.error.code).to.be.a('string');
      expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(before);
    });
  });

  describe('duplicates', () => {
    it('When five identical reports arrive at the same moment, then they all end on one work order', async () => {
      const spot = { categoryCode: 'litter', lat: 53.4161, lng: -2.9392, description: 'Litter everywhere' };
      const results = await Promise.all(Array.from({ length: 5 }, () => supertest(t.app).post('/api/reports').send(spot)));
      for (const r of results) expect(r.status, JSON.stringify(r.body)).to.equal(201);
      const ids = new Set(results.map((r) => r.body.workOrderId));
      expect(ids.size).to.equal(1);
      expect(new Set(results.map((r) => r.body.reference)).size).to.equal(5);
      const wo = await t.deps.db.manager.getRepository(WorkOrderEntity).findBy({ categoryCode: 'litter', lat: spot.lat });
      expect(wo).to.have.length(1);
    });

    it('When a sharps report is 20 m away it joins; at 40 m (beyond the 25 m radius) it does not', async () => {
      const base = { ...sharps, lat: 53.4175, lng: -2.9425 };
      const a = await t.anon().post('/api/reports').send(base);
      const near = await t.anon().post('/api/reports').send({ ...base, lat: base.lat + 20 / 111_320 });
      const far = await t.anon().post('/api/reports').send({ ...base, lat: base.lat - 40 / 111_320 });
      expect(near.body.workOrderId).to.equal(a.body.workOrderId);
      expect(far.body.workOrderId).not.to.equal(a.body.workOrderId);
    });

    it('When the same spot gets a report of another category, then it gets its own work order', async () => {
      const a = await t.anon().post('/api/reports').send({ categoryCode: 'litter', lat: 53.4131, lng: -2.9371, description: 'Litter' });
      const b = await t.anon().post('/api/reports').send({ categoryCode: 'overflowing-bin', lat: 53.4131, lng: -2.9371, description: 'Bin full' });
      expect(b.body.workOrderId).not.to.equal(a.body.workOrderId);
    });

    it('When the nearby work order is closed, then a new report opens a new one', async () => {
      const spot = { categoryCode: 'litter', lat: 53.4111, lng: -2.9361, description: 'Litter' };
      const a = await t.anon().post('/api/reports').send(spot);
      const wo = await t.deps.workOrders.get(a.body.workOrderId);
      await t.deps.db.manager.getRepository(WorkOrderEntity).update({ id: wo.id }, { status: 'completed' });
      const b = await t.anon().post('/api/reports').send(spot);
      expect(b.body.workOrderId).not.to.equal(a.body.workOrderId);
    });
  });

  describe('tracking', () => {
    it('When a reporter opens their tracking link, then they see status and public timeline but no contact, staff notes or other reporters', async () => {
      const spot = { categoryCode: 'detritus', lat: 53.4139, lng: -2.9419, description: 'Leaves blocking the gutter' };
      const mine = await t.anon().post('/api/reports').send({ ...spot, email: 'me@example.org', name: 'Mina Mine', phone: '0151 000 0001' });
      const other = await t.anon().post('/api/reports').send({ ...spot, description: 'My neighbour at no. 12 keeps leaving it', email: 'other@example.org', name: 'Otto Other' });
      expect(other.body.workOrderId).to.equal(mine.body.workOrderId);
      const wo = await t.deps.workOrders.get(mine.body.workOrderId);
      const dispatcher = await t.as('dispatcher');
      const noted = await dispatcher.post(`/api/work-orders/${wo.id}/notes`).send({ version: wo.version, note: 'SECRET staff note: ring the landlord' });
      expect(noted.status, JSON.stringify(noted.body)).to.equal(200);
      const accepted = await dispatcher.post(`/api/work-orders/${wo.id}/accept`).send({ version: noted.body.version });
      expect(accepted.status).to.equal(200);

      const res = await t.anon().get(`/api/track/${mine.body.trackingToken}`);
      expect(res.status).to.equal(200);
      expect(res.body.reference).to.equal(mine.body.reference);
      expect(res.body.status).to.equal('accepted');
      expect(res.body.timeline.map((e: { text: string }) => e.text)).to.include('Accepted: a crew will be sent');
      const text = JSON.stringify(res.body);
      for (const secret of ['me@example.org', 'Mina', '0151', 'other@example.org', 'Otto', 'no. 12', 'SECRET', other.body.reference, 'Dana']) {
        expect(text, secret).not.to.contain(secret);
      }
    });

    it('When the tracking token is unknown, then 404 TRACKING_NOT_FOUND', async () => {
      const res = await t.anon().get('/api/track/this-is-not-a-real-token-at-all');
      expect(res.status).to.equal(404);
      expect(res.body.error.code).to.equal('TRACKING_NOT_FOUND');
    });
  });

  it('When the reporter gave contact details, then they are stored apart from the request', async () => {
    const res = await t.anon().post('/api/reports').send({ ...sharps, lat: 53.4099, lng: -2.9301, name: 'Kim', email: 'kim@example.org', phone: '07700 900123' });
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
    const contact = await t.deps.db.manager.getRepository(RequestContactEntity).findOneByOrFail({ requestId: sr.id });
    expect(contact).to.include({ name: 'Kim', email: 'kim@example.org', phone: '07700 900123' });
  });
});

describe('POST /api/reports rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '3' } });
  });
  after(() => t.close());

  it('When one address sends more reports a minute than allowed, then 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await supertest(t.app).post('/api/reports').send({ categoryCode: 'litter', ...SHEIL_ROAD, description: `Litter ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).to.deep.equal([201, 201, 201, 429]);
    expect(last!.body.error.code).to.equal('RATE_LIMITED');
  });
});
