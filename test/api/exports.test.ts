/**
 * Data out: the work-order CSV and GeoJSON read back with a real CSV parser
 * and as JSON, scoped by who asks, with nobody's personal details in any of
 * them; the open-data switch.
 */
import http from 'node:http';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import supertest from 'supertest';
import { DISTINCTIVE_REPORTERS, insertPhoto, insertRequest, insertWorkOrder, labelledJpeg, UNMODERATED_TEXT } from '../support/builders-reports.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON } from '../support/fixtures.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';

const ANFIELD = 'E05000887';
const RESIDENT_LANDMARK = 'Behind the blue door of number 7';
const EVIL_PLACE = '=HYPERLINK("http://evil.example","click")';

/** A response body as text, whatever its content type. */
const textOf = (res: supertest.Response) => (typeof res.text === 'string' && res.text.length ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body));
const asBuffer = (req: supertest.Test) => req.buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});

function parseCsv(buf: Buffer): Record<string, string>[] {
  return parse(buf, { bom: true, columns: true, record_delimiter: '\r\n', relax_column_count: false }) as Record<string, string>[];
}

describe('exports: work orders as CSV and GeoJSON', () => {
  let t: TestApp;
  let fixed: WorkOrder;
  let open: WorkOrder;
  let elsewhere: WorkOrder;
  let partnerJob: WorkOrder;
  let partnerKey: string;

  before(async () => {
    t = await testApp();
    const db = t.deps.db;
    const crew = (await t.deps.crews.list())[0];
    fixed = await insertWorkOrder(db, {
      categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-02T09:00:00.000Z', dueAt: '2026-11-04T18:00:00.000Z',
      completedAt: '2026-11-03T11:30:00.000Z', closedAt: '2026-11-03T11:30:00.000Z', crewId: crew.id, postcode: 'L6 3AE', publicPlace: 'Back alley, "Sheil Road", by the garages',
      address: RESIDENT_LANDMARK, quantities: { bags: 6, estimated_kg: 120 }, wasteData: { size: 'small_van_load', wasteType: 'other_household', landType: 'back_alleyway', enforcement: 'investigation' },
      outcomeNote: 'Zebedee Quillfeather was watching', evidenceFlags: ['no_gps'], evidenceStatus: 'accepted',
    });
    open = await insertWorkOrder(db, {
      categoryCode: 'litter', wardCode: KENSINGTON, status: 'accepted', openedAt: '2026-11-20T08:00:00.000Z', dueAt: '2026-11-21T18:00:00.000Z',
      postcode: 'L7 0HP', publicPlace: EVIL_PLACE, address: RESIDENT_LANDMARK,
    });
    elsewhere = await insertWorkOrder(db, { categoryCode: 'litter', wardCode: ANFIELD, status: 'new', openedAt: '2026-11-21T08:00:00.000Z', dueAt: '2026-11-22T18:00:00.000Z', postcode: 'L4 0TH' });
    partnerJob = await insertWorkOrder(db, { categoryCode: 'sharps', wardCode: ANFIELD, status: 'new', openedAt: '2026-11-22T08:00:00.000Z', dueAt: '2026-11-22T10:00:00.000Z' });
    for (const [i, wo] of [fixed, open, elsewhere].entries()) {
      await insertRequest(db, { categoryCode: wo.categoryCode, wardCode: wo.wardCode, createdAt: wo.openedAt, workOrderId: wo.id, description: UNMODERATED_TEXT, address: RESIDENT_LANDMARK, contact: DISTINCTIVE_REPORTERS[i % 2] });
    }
    const partner = await t.deps.apiClients.create('Merseyside Police');
    partnerKey = partner.key;
    await insertRequest(db, { categoryCode: 'sharps', wardCode: ANFIELD, createdAt: partnerJob.openedAt, workOrderId: partnerJob.id, source: 'partner', apiClientId: partner.client.id, externalId: 'MP-2026-0042', contact: DISTINCTIVE_REPORTERS[1] });
    await insertPhoto(db, t.dataDir, { workOrderId: fixed.id, kind: 'before', jpeg: await labelledJpeg('before', { width: 64, height: 48 }), createdAt: '2026-11-03T11:00:00.000Z' });
    await insertPhoto(db, t.dataDir, { workOrderId: fixed.id, kind: 'after', jpeg: await labelledJpeg('after', { width: 64, height: 48 }), createdAt: '2026-11-03T11:30:00.000Z', flags: ['no_gps'] });
  });
  after(() => t.close());

  it('When the office downloads the CSV, then it is UTF-8 with a BOM, CRLF rows, one row per work order with every column, parsed back by a CSV parser', async () => {
    const office = await t.as('dispatcher');
    const res = await asBuffer(office.get('/api/exports/work-orders.csv'));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).to.match(/attachment; filename="kerbside-work-orders\.csv"/);
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.to.match(/[\r\n]/, 'no bare CR or LF outside quoted fields');
    const rows = parseCsv(buf);
    const seeded = rows.filter((r) => [fixed, open, elsewhere, partnerJob].some((w) => w.reference === r.Reference));
    expect(seeded.map((r) => r.Reference)).to.deep.equal([fixed, open, elsewhere, partnerJob].map((w) => w.reference), 'reported order');

    const row = seeded[0];
    expect(row).to.include({
      Category: 'Fly-tipping', Status: 'Fixed', Outcome: 'Fixed', Evidence: 'Before and after photos, flagged: no location', 'Ward code': KENSINGTON, Ward: 'Kensington and Fairfield', Zone: '2',
      'Nearest postcode': 'L6 3AE', Place: 'Back alley, "Sheil Road", by the garages', Latitude: String(fixed.lat), Longitude: String(fixed.lng),
      'Reported (UK time)': '2026-11-02 09:00', 'Due (UK time)': '2026-11-04 18:00', 'Closed (UK time)': '2026-11-03 11:30', 'Hours to clear': '26.5', 'Met deadline': 'Yes',
      'Bags filled (bags)': '6', 'Estimated weight (kg)': '120', 'Fly-tip size': 'Small van load', 'Fly-tip waste type': 'Other household', 'Fly-tip land type': 'Back alleyway', 'Fly-tip enforcement (crew)': 'Investigation',
    });
    expect(row.Crew).to.match(/^Crew /);
    expect(seeded[1]).to.include({ Status: 'Accepted', Outcome: 'Open', 'Met deadline': 'No (still open)', Evidence: '' });
    expect(seeded[1].Place, 'formula guard').to.equal(`'${EVIL_PLACE}`);
    expect(seeded[2]['Longitude'], 'a negative number stays a number').to.match(/^-2\.\d+$/);
  });

  it('When filters are given, then only matching work orders are exported, with UK dates inclusive', async () => {
    const office = await t.as('dispatcher');
    const refs = async (q: string) => parseCsv((await asBuffer(office.get(`/api/exports/work-orders.csv?${q}`))).body).map((r) => r.Reference);
    expect(await refs('category=fly-tipping')).to.include(fixed.reference).and.not.include(open.reference);
    expect(await refs(`ward=${ANFIELD}`)).to.include.members([elsewhere.reference, partnerJob.reference]).and.not.include(fixed.reference);
    expect(await refs('status=accepted,new')).to.include.members([open.reference, elsewhere.reference]).and.not.include(fixed.reference);
    expect(await refs('from=2026-11-20&to=2026-11-21')).to.include.members([open.reference, elsewhere.reference]).and.not.include.members([fixed.reference, partnerJob.reference]);
    const bad = await office.get('/api/exports/work-orders.csv?from=2026-11-21&to=2026-11-20');
    expect(bad.status).to.equal(400);
    expect((await office.get('/api/exports/work-orders.csv?status=sparkly')).status).to.equal(400);
  });

  it('When an administrator renames a category, then the next export says the new name (the export reads the kept categories, which a change drops)', async () => {
    const office = await t.as('dispatcher');
    const categoryOf = async (reference: string) =>
      parseCsv((await asBuffer(office.get('/api/exports/work-orders.csv?category=fly-tipping'))).body).find((r) => r.Reference === reference)?.Category;
    const before = await categoryOf(fixed.reference);
    await t.deps.categories.update('fly-tipping', { name: 'Fly-tipping (renamed)' });
    try {
      expect(await categoryOf(fixed.reference)).to.equal('Fly-tipping (renamed)');
    } finally {
      await t.deps.categories.update('fly-tipping', { name: before! });
    }
  });

  it('When the GeoJSON is downloaded, then it is an RFC 7946 FeatureCollection of points in [longitude, latitude] with the same fields', async () => {
    const office = await t.as('admin');
    const res = await asBuffer(office.get(`/api/exports/work-orders.geojson?ward=${KENSINGTON}`));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/geo\+json/);
    const doc = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(doc.type).to.equal('FeatureCollection');
    const feature = doc.features.find((f: { properties: { reference: string } }) => f.properties.reference === fixed.reference);
    expect(feature.type).to.equal('Feature');
    expect(feature.geometry).to.deep.equal({ type: 'Point', coordinates: [fixed.lng, fixed.lat] });
    expect(feature.properties).to.include({ category: 'Fly-tipping', outcome: 'Fixed', ward_code: KENSINGTON, fly_tip_land_type: 'Back alleyway', hours_to_clear: 26.5, reported: fixed.openedAt, closed: '2026-11-03T11:30:00.000Z' });
    expect(doc.features.every((f: { properties: { ward_code: string } }) => f.properties.ward_code === KENSINGTON)).to.equal(true);
  });

  it('When a councillor exports, then only their wards come out, another ward is 403 NOT_YOUR_WARD, and no one’s name, email, phone or free text is in it', async () => {
    const councillor = await t.as('councillor');
    const csv = await asBuffer(councillor.get('/api/exports/work-orders.csv'));
    expect(csv.status).to.equal(200);
    const rows = parseCsv(csv.body);
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((r) => r['Ward code'] === KENSINGTON)).to.equal(true);
    expect(rows.map((r) => r.Reference)).to.include(fixed.reference).and.not.include(elsewhere.reference);
    const geo = JSON.parse((await asBuffer(councillor.get('/api/exports/work-orders.geojson'))).body.toString('utf8'));
    expect(geo.features.every((f: { properties: { ward_code: string } }) => f.properties.ward_code === KENSINGTON)).to.equal(true);
    const other = await councillor.get(`/api/exports/work-orders.csv?ward=${ANFIELD}`);
    expect(other.status).to.equal(403);
    expect(other.body.error.code).to.equal('NOT_YOUR_WARD');
    const preview = await councillor.get('/api/exports/work-orders/preview');
    expect(preview.body).to.include({ scope: 'councillor' });
    expect(preview.body.wards).to.deep.equal([KENSINGTON]);
  });

  it('When a partner exports, then only work orders holding reports it sent come out, with its own reference', async () => {
    const partner = supertest.agent(t.app).set('authorization', `Bearer ${partnerKey}`);
    const rows = parseCsv((await asBuffer(partner.get('/api/exports/work-orders.csv'))).body);
    expect(rows.map((r) => r.Reference)).to.deep.equal([partnerJob.reference]);
    expect(rows[0]['Your reference']).to.equal('MP-2026-0042');
  });

  it('When a crew lead or nobody asks, then there is no export (403, 401)', async () => {
    const crew = await t.as('crew_lead');
    expect((await crew.get('/api/exports/work-orders.csv')).status).to.equal(403);
    expect((await crew.get('/api/exports/wastedataflow?month=2026-11')).status).to.equal(403);
    expect((await t.anon().get('/api/exports/work-orders.geojson')).status).to.equal(401);
    const councillor = await t.as('councillor');
    expect((await councillor.get('/api/exports/wastedataflow?month=2026-11')).status).to.equal(403);
  });

  it('When anyone exports, then no reporter’s name, email or phone, resident’s own words or landmark text, or crew note is in the file', async () => {
    const partner = supertest.agent(t.app).set('authorization', `Bearer ${partnerKey}`);
    const callers = [await t.as('admin'), await t.as('dispatcher'), await t.as('councillor'), partner];
    const secrets = [...DISTINCTIVE_REPORTERS.flatMap((r) => [r.name, r.email, r.phone]), UNMODERATED_TEXT, RESIDENT_LANDMARK, 'Zebedee'];
    for (const agent of callers) {
      for (const path of ['/api/exports/work-orders.csv', '/api/exports/work-orders.geojson']) {
        const body = (await asBuffer(agent.get(path))).body.toString('utf8');
        for (const secret of secrets) expect(body, `${path} contains ${secret}`).not.to.contain(secret);
      }
    }
    const users = await t.deps.users.list();
    const everyone = (await asBuffer((await t.as('admin')).get('/api/exports/work-orders.csv'))).body.toString('utf8');
    for (const u of users) {
      expect(everyone).not.to.contain(u.email);
      expect(everyone).not.to.contain(u.name);
    }
  });

  it('When open data is off (the default), then the public address is 404; when an admin switches it on, then it serves the anonymised CSV', async () => {
    const anon = t.anon();
    const off = await anon.get('/api/open-data/work-orders.csv');
    expect(off.status).to.equal(404);
    expect(off.body.error.code).to.equal('OPEN_DATA_NOT_PUBLISHED');
    const admin = await t.as('admin');
    expect((await admin.put('/api/settings/openData').send({ publishWorkOrders: true })).status).to.equal(200);
    const on = await asBuffer(anon.get('/api/open-data/work-orders.csv'));
    expect(on.status).to.equal(200);
    const rows = parseCsv(on.body);
    const row = rows.find((r) => r.Reference === fixed.reference)!;
    expect(Object.keys(row)).not.to.include.members(['Place', 'Crew', 'Nearest postcode', 'Enforcement actions recorded', 'Priority']);
    expect(row['Postcode sector']).to.equal('L6 3');
    expect(row.Latitude).to.equal(String(Math.round(fixed.lat * 1000) / 1000));
    const body = on.body.toString('utf8');
    for (const secret of ['Sheil Road', EVIL_PLACE, RESIDENT_LANDMARK, UNMODERATED_TEXT, ...DISTINCTIVE_REPORTERS.map((r) => r.email)]) expect(body).not.to.contain(secret);
    await admin.put('/api/settings/openData').send({ publishWorkOrders: false });
    expect((await anon.get('/api/open-data/work-orders.csv')).status).to.equal(404);
  });

  it('When work orders share a reported time across page boundaries, then paging yields each exactly once in order', async () => {
    const same = '2026-11-23T12:00:00.000Z';
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await insertWorkOrder(t.deps.db, { categoryCode: 'graffiti', wardCode: KENSINGTON, openedAt: same, dueAt: '2026-11-30T12:00:00.000Z' }));
    const seen: string[] = [];
    for await (const page of t.deps.exports.pages({ category: 'graffiti' }, 3)) seen.push(...page.map((r) => r.reference));
    expect(seen.length).to.equal(new Set(seen).size);
    expect(seen).to.include.members(made.map((m) => m.reference));
    expect(seen.length).to.equal(await t.deps.exports.count({ category: 'graffiti' }));
  });
});

