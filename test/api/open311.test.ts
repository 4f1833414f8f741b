import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { RequestContactEntity, ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { Open311RequestEntity } from '../../server/open311/open311.entity.js';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD } from '../support/fixtures.js';
import { expectOpen311Error, expectValid, fixMyStreetDescription, fixMyStreetForm, georeportSchemas, jsonOf, xmlOf } from './open311-support.js';

const BASE = 'https://kerbside.liverpool.example';
const JURISDICTION = 'liverpool.gov.uk';
const schemas = georeportSchemas();
const HOUR = 3600_000;

/**
 * Moves a work order along the state machine the way dispatch and crews do, one public event per step. The last
 * step's note is written for the resident (its author ticked "tell the resident"), unless `told` is false.
 */
async function walk(t: TestApp, workOrderId: string, steps: WorkOrderStatus[], lastNote?: string, told = true): Promise<void> {
  for (const [i, to] of steps.entries()) {
    t.clock.advance(HOUR);
    const note = i === steps.length - 1 ? (lastNote ?? null) : null;
    await t.deps.workOrders.changeById(workOrderId, {
      to,
      event: { type: 'status', isPublic: true, note, data: note && told ? { publicNote: note } : null },
      actor: SYSTEM_ACTOR,
    });
  }
}

async function addPhoto(t: TestApp, workOrderId: string, kind: Photo['kind']): Promise<Photo> {
  const photo: Photo = {
    id: randomUUID(), ownerKey: `wo:${workOrderId}`, workOrderId, requestId: null, kind, sha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    mime: 'image/webp', width: 2048, height: 1536, bytes: 123_456, takenAt: t.clock.now().toISOString(), gpsLat: SHEIL_ROAD.lat, gpsLng: SHEIL_ROAD.lng,
    flags: [], uploadedBy: null, createdAt: t.clock.now().toISOString(), pending: false,
  };
  await t.deps.db.manager.getRepository(PhotoEntity).insert(photo);
  return photo;
}

