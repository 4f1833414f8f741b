import { expect } from 'chai';
import supertest from 'supertest';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { CREW2, crewId, photoFile, send } from './crew-job-builders.js';
import { fixMyStreetDescription, fixMyStreetForm, xmlOf } from './open311-support.js';

const BASE = 'https://kerbside.liverpool.example';
const MINUTE = 60_000;

/**
 * The whole round trip with no shortcuts: FixMyStreet sends a fly-tip, the
 * dispatcher accepts and assigns it through the office API, the crew lead
 * starts and clears it through the tablet API with real photos, and
 * FixMyStreet's poll of servicerequestupdates.xml sees every step and a
 * "fixed" whose media_url anyone can open as a JPEG (what FixMyStreet needs
 * to attach it).
 */
describe('Open311 round trip through the office and crew APIs', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await testApp({ env: { PUBLIC_BASE_URL: BASE, OPEN311_JURISDICTION_ID: 'liverpool.gov.uk' } });
    key = (await t.deps.apiClients.create('FixMyStreet')).key;
  });
  after(() => t.close());

  it('When FixMyStreet reports a fly-tip and the crew clears it, then FixMyStreet’s update poll ends with "fixed" and a public JPEG of the cleared site', async () => {
    const form = fixMyStreetForm({
      apiKey: key, jurisdiction: 'liverpool.gov.uk', serviceCode: 'fly-tipping', lat: 53.414212, lng: -2.944812,
      description: fixMyStreetDescription('Fridge in the entry', 'An old fridge dumped in the alley behind the shops.', 9001),
      attributes: { size: 'single_item', waste_type: 'white_goods', fixmystreet_id: '9001' },
      person: { first: 'Dee', last: 'Resident', email: 'dee@fixmystreet.test' },
    });
    const pollStart = t.clock.now().toISOString();
    const posted = xmlOf(await supertest(t.app).post('/open311/v2/requests.xml').type('form').send(form).expect(200));
    const reference: string = posted.service_requests.request[0].service_request_id;
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    const workOrderId = sr.workOrderId!;

    const dispatcher = await t.as('dispatcher');
    t.clock.advance(10 * MINUTE);
    const accepted = await dispatcher.post(`/api/work-orders/${workOrderId}/accept`).send({ version: (await t.deps.workOrders.get(workOrderId)).version });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    t.clock.advance(10 * MINUTE);
    const assigned = await dispatcher
      .post(`/api/work-orders/${workOrderId}/assign`)
      .send({ crewId: await crewId(t.deps, CREW2), version: (await t.deps.workOrders.get(workOrderId)).version, date: '2026-11-24' });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);

    const crew = await t.as('crew2@kerbside.test');
    t.clock.advance(60 * MINUTE);
    // The tablet says where it was (the photos' EXIF has no position): on the spot.
    const device = () => ({ lat: 53.414212, lng: -2.944812, accuracyM: 8, capturedAt: t.clock.now().toISOString() });
    const started = await send(crew, workOrderId, 'start', { photo: photoFile('orientation/pillow_hopper.jpg'), data: { device: device() } });
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    t.clock.advance(20 * MINUTE);
    const completed = await send(crew, workOrderId, 'complete', {
      photo: photoFile('orientation/pillow_hopper_orientation_3.jpg'),
      data: { quantities: { bags: 1, estimated_kg: 45 }, wasteData: { size: 'single_item', wasteType: 'white_goods', landType: 'back_alleyway' }, note: 'Fridge taken to the depot.', device: device() },
    });
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
    expect(completed.body.evidence, JSON.stringify(completed.body.evidence)).to.deep.include({ status: 'accepted', flags: [] });
    const after = completed.body.photos.find((p: { kind: string }) => p.kind === 'after');

    // FixMyStreet's fetch-comments: GET servicerequestupdates.xml?api_key&start_date&end_date (W3CDTF, UTC)
    const res = await supertest(t.app)
      .get('/open311/v2/servicerequestupdates.xml')
      .query({ jurisdiction_id: 'liverpool.gov.uk', api_key: key, start_date: pollStart.replace('.000Z', 'Z'), end_date: t.clock.now().toISOString().replace('.000Z', 'Z') });
    expect(res.status, res.text).to.equal(200);
    const updates = xmlOf(res).service_request_updates.request_update;
    expect(updates.map((u: any) => [u.service_request_id, u.status, u.updated_datetime])).to.deep.equal([
      [reference, 'investigating', '2026-11-24T10:10:00+00:00'],
      [reference, 'action_scheduled', '2026-11-24T10:20:00+00:00'],
      [reference, 'in_progress', '2026-11-24T11:20:00+00:00'],
      [reference, 'fixed', '2026-11-24T11:40:00+00:00'],
    ]);
    expect(new Set(updates.map((u: any) => u.update_id)).size).to.equal(4);
    const fixed = updates[3];
    expect(fixed.media_url).to.equal(`${BASE}/api/photos/${after.id}?size=full`);
    expect(updates.slice(0, 3).every((u: any) => u.media_url === '')).to.equal(true);
    expect(updates.every((u: any) => u.description.length > 0)).to.equal(true);
    for (const secret of ['Dee', 'dee@fixmystreet']) expect(res.text).to.not.contain(secret);

    const photo = await supertest(t.app).get(fixed.media_url.slice(BASE.length)).buffer(true);
    expect(photo.status).to.equal(200);
    expect(photo.headers['content-type']).to.equal('image/jpeg');

    const request = xmlOf(await supertest(t.app).get(`/open311/v2/requests/${reference}.xml`).expect(200)).service_requests.request[0];
    expect(request).to.deep.include({ status: 'closed', media_url: fixed.media_url, updated_datetime: '2026-11-24T11:40:00+00:00' });
  });
});