describe('exports: streaming behaviour', () => {
  const ROWS = 200;
  let t: TestApp;
  let server: import('node:http').Server;
  let base: string;
  before(async () => {
    t = await testApp();
    for (let i = 0; i < ROWS; i++) await insertWorkOrder(t.deps.db, { categoryCode: 'litter', wardCode: KENSINGTON, openedAt: new Date(Date.parse('2026-11-01T09:00:00.000Z') + i * 60_000).toISOString(), dueAt: '2026-11-05T09:00:00.000Z' });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.close();
  });

  /** Replaces the export's pages with ones that wait for `release`, recording how far the writer pulled them and whether it let go. */
  function gatedPages() {
    const state = { pulled: 0, finished: false, release: () => undefined as void };
    const gate = new Promise<void>((resolve) => (state.release = resolve));
    const original = t.deps.exports.pages.bind(t.deps.exports);
    t.deps.exports.pages = async function* (f) {
      try {
        // One row a page, so a stopped reader shows as pages never pulled.
        for await (const page of original(f, 1)) {
          await gate;
          state.pulled += 1;
          yield page;
        }
      } finally {
        state.finished = true;
      }
    };
    return { state, restore: () => (t.deps.exports.pages = original) };
  }

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      http.get(base + path, { headers }, resolve).on('error', reject);
    });

  it('When an export starts, then the header row arrives before any page is read; when the client goes away, then reading stops', async () => {
    const { state, restore } = gatedPages();
    try {
      const anonymous = await get('/api/open-data/work-orders.csv');
      expect(anonymous.statusCode).to.equal(404);
      anonymous.resume();
      const admin = await t.as('admin');
      await admin.put('/api/settings/openData').send({ publishWorkOrders: true }).expect(200);
      // The server's side of this download, to know when it has seen the client go (not a fixed sleep).
      const serverSawClose = new Promise<void>((resolve) => server.once('request', (_req, serverRes) => serverRes.once('close', () => resolve())));
      const res = await get('/api/open-data/work-orders.csv', { 'accept-encoding': 'identity' });
      expect(res.statusCode).to.equal(200);
      const first: Buffer = await new Promise((resolve) => res.once('data', resolve));
      expect(first.toString('utf8')).to.match(/^\uFEFFReference,Category,Status/);
      expect(state.pulled, 'no page read yet').to.equal(0);
      res.destroy();
      await serverSawClose;
      state.release();
      for (const deadline = Date.now() + 10_000; !state.finished && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
      expect(state.finished, 'the page generator was closed').to.equal(true);
      expect(state.pulled, 'stopped early, not read to the end').to.be.lessThan(ROWS / 2);
    } finally {
      restore();
    }
  });

  it('When two open-data downloads are in flight, then a third is told 429 OPEN_DATA_BUSY with Retry-After, and later ones are served', async () => {
    const { state, restore } = gatedPages();
    try {
      const admin = await t.as('admin');
      await admin.put('/api/settings/openData').send({ publishWorkOrders: true }).expect(200);
      const a = await get('/api/open-data/work-orders.csv', { 'accept-encoding': 'identity' });
      const b = await get('/api/open-data/work-orders.csv', { 'accept-encoding': 'identity' });
      const third = await t.anon().get('/api/open-data/work-orders.csv');
      expect(third.status).to.equal(429);
      expect(third.body.error.code).to.equal('OPEN_DATA_BUSY');
      expect(third.headers['retry-after']).to.equal('30');
      state.release();
      await Promise.all([a, b].map((r) => new Promise((resolve) => r.resume().on('end', resolve))));
      expect((await t.anon().get('/api/open-data/work-orders.csv')).status).to.equal(200);
    } finally {
      restore();
    }
  });
});