describe('Open311 GeoReport v2: discovery, services and service definitions', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ env: { OPEN311_JURISDICTION_ID: JURISDICTION, PUBLIC_BASE_URL: BASE } })));
  after(() => t.close());

  it('When a client asks for discovery, then it names the v2 endpoint under the public base URL and both formats', async () => {
    const doc = xmlOf(await supertest(t.app).get('/open311/v2/discovery.xml').expect(200)).discovery;
    expect(doc.contact).to.equal('Liverpool City Council, street cleansing');
    expect(doc.endpoints.endpoint).to.have.length(1);
    expect(doc.endpoints.endpoint[0]).to.deep.include({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${BASE}/open311/v2`, type: 'production' });
    expect(doc.endpoints.endpoint[0].formats.format).to.deep.equal(['text/xml', 'application/json']);
    const json = jsonOf(await supertest(t.app).get('/open311/v2/discovery.json').expect(200));
    expect(json.endpoints[0].formats).to.deep.equal(['text/xml', 'application/json']);
    expect(json.changeset).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it('When FixMyStreet fetches services.xml with its jurisdiction, then every active category is one service with every field', async () => {
    const categories = await t.deps.categories.list();
    const doc = xmlOf(await supertest(t.app).get(`/open311/v2/services.xml?jurisdiction_id=${JURISDICTION}`).expect(200));
    const services = doc.services.service;
    expect(services.map((s: any) => s.service_code)).to.deep.equal(categories.map((c) => c.code));
    for (const [i, c] of categories.entries()) {
      expect(services[i], c.code).to.deep.equal({
        service_code: c.code,
        service_name: c.name,
        description: c.description,
        metadata: c.questions.length ? 'true' : 'false',
        type: 'realtime',
        keywords: [c.groupName.toLowerCase(), ...c.code.split('-')].join(','),
        group: c.groupName,
      });
    }
    expect(services.find((s: any) => s.service_code === 'sharps').metadata).to.equal('true');
    expect(services.find((s: any) => s.service_code === 'litter').metadata).to.equal('false');
  });

  it('When a category is made inactive, then it is no longer offered and its definition is 404', async () => {
    const detritus = await t.deps.categories.get('detritus');
    await t.deps.categories.save({ ...detritus, active: false });
    try {
      const json = jsonOf(await supertest(t.app).get('/open311/v2/services.json').expect(200));
      expect(json.map((s: any) => s.service_code)).to.not.include('detritus');
      expectOpen311Error(await supertest(t.app).get('/open311/v2/services/detritus.xml'), 404, 'detritus');
    } finally {
      await t.deps.categories.save(detritus);
    }
  });

  it('When services.json and every service definition are fetched, then they validate against the official GeoReport v2 schemas', async () => {
    const services = jsonOf(await supertest(t.app).get('/open311/v2/services.json').expect(200));
    expectValid(schemas.services, services);
    for (const s of services) {
      expectValid(schemas.service, s);
      const def = jsonOf(await supertest(t.app).get(`/open311/v2/services/${s.service_code}.json`).expect(200));
      expectValid(schemas.serviceDefinition, def);
      expect(def.service_code).to.equal(s.service_code);
      expect(def.attributes.length > 0).to.equal(s.metadata);
    }
  });

  it('When the fly-tipping definition is fetched as XML, then each question is an attribute with Defra list values in order', async () => {
    const def = xmlOf(await supertest(t.app).get('/open311/v2/services/fly-tipping.xml').expect(200)).service_definition;
    const category = await t.deps.categories.get('fly-tipping');
    expect(def.service_code).to.equal('fly-tipping');
    expect(def.attributes.attribute).to.have.length(category.questions.length);
    for (const [i, q] of category.questions.entries()) {
      const a = def.attributes.attribute[i];
      expect(a).to.deep.include({ variable: 'true', code: q.code, datatype: 'singlevaluelist', required: String(q.required), order: String(i + 1), description: q.label, datatype_description: '' });
      expect(a.values.value).to.deep.equal(q.options!.map((o) => ({ key: o.key, name: o.label })));
    }
    expect(def.attributes.attribute[0].values.value[0]).to.deep.equal({ key: 'single_black_bag', name: 'Single black bag' });
  });

  it('When the sharps definition is fetched, then the count is a number with its range and the yes/no question a yes/no list', async () => {
    const def = jsonOf(await supertest(t.app).get('/open311/v2/services/sharps.json').expect(200));
    expect(def.attributes).to.deep.equal([
      { variable: true, code: 'item_count', datatype: 'number', required: true, datatype_description: 'A number from 1 to 500', order: 1, description: 'About how many items?' },
      {
        variable: true, code: 'near_play_area', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 2, description: 'Is it near where children play?',
        values: [{ key: 'yes', name: 'Yes' }, { key: 'no', name: 'No' }],
      },
    ]);
  });

  it('When a client names another jurisdiction or an unknown service, then 404 in its format', async () => {
    expectOpen311Error(await supertest(t.app).get('/open311/v2/services.xml?jurisdiction_id=wirral.gov.uk'), 404, 'jurisdiction_id');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/services/potholes.json'), 404, 'potholes');
  });

  it('When a path is unknown, has a bad extension, no extension or a wrong method, then an Open311 error, never HTML', async () => {
    expectOpen311Error(await supertest(t.app).get('/open311/v2/nothing-here.xml'), 404);
    expectOpen311Error(await supertest(t.app).get('/open311/v2/services/a/b/c.json'), 404);
    expectOpen311Error(await supertest(t.app).get('/open311/v2/'), 404);
    expectOpen311Error(await supertest(t.app).get('/open311/v2/services.html'), 400, '.html');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/services'), 404, '.xml or .json');
    expectOpen311Error(await supertest(t.app).delete('/open311/v2/requests.json'), 400, 'DELETE');
    expectOpen311Error(await supertest(t.app).post('/open311/v2/services.xml'), 400, 'POST');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/tokens/abc.xml'), 404, 'service_request_id');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/requests/%E0%A4%A.xml'), 400);
  });
});

describe('Open311 GeoReport v2: a FixMyStreet report followed through to fixed', () => {
  let t: TestApp;
  let key: string;
  let clientId: string;
  before(async () => {
    t = await testApp({ env: { OPEN311_JURISDICTION_ID: JURISDICTION, PUBLIC_BASE_URL: BASE } });
    const created = await t.deps.apiClients.create('FixMyStreet');
    key = created.key;
    clientId = created.client.id;
  });
  after(() => t.close());

  const person = { first: 'Ann', last: 'Example-Smith', email: 'ann.example@fixmystreet.test', phone: '0151 496 0123' };
  const description = fixMyStreetDescription('Sofa and mattress dumped in the back alley', 'A sofa and a mattress, there since Sunday. Blocking the gate.', 4567);
  const fmsAttributes = {
    size: 'transit_van_load',
    waste_type: 'other_household',
    land_type: 'back_alleyway',
    // FixMyStreet's own extra fields, which a back end receives but did not ask for
    fixmystreet_id: '4567',
    easting: '336912',
    northing: '391634',
    closest_address: 'Sheil Road, Liverpool',
  };
  let reference = '';

  it('When FixMyStreet POSTs a form-encoded fly-tip exactly as its Open311 client does, then it gets a service_request_id and the report is in the intake', async () => {
    const form = fixMyStreetForm({
      apiKey: key, jurisdiction: JURISDICTION, serviceCode: 'fly-tipping', lat: 53.414212, lng: -2.944812, description,
      attributes: fmsAttributes, mediaUrl: 'https://www.fixmystreet.com/photo/4567.0.full.jpeg?4a1b2c', person,
    });
    expect(form).to.contain('attribute%5Bsize%5D=transit_van_load').and.contain('lat=53.414212').and.contain('%0D%0A');
    const res = await supertest(t.app).post('/open311/v2/requests.xml').set('Content-Type', 'application/x-www-form-urlencoded').send(form);
    expect(res.status, res.text).to.equal(200);
    const doc = xmlOf(res);
    expect(doc.service_requests.request).to.have.length(1);
    reference = doc.service_requests.request[0].service_request_id;
    expect(reference).to.match(/^KB-26-\d{6}$/);
    expect(doc.service_requests.request[0].service_notice).to.equal(`Thank you: reference ${reference}. We aim to deal with it by Thursday 26 November at 18:00.`);
    expect(doc.service_requests.request[0].account_id).to.equal('');

    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    expect(sr).to.deep.include({ categoryCode: 'fly-tipping', source: 'open311', apiClientId: clientId, externalId: '4567', lat: 53.414212, lng: -2.944812 });
    expect(sr.description).to.equal(description.trim());
    expect(sr.description).to.contain('\r\n\r\ndetail: A sofa');
    expect(sr.answers).to.deep.equal({ size: 'transit_van_load', waste_type: 'other_household', land_type: 'back_alleyway' });
    const contact = await t.deps.db.manager.getRepository(RequestContactEntity).findOneByOrFail({ requestId: sr.id });
    expect(contact).to.deep.include({ name: 'Ann Example-Smith', email: 'ann.example@fixmystreet.test', phone: '0151 496 0123' });
    const sent = await t.deps.db.manager.getRepository(Open311RequestEntity).findOneByOrFail({ serviceRequestId: sr.id });
    expect(sent.mediaUrls).to.deep.equal(['https://www.fixmystreet.com/photo/4567.0.full.jpeg?4a1b2c']);
    expect(sent.sourceUrl).to.equal('https://www.fixmystreet.com/report/4567');
    const wo = await t.deps.workOrders.get(sr.workOrderId!);
    expect(wo).to.deep.include({ status: 'new', categoryCode: 'fly-tipping', wardCode: 'E05000899' });
    expect(wo.wasteData).to.deep.equal({ size: 'transit_van_load', wasteType: 'other_household', landType: 'back_alleyway' });
  });

  it('When FixMyStreet resends the same report (its id in the url), then it gets the same service_request_id and nothing new is stored', async () => {
    const form = fixMyStreetForm({ apiKey: key, jurisdiction: JURISDICTION, serviceCode: 'fly-tipping', lat: 53.414212, lng: -2.944812, description, attributes: fmsAttributes, person, mediaUrl: 'https://www.fixmystreet.com/photo/4567.0.full.jpeg?4a1b2c' });
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    const extras = t.deps.db.manager.getRepository(Open311RequestEntity);
    const kept = await extras.findOneByOrFail({ serviceRequestId: sr.id });
    await extras.delete({ serviceRequestId: sr.id }); // as if the first attempt had failed just after the intake committed
    const doc = xmlOf(await supertest(t.app).post('/open311/v2/requests.xml').type('form').send(form).expect(200));
    expect(doc.service_requests.request[0].service_request_id).to.equal(reference);
    expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).countBy({ externalId: '4567' })).to.equal(1);
    expect(await extras.findOneByOrFail({ serviceRequestId: sr.id })).to.deep.include({ mediaUrls: kept.mediaUrls, sourceUrl: kept.sourceUrl });
    xmlOf(await supertest(t.app).post('/open311/v2/requests.xml').type('form').send(form).expect(200));
    expect(await extras.countBy({ serviceRequestId: sr.id })).to.equal(1);
  });

  it('When the request is read back as XML, then every GeoReport field is there and no personal data is', async () => {
    const res = await supertest(t.app).get(`/open311/v2/requests/${reference}.xml?jurisdiction_id=${JURISDICTION}`).expect(200);
    const requests = xmlOf(res).service_requests.request;
    expect(requests).to.have.length(1);
    expect(requests[0]).to.deep.equal({
      service_request_id: reference,
      status: 'open',
      status_notes: 'Your report has been received.',
      service_name: 'Fly-tipping',
      service_code: 'fly-tipping',
      description: description.trim(),
      agency_responsible: 'Liverpool City Council',
      service_notice: '',
      requested_datetime: '2026-11-24T10:00:00+00:00',
      updated_datetime: '2026-11-24T10:00:00+00:00',
      expected_datetime: '2026-11-26T18:00:00+00:00',
      address: '',
      address_id: '',
      zipcode: '',
      lat: '53.414212',
      long: '-2.944812',
      media_url: 'https://www.fixmystreet.com/photo/4567.0.full.jpeg?4a1b2c',
      url: `${t.deps.config.publicBaseUrl}/reports/${reference}`,
    });
    for (const secret of ['Ann', 'Example-Smith', 'ann.example', '496 0123']) expect(res.text).to.not.contain(secret);
  });

  it('When the dispatcher and crew move the job to completed with an after photo, then servicerequestupdates tells FixMyStreet each step and "fixed" with the photo', async () => {
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    const start = t.clock.now().toISOString();
    await walk(t, sr.workOrderId!, ['accepted', 'assigned', 'in_progress']);
    const after = await addPhoto(t, sr.workOrderId!, 'after');
    await walk(t, sr.workOrderId!, ['completed'], 'Cleared: one sofa, one mattress, four bags.');
    const end = t.clock.now().toISOString();

    const res = await supertest(t.app).get('/open311/v2/servicerequestupdates.xml').query({ jurisdiction_id: JURISDICTION, api_key: key, start_date: start.replace('.000Z', 'Z'), end_date: end.replace('.000Z', 'Z') });
    expect(res.status, res.text).to.equal(200);
    const updates = xmlOf(res).service_request_updates.request_update;
    const events = (await t.deps.workOrders.eventsOf(sr.workOrderId!)).filter((e) => e.toStatus && e.type !== 'created');
    expect(updates).to.deep.equal([
      { update_id: String(events[0].id), service_request_id: reference, status: 'investigating', updated_datetime: '2026-11-24T11:00:00+00:00', description: 'Your report has been accepted and is waiting to be scheduled.', media_url: '' },
      { update_id: String(events[1].id), service_request_id: reference, status: 'action_scheduled', updated_datetime: '2026-11-24T12:00:00+00:00', description: 'A street-cleansing crew has been given this job.', media_url: '' },
      { update_id: String(events[2].id), service_request_id: reference, status: 'in_progress', updated_datetime: '2026-11-24T13:00:00+00:00', description: 'A crew is dealing with this now.', media_url: '' },
      {
        update_id: String(events[3].id), service_request_id: reference, status: 'fixed', updated_datetime: '2026-11-24T14:00:00+00:00',
        description: 'Cleared: one sofa, one mattress, four bags.', media_url: `${BASE}/api/photos/${after.id}?size=full`,
      },
    ]);
    for (const secret of ['Ann', 'ann.example', '496 0123']) expect(res.text).to.not.contain(secret);

    const request = xmlOf(await supertest(t.app).get(`/open311/v2/requests/${reference}.xml`).expect(200)).service_requests.request[0];
    expect(request).to.deep.include({
      status: 'closed', status_notes: 'Cleared: one sofa, one mattress, four bags.', updated_datetime: '2026-11-24T14:00:00+00:00',
      media_url: `${BASE}/api/photos/${after.id}?size=full`,
    });
  });

  it('When FixMyStreet asks for updates in a window before the changes, then none come back; a window over 90 days is refused', async () => {
    const none = xmlOf(await supertest(t.app).get('/open311/v2/servicerequestupdates.xml').query({ api_key: key, start_date: '2026-11-23T00:00:00Z', end_date: '2026-11-24T10:30:00Z' }).expect(200));
    expect(none.service_request_updates).to.equal('');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/servicerequestupdates.xml').query({ api_key: key, start_date: '2026-01-01T00:00:00Z', end_date: '2026-11-24T10:30:00Z' }), 400, '90 days');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/servicerequestupdates.xml').query({ api_key: key, start_date: 'last tuesday' }), 400, 'start_date');
  });

  it('When updates are asked for without a key or with a wrong one, then 403', async () => {
    expectOpen311Error(await supertest(t.app).get('/open311/v2/servicerequestupdates.xml'), 403, 'api_key');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/servicerequestupdates.json?api_key=kbk_nope'), 403, 'api_key');
  });

  it('When the same updates are read as JSON, then it is an array of the same fields, and a Bearer key works too', async () => {
    const json = jsonOf(await supertest(t.app).get('/open311/v2/servicerequestupdates.json').set('Authorization', `Bearer ${key}`).query({ start_date: '2026-11-24T10:00:00+00:00', end_date: '2026-11-24T15:00:00+00:00' }).expect(200));
    expect(json.map((u: any) => u.status)).to.deep.equal(['investigating', 'action_scheduled', 'in_progress', 'fixed']);
    expect(Object.keys(json[0])).to.deep.equal(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    expect(json[0].media_url).to.equal(null);
  });

  it('When FixMyStreet posts a resident update twice, then it is stored once on the work order timeline (staff-only) and not echoed back as a status update', async () => {
    const form = new URLSearchParams({
      jurisdiction_id: JURISDICTION, api_key: key, service_request_id: reference, update_id: '99881', status: 'OPEN',
      updated_datetime: '2026-11-24T14:30:00+00:00', description: 'Still a mattress there this morning.', first_name: 'Ann', last_name: 'Example-Smith', email: person.email,
      media_url: 'https://www.fixmystreet.com/photo/c/99881.0.full.jpeg',
    }).toString();
    t.clock.advance(HOUR);
    const first = xmlOf(await supertest(t.app).post('/open311/v2/servicerequestupdates.xml').type('form').send(form).expect(200));
    const updateId = first.service_request_updates.request_update[0].update_id;
    expect(updateId).to.match(/^ru-\d+$/);
    const again = xmlOf(await supertest(t.app).post('/open311/v2/servicerequestupdates.xml').type('form').send(form).expect(200));
    expect(again.service_request_updates.request_update[0].update_id).to.equal(updateId);

    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    const residentEvents = (await t.deps.workOrders.eventsOf(sr.workOrderId!)).filter((e) => e.type === 'resident_update');
    expect(residentEvents).to.have.length(1);
    expect(residentEvents[0]).to.deep.include({ note: 'Still a mattress there this morning.', isPublic: false, toStatus: null, actorLabel: 'FixMyStreet' });
    expect(residentEvents[0].data).to.deep.include({ residentStatus: 'open', mediaUrl: 'https://www.fixmystreet.com/photo/c/99881.0.full.jpeg' });
    expect(JSON.stringify(residentEvents[0])).to.not.contain('Ann');
    expect((await t.deps.workOrders.get(sr.workOrderId!)).status).to.equal('completed');

    const updates = jsonOf(await supertest(t.app).get('/open311/v2/servicerequestupdates.json').query({ api_key: key, start_date: '2026-11-24T10:00:00Z', end_date: t.clock.now().toISOString() }).expect(200));
    expect(updates.map((u: any) => u.status)).to.deep.equal(['investigating', 'action_scheduled', 'in_progress', 'fixed']);
  });

  it('When a resident update is malformed, unknown, or sent without a key, then 400, 404 or 403', async () => {
    const base = { api_key: key, service_request_id: reference, update_id: '1', status: 'OPEN', updated_datetime: '2026-11-24T14:30:00Z', description: 'x' };
    const post = (body: Record<string, string>) => supertest(t.app).post('/open311/v2/servicerequestupdates.xml').type('form').send(new URLSearchParams(body).toString());
    expectOpen311Error(await post({ ...base, api_key: '' }), 403, 'api_key');
    expectOpen311Error(await post({ ...base, service_request_id: 'KB-26-999999' }), 404, 'KB-26-999999');
    expectOpen311Error(await post({ ...base, status: 'SORTED' }), 400, 'status');
    expectOpen311Error(await post({ ...base, updated_datetime: 'soon' }), 400, 'updated_datetime');
    const { update_id: _drop, ...noId } = base;
    expectOpen311Error(await post(noId), 400, 'update_id');
    // PostgreSQL's text cannot hold a NUL character: it answered 500.
    expectOpen311Error(await post({ ...base, description: 'still\u0000 there' }), 400, 'description');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/requests/KB%0026.xml'), 400, 'id in the path');
  });
});

describe('Open311 GeoReport v2: POST requests refusals and other shapes', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await testApp({ env: { OPEN311_JURISDICTION_ID: JURISDICTION, PUBLIC_BASE_URL: BASE } });
    key = (await t.deps.apiClients.create('FixMyStreet')).key;
  });
  after(() => t.close());

  const post = (body: string | object, format = 'xml') => {
    const req = supertest(t.app).post(`/open311/v2/requests.${format}`);
    return typeof body === 'string' ? req.type('form').send(body) : req.send(body);
  };
  const litter = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ api_key: key, service_code: 'litter', lat: '53.414200', long: '-2.944800', description: 'Crisp packets everywhere', ...extra }).toString();

  it('When the api_key is missing, wrong, revoked or a Bearer header is bad, then 403 and nothing is stored', async () => {
    const before = await t.deps.db.manager.getRepository(ServiceRequestEntity).count();
    expectOpen311Error(await post(litter({ api_key: '' })), 403, 'api_key is required');
    expectOpen311Error(await post(litter({ api_key: 'kbk_not-a-real-key' })), 403, 'api_key');
    const revoked = await t.deps.apiClients.create('Old FixMyStreet');
    await t.deps.apiClients.revoke(revoked.client.id);
    expectOpen311Error(await post(litter({ api_key: revoked.key })), 403, 'revoked');
    expectOpen311Error(await supertest(t.app).post('/open311/v2/requests.json').set('Authorization', 'Bearer kbk_wrong').send({ service_code: 'litter' }), 403);
    expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(before);
  });

  it('When the jurisdiction is another council’s, then 404; when it is ours or absent, then the report is taken', async () => {
    expectOpen311Error(await post(litter({ jurisdiction_id: 'wirral.gov.uk' })), 404, 'jurisdiction_id');
    expect((await post(litter({ jurisdiction_id: JURISDICTION }))).status).to.equal(200);
    expect((await post(litter())).status).to.equal(200);
  });

  it('When attributes break the service definition, then 400 naming attribute[code]', async () => {
    const flyTip = (attrs: Record<string, string>) => new URLSearchParams({ api_key: key, service_code: 'fly-tipping', lat: '53.414200', long: '-2.944800', description: 'Bags', ...attrs }).toString();
    expectOpen311Error(await post(flyTip({ 'attribute[waste_type]': 'green' })), 400, 'attribute[size] is required');
    expectOpen311Error(await post(flyTip({ 'attribute[size]': 'a_lorry_full', 'attribute[waste_type]': 'green' })), 400, 'attribute[size] must be one of');
    const sharps = new URLSearchParams({ api_key: key, service_code: 'sharps', lat: '53.414200', long: '-2.944800', description: 'Needles', 'attribute[item_count]': 'lots', 'attribute[near_play_area]': 'yes' }).toString();
    expectOpen311Error(await post(sharps), 400, 'attribute[item_count] must be a number');
  });

  it('When the location is missing, half given, not a number or outside Liverpool, then 400 with a reason', async () => {
    expectOpen311Error(await post(litter({ lat: '', long: '' })), 400, 'address_string');
    expectOpen311Error(await post(litter({ long: '' })), 400, 'together');
    expectOpen311Error(await post(litter({ lat: '53.4142N' })), 400, 'lat');
    expectOpen311Error(await post(litter({ lat: '51.500800', long: '-0.124600' })), 400, 'outside the area');
    expectOpen311Error(await post(litter({ lat: '', long: '', address_string: 'Somewhere near the park' })), 400, 'postcode');
    expectOpen311Error(await post(litter({ lat: '', long: '', address_string: 'Downing Street, SW1A 2AA' })), 400, 'SW1A 2AA');
    expectOpen311Error(await post(litter({ service_code: '' })), 400, 'service_code');
    expectOpen311Error(await post(litter({ description: '   ' })), 400, 'description');
    expectOpen311Error(await post(litter({ media_url: 'javascript:alert(1)' })), 400, 'media_url');
  });

  it('When only an address_string with a postcode is given, then the postcode places the report and the address is kept', async () => {
    const doc = xmlOf(await post(litter({ lat: '', long: '', address_string: 'Sheil Road, Liverpool l6 3ae' })).expect(200));
    const reference = doc.service_requests.request[0].service_request_id;
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    expect(sr).to.deep.include({ postcode: 'L6 3AE', address: 'Sheil Road, Liverpool l6 3ae', wardCode: 'E05000899' });
    const read = jsonOf(await supertest(t.app).get(`/open311/v2/requests/${reference}.json`).expect(200));
    expect(read[0]).to.deep.include({ address: 'Sheil Road, Liverpool l6 3ae', zipcode: 'L6 3AE' });
    expect(read[0].lat).to.be.closeTo(53.4133, 0.001);
  });

  it('When a client posts JSON with an attribute object and repeated media URLs, then it gets a JSON array back and every URL is kept unfetched', async () => {
    const res = await post({
      api_key: key, service_code: 'sharps', lat: 53.4142, long: -2.9448, description: 'Two needles by the swings',
      attribute: { item_count: '2', near_play_area: 'yes' }, media_url: ['https://partner.example/a.jpg', 'https://partner.example/b.jpg'],
    }, 'json');
    expect(res.status, res.text).to.equal(200);
    const body = jsonOf(res);
    expect(body).to.have.length(1);
    expect(Object.keys(body[0])).to.deep.equal(['service_request_id', 'service_notice', 'account_id']);
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: body[0].service_request_id });
    expect(sr.answers).to.deep.equal({ item_count: 2, near_play_area: true });
    expect((await t.deps.db.manager.getRepository(Open311RequestEntity).findOneByOrFail({ serviceRequestId: sr.id })).mediaUrls).to.deep.equal(['https://partner.example/a.jpg', 'https://partner.example/b.jpg']);
    const form = xmlOf(await post(litter({ lat: '53.420000', long: '-2.950000' }) + '&media_url=https%3A%2F%2Fp.example%2F1.jpg&media_url=https%3A%2F%2Fp.example%2F2.jpg').expect(200));
    const other = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: form.service_requests.request[0].service_request_id });
    expect((await t.deps.db.manager.getRepository(Open311RequestEntity).findOneByOrFail({ serviceRequestId: other.id })).mediaUrls).to.have.length(2);
  });

  it('When FixMyStreet sends a very long description or a contact detail our checks refuse, then the report is still taken: text cut, detail dropped', async () => {
    const long = fixMyStreetDescription('Bags', 'x'.repeat(2500), 777);
    const doc = xmlOf(await post(litter({ lat: '53.410000', long: '-2.940000', description: long, first_name: 'Cy', email: 'not-an-email', phone: 'ring me' })).expect(200));
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: doc.service_requests.request[0].service_request_id });
    expect(sr.description).to.have.length(2000);
    expect(sr.description.endsWith('…')).to.equal(true);
    expect(sr.externalId).to.equal('777'); // read from the url line before the text was cut
    const contact = await t.deps.db.manager.getRepository(RequestContactEntity).findOneByOrFail({ requestId: sr.id });
    expect(contact).to.deep.include({ name: 'Cy', email: null, phone: null });
  });

  it('When a second report joins an older open work order, then its updated_datetime is not before its requested_datetime', async () => {
    const first = xmlOf(await post(litter({ lat: '53.405000', long: '-2.930000' })).expect(200)).service_requests.request[0].service_request_id;
    t.clock.advance(2 * HOUR);
    const second = xmlOf(await post(litter({ lat: '53.405100', long: '-2.930000' })).expect(200)).service_requests.request[0].service_request_id;
    const [a, b] = await Promise.all([first, second].map((ref) => t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: ref })));
    expect(b.workOrderId).to.equal(a.workOrderId);
    const [read] = jsonOf(await supertest(t.app).get(`/open311/v2/requests/${second}.json`).expect(200));
    expect(read.updated_datetime).to.equal(read.requested_datetime);
  });

  it('When a dispatcher merges one FixMyStreet report’s work order into another, then it is told once with the surviving job’s status, follows it after, and never hears "duplicate"', async () => {
    const windowStart = t.clock.now().toISOString();
    const refA = xmlOf(await post(litter({ lat: '53.400000', long: '-2.920000' })).expect(200)).service_requests.request[0].service_request_id;
    const refB = xmlOf(await post(litter({ lat: '53.401000', long: '-2.920000' })).expect(200)).service_requests.request[0].service_request_id;
    const repo = t.deps.db.manager.getRepository(ServiceRequestEntity);
    const [a, b] = [await repo.findOneByOrFail({ reference: refA }), await repo.findOneByOrFail({ reference: refB })];
    expect(a.workOrderId).to.not.equal(b.workOrderId);
    await walk(t, b.workOrderId!, ['accepted']);
    t.clock.advance(HOUR);
    const merge = await t.deps.triage.merge(a.workOrderId!, (await t.deps.workOrders.get(a.workOrderId!)).version, b.workOrderId!, { userId: null, label: 'Dispatcher Dana' });
    expect(merge.merged.status).to.equal('duplicate');
    await walk(t, b.workOrderId!, ['assigned']);

    const updates = jsonOf(await supertest(t.app).get('/open311/v2/servicerequestupdates.json').query({ api_key: key, start_date: windowStart, end_date: t.clock.now().toISOString() }).expect(200));
    const about = (ref: string) => updates.filter((u: any) => u.service_request_id === ref).map((u: any) => [u.status, u.updated_datetime]);
    const at = (hoursAfterStart: number) => new Date(Date.parse(windowStart) + hoursAfterStart * HOUR).toISOString().replace('.000Z', '+00:00');
    expect(about(refB)).to.deep.equal([['investigating', at(1)], ['action_scheduled', at(3)]]);
    expect(about(refA)).to.deep.equal([['investigating', at(2)], ['action_scheduled', at(3)]]);
    expect(updates.find((u: any) => u.service_request_id === refA).description).to.contain('already been reported');
    expect(updates.map((u: any) => u.status)).to.not.include('duplicate');
    const [readA] = jsonOf(await supertest(t.app).get(`/open311/v2/requests/${refA}.json`).expect(200));
    expect(readA.status).to.equal('open');
  });

  it('When the body is malformed JSON, then a 400 Open311 error in the asked format, not the JSON API shape', async () => {
    const json = await supertest(t.app).post('/open311/v2/requests.json').set('Content-Type', 'application/json').send('{"api_key": ');
    expectOpen311Error(json, 400, 'could not be parsed');
    const xml = await supertest(t.app).post('/open311/v2/requests.xml').set('Content-Type', 'application/json').send('{nope');
    expectOpen311Error(xml, 400);
  });
});

describe('Open311 GeoReport v2: GET requests filters, privacy and schema', () => {
  let t: TestApp;
  const refs: Record<string, string> = {};
  before(async () => {
    t = await testApp({ env: { PUBLIC_BASE_URL: BASE } });
    const partner = { kind: 'partner' as const, label: 'FixMyStreet', apiClientId: (await t.deps.apiClients.create('FixMyStreet')).client.id };
    const resident = { kind: 'anonymous' as const, label: 'Member of the public' };
    const personal = { name: 'Bob Private', email: 'bob.private@example.org', phone: '07700 900999' };
    const submit = async (name: string, categoryCode: string, lat: number, answers: Record<string, unknown>, source: 'public' | 'open311', daysLater = 0) => {
      t.clock.advance(daysLater * 24 * HOUR + 60_000);
      const r = await t.deps.intake.submit(
        { categoryCode, lat, lng: -2.9448, description: `My name is Bob Private, call 07700 900999 (${name})`, address: source === 'public' ? `Outside Bob Private's house (${name})` : null, answers, contact: personal, source },
        source === 'open311' ? partner : resident,
      );
      refs[name] = r.reference;
      return r;
    };
    await submit('litter', 'litter', 53.4142, {}, 'public');
    const fixed = await submit('fixed', 'overflowing-bin', 53.4150, {}, 'open311');
    const failed = await submit('failed', 'dead-animal', 53.4160, { animal: 'fox' }, 'open311');
    await submit('later', 'litter', 53.4170, {}, 'public', 30);
    await walk(t, fixed.workOrderId, ['accepted', 'assigned', 'in_progress', 'completed']);
    await addPhoto(t, failed.workOrderId, 'after');
    await walk(t, failed.workOrderId, ['accepted', 'assigned', 'in_progress', 'not_completed'], 'The fox had been taken away before we arrived.');
  });
  after(() => t.close());

  const get = (query: Record<string, string>, format = 'json') => supertest(t.app).get(`/open311/v2/requests.${format}`).query(query);
  const refsOf = (body: any[]) => body.map((r) => r.service_request_id).sort();

  it('When all requests are listed as JSON, then they validate against the GeoReport v2 requests schema, newest first', async () => {
    const body = jsonOf(await get({}).expect(200));
    expectValid(schemas.requests, body);
    for (const r of body) expectValid(schemas.request, r);
    expect(body.map((r: any) => r.service_request_id)).to.deep.equal([refs.later, refs.failed, refs.fixed, refs.litter]);
  });

  it('When a request was closed without being fixed, then it is closed, its note is public, and no after photo is offered as its media', async () => {
    const [failed] = jsonOf(await supertest(t.app).get(`/open311/v2/requests/${refs.failed}.json`).expect(200));
    expect(failed).to.deep.include({ status: 'closed', status_notes: 'The fox had been taken away before we arrived.', service_code: 'dead-animal', service_name: 'Dead animal', media_url: null });
    const updates = jsonOf(await supertest(t.app).get('/open311/v2/servicerequestupdates.json').set('Authorization', `Bearer ${(await t.deps.apiClients.create('Reader')).key}`).query({ start_date: '2026-11-24T00:00:00Z', end_date: t.clock.now().toISOString() }).expect(200));
    const forFailed = updates.filter((u: any) => u.service_request_id === refs.failed);
    expect(forFailed.map((u: any) => u.status)).to.deep.equal(['investigating', 'action_scheduled', 'in_progress', 'no_further_action']);
    expect(forFailed.every((u: any) => u.media_url === null)).to.equal(true);
    expect(updates.filter((u: any) => u.status === 'fixed').map((u: any) => u.service_request_id)).to.deep.equal([refs.fixed]);
  });

  it('When a resident reported through the web form, then Open311 shows no description or place text of theirs; an Open311 sender’s own text is shown; contact never', async () => {
    const res = await get({}, 'xml').expect(200);
    const rows = xmlOf(res).service_requests.request;
    const byRef = new Map(rows.map((r: any) => [r.service_request_id, r]));
    expect((byRef.get(refs.litter) as any).description).to.equal('');
    expect((byRef.get(refs.fixed) as any).description).to.equal('My name is Bob Private, call 07700 900999 (fixed)');
    const withoutOpen311Text = res.text.replace(/<description>My name is Bob Private, call 07700 900999 \((fixed|failed)\)<\/description>/g, '');
    for (const secret of ['Bob Private', 'bob.private', '07700']) expect(withoutOpen311Text).to.not.contain(secret);
    expect(res.text).to.not.contain('bob.private@example.org');
  });

  it('When filtered by service_code, status and dates, then only matching requests come back', async () => {
    expect(refsOf(jsonOf(await get({ service_code: 'litter' }).expect(200)))).to.deep.equal([refs.litter, refs.later].sort());
    expect(refsOf(jsonOf(await get({ status: 'closed' }).expect(200)))).to.deep.equal([refs.fixed, refs.failed].sort());
    expect(refsOf(jsonOf(await get({ status: 'open' }).expect(200)))).to.deep.equal([refs.litter, refs.later].sort());
    expect(refsOf(jsonOf(await get({ status: 'open', service_code: 'litter', start_date: '2026-12-01T00:00:00Z' }).expect(200)))).to.deep.equal([refs.later]);
    expect(refsOf(jsonOf(await get({ start_date: '2026-11-24T00:00:00+00:00', end_date: '2026-11-25T00:00:00+00:00' }).expect(200)))).to.deep.equal([refs.litter, refs.fixed, refs.failed].sort());
    expect(jsonOf(await get({ service_code: 'graffiti' }).expect(200))).to.deep.equal([]);
  });

  it('When service_request_id lists ids, then it overrides the other filters and unknown ids are skipped', async () => {
    const body = jsonOf(await get({ service_request_id: `${refs.litter}, ${refs.failed},KB-26-999999`, service_code: 'graffiti', status: 'open' }).expect(200));
    expect(refsOf(body)).to.deep.equal([refs.litter, refs.failed].sort());
  });

  it('When the date span is over 90 days, the status unknown, or a date unreadable, then 400; an unknown id is 404', async () => {
    expectOpen311Error(await get({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-12-01T00:00:00Z' }), 400, '90 days');
    expectOpen311Error(await get({ start_date: '2026-12-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }), 400, 'before start_date');
    expectOpen311Error(await get({ status: 'fixed' }), 400, 'open or closed');
    expectOpen311Error(await get({ end_date: 'tomorrow' }, 'xml'), 400, 'end_date');
    expectOpen311Error(await supertest(t.app).get('/open311/v2/requests/KB-26-999999.json'), 404, 'KB-26-999999');
  });
});
