import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON } from '../support/fixtures.js';

/** A spot in Kensington and Fairfield outside the demo's zone-1 polygon, so it starts in the default zone 2. */
const SPOT = { lat: 53.4125, lng: -2.935 };

/** A closed square ring of half-width `d` degrees around a point, as [lng, lat] positions. */
function square(c: { lat: number; lng: number }, d = 0.002): number[][] {
  return [
    [c.lng - d, c.lat - d],
    [c.lng + d, c.lat - d],
    [c.lng + d, c.lat + d],
    [c.lng - d, c.lat + d],
    [c.lng - d, c.lat - d],
  ];
}

function zoneBody(overrides: Record<string, unknown> = {}) {
  return { name: 'Edge Lane shops', zone: 1, boundary: { type: 'Polygon', coordinates: [square(SPOT)] }, note: 'Parade of shops', ...overrides };
}

function fieldsOf(body: { error: { details?: { fields?: { field: string }[] } } }): string[] {
  return (body.error.details?.fields ?? []).map((f) => f.field);
}

describe('zones: administrators draw Code of Practice zones and new reports follow them', () => {
  let t: TestApp;
  let admin: TestAgent;
  let n = 0;
  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
    admin = await t.as('admin');
  });
  after(() => t.close());

  /** A litter report (service level "by zone") near `c`, never merged with the last one as a duplicate. */
  async function litterAt(c: { lat: number; lng: number }): Promise<{ dueAt: string; zone: number; workOrderId: string }> {
    // Corners of a small square (≥ 90 m apart, beyond litter's 50 m duplicate radius), inside the zones drawn below.
    const [dLat, dLng] = [[1, 1], [1, -1], [-1, -1], [-1, 1]][n++ % 4];
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', lat: c.lat + dLat * 0.0006, lng: c.lng + dLng * 0.0008, description: `Crisp packets ${n}` });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const wo = (await admin.get(`/api/work-orders/${res.body.workOrderId}`).expect(200)).body as { zone: number; dueAt: string };
    expect(wo.dueAt).to.equal(res.body.dueAt);
    return { dueAt: res.body.dueAt, zone: wo.zone, workOrderId: res.body.workOrderId };
  }

  it('When a dispatcher lists zones, then they see the seeded zones and the default zone; crew leads, councillors and partners are refused', async () => {
    const res = await (await t.as('dispatcher')).get('/api/zones').expect(200);
    expect(res.body.defaultZone).to.equal(2);
    expect(res.body.zones).to.be.an('array');
    for (const z of res.body.zones) expect(z).to.have.all.keys('id', 'name', 'zone', 'boundary', 'note');
    expect((await (await t.as('crew_lead')).get('/api/zones')).status).to.equal(403);
    expect((await (await t.as('councillor')).get('/api/zones')).status).to.equal(403);
    expect((await t.anon().get('/api/zones')).status).to.equal(401);
    const { key } = await t.deps.apiClients.create('Zones partner');
    expect((await t.anon().get('/api/zones').set('authorization', `Bearer ${key}`)).status).to.equal(403);
  });

  it('When a dispatcher tries to create, change or delete a zone, then 403 FORBIDDEN and nothing changes', async () => {
    const dispatcher = await t.as('dispatcher');
    const before = (await admin.get('/api/zones').expect(200)).body.zones.length;
    const created = await dispatcher.post('/api/zones').send(zoneBody());
    expect(created.status).to.equal(403);
    expect(created.body.error.code).to.equal('FORBIDDEN');
    const any = (await admin.get('/api/zones').expect(200)).body.zones[0] as { id: string } | undefined;
    const id = any?.id ?? '7b0c1bb4-3c71-4d43-9bb5-3b8c0a3d0e11';
    expect((await dispatcher.patch(`/api/zones/${id}`).send({ zone: 4 })).status).to.equal(403);
    expect((await dispatcher.delete(`/api/zones/${id}`)).status).to.equal(403);
    expect((await admin.get('/api/zones').expect(200)).body.zones.length).to.equal(before);
  });

  it('When a report falls inside a new zone 1, then it gets zone 1’s deadline; after a change to zone 3 the next one gets 14 days; after deletion the default again; earlier work orders keep theirs', async () => {
    expect(t.deps.wardLocator.wardAt(SPOT.lat, SPOT.lng)?.code).to.equal(KENSINGTON);
    // Tuesday 10:00 in zone 2 (the default): by 18:00 the next duty day.
    const first = await litterAt(SPOT);
    expect(first.zone).to.equal(2);
    expect(first.dueAt).to.equal('2026-11-25T18:00:00.000Z');

    const created = await admin.post('/api/zones').send(zoneBody());
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ name: 'Edge Lane shops', zone: 1, note: 'Parade of shops' });
    const id = created.body.id as string;
    expect((await admin.get('/api/zones').expect(200)).body.zones.map((z: { id: string }) => z.id)).to.include(id);

    // Zone 1 before the 13:00 cut-off: by 18:00 the same day.
    const second = await litterAt(SPOT);
    expect(second.zone).to.equal(1);
    expect(second.dueAt).to.equal('2026-11-24T18:00:00.000Z');

    const changed = await admin.patch(`/api/zones/${id}`).send({ zone: 3, name: 'Edge Lane (low use)', note: null });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body).to.include({ id, zone: 3, name: 'Edge Lane (low use)', note: null });
    const third = await litterAt(SPOT);
    expect(third.zone).to.equal(3);
    expect(new Date(third.dueAt).getTime() - t.clock.now().getTime()).to.be.greaterThan(13 * 24 * 3600_000);

    await admin.delete(`/api/zones/${id}`).expect(204);
    const fourth = await litterAt(SPOT);
    expect(fourth.zone).to.equal(2);

    expect(new Set([first, second, third, fourth].map((r) => r.workOrderId)).size, 'four separate work orders').to.equal(4);
    // Work orders already filed keep the zone and deadline they were given.
    const kept = (await admin.get(`/api/work-orders/${second.workOrderId}`).expect(200)).body;
    expect(kept.zone).to.equal(1);
    expect(kept.dueAt).to.equal('2026-11-24T18:00:00.000Z');
  });

  it('When a zone is a MultiPolygon, then a report in either part gets it', async () => {
    const other = { lat: 53.4105, lng: -2.93 };
    expect(t.deps.wardLocator.wardAt(other.lat, other.lng), 'second part in a ward').not.to.equal(null);
    const res = await admin.post('/api/zones').send(zoneBody({ name: 'Two parades', zone: 1, boundary: { type: 'MultiPolygon', coordinates: [[square(SPOT, 0.001)], [square(other, 0.001)]] } }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(t.deps.wardLocator.zoneAt(SPOT.lat, SPOT.lng)).to.equal(1);
    expect(t.deps.wardLocator.zoneAt(other.lat, other.lng)).to.equal(1);
    await admin.delete(`/api/zones/${res.body.id}`).expect(204);
    expect(t.deps.wardLocator.zoneAt(other.lat, other.lng)).to.equal(2);
  });

  it('When a zone is given a name another zone has (in any case), then 409 ZONE_NAME_TAKEN on create and on rename', async () => {
    const a = await admin.post('/api/zones').send(zoneBody({ name: 'Tuebrook parade' })).expect(201);
    const b = await admin.post('/api/zones').send(zoneBody({ name: 'TUEBROOK PARADE' }));
    expect(b.status).to.equal(409);
    expect(b.body.error.code).to.equal('ZONE_NAME_TAKEN');
    const c = await admin.post('/api/zones').send(zoneBody({ name: 'Tuebrook side streets', zone: 2 })).expect(201);
    const renamed = await admin.patch(`/api/zones/${c.body.id}`).send({ name: 'Tuebrook parade' });
    expect(renamed.status).to.equal(409);
    expect(fieldsOf(renamed.body)).to.deep.equal(['name']);
    // Keeping its own name is not a clash.
    await admin.patch(`/api/zones/${a.body.id}`).send({ name: 'Tuebrook parade', zone: 2 }).expect(200);
    await admin.delete(`/api/zones/${a.body.id}`).expect(204);
    await admin.delete(`/api/zones/${c.body.id}`).expect(204);
  });

  describe('validation: every refusal is a 4xx with a machine code, and nothing is stored', () => {
    const ring = square(SPOT);
    const poly = (coordinates: unknown) => ({ boundary: { type: 'Polygon', coordinates } });
    const cases: [string, Record<string, unknown>, number, string, string?][] = [
      ['no name', { name: '  ' }, 400, 'VALIDATION_FAILED', 'name'],
      ['zone 5', { zone: 5 }, 400, 'VALIDATION_FAILED', 'zone'],
      ['zone 0', { zone: 0 }, 400, 'VALIDATION_FAILED', 'zone'],
      ['zone "1" as a string', { zone: '1' }, 400, 'VALIDATION_FAILED', 'zone'],
      ['a Point instead of a polygon', { boundary: { type: 'Point', coordinates: [-2.93, 53.41] } }, 400, 'VALIDATION_FAILED', 'boundary.type'],
      ['a Feature instead of a geometry', { boundary: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] } } }, 400, 'VALIDATION_FAILED', 'boundary.type'],
      ['no boundary', { boundary: undefined }, 400, 'VALIDATION_FAILED', 'boundary'],
      ['a polygon with no rings', poly([]), 400, 'VALIDATION_FAILED', 'boundary.coordinates'],
      ['a position that is a string', poly([[...ring.slice(0, 2), 'x', ...ring.slice(2)]]), 400, 'VALIDATION_FAILED'],
      ['a position with one number', poly([[[-2.93], ...ring]]), 400, 'VALIDATION_FAILED'],
      ['an unknown field', { colour: 'red' }, 400, 'VALIDATION_FAILED'],
      ['a ring that is not closed', poly([ring.slice(0, 4)]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0'],
      ['a ring of 3 positions', poly([[ring[0], ring[1], ring[0]]]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0'],
      ['a latitude of 123', poly([[ring[0], [ring[1][0], 123], ring[2], ring[3], ring[0]]]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0.1'],
      ['a longitude of -181', poly([[ring[0], [-181, ring[1][1]], ring[2], ring[3], ring[0]]]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0.1'],
      ['a ring crossing itself (bow tie)', poly([[ring[0], ring[2], ring[1], ring[3], ring[0]]]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0'],
      ['corners on one line', poly([[[-2.93, 53.41], [-2.92, 53.41], [-2.91, 53.41], [-2.93, 53.41]]]), 400, 'INVALID_GEOMETRY', 'boundary.coordinates.0'],
      ['a bad ring in a MultiPolygon', { boundary: { type: 'MultiPolygon', coordinates: [[ring], [ring.slice(0, 4)]] } }, 400, 'INVALID_GEOMETRY', 'boundary.coordinates.1.0'],
      ['latitude and longitude swapped', poly([ring.map(([lng, lat]) => [lat, lng])]), 422, 'ZONE_OUTSIDE_COUNCIL', 'boundary'],
      ['a zone in London', poly([square({ lat: 51.5, lng: -0.12 })]), 422, 'ZONE_OUTSIDE_COUNCIL', 'boundary'],
    ];
    for (const [what, overrides, status, code, field] of cases) {
      it(`When a zone is sent with ${what}, then ${status} ${code}`, async () => {
        const before = (await admin.get('/api/zones').expect(200)).body.zones.length;
        const res = await admin.post('/api/zones').send(zoneBody({ name: `Bad zone: ${what}`, ...overrides }));
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.body.error.code).to.equal(code);
        if (field) expect(fieldsOf(res.body)).to.include(field);
        expect((await admin.get('/api/zones').expect(200)).body.zones.length).to.equal(before);
      });
    }

    it('When a zone covering the whole city is drawn, then it is accepted (the wards lie inside it)', async () => {
      const res = await admin.post('/api/zones').send(zoneBody({ name: 'Whole city', zone: 4, boundary: { type: 'Polygon', coordinates: [square({ lat: 53.41, lng: -2.95 }, 0.3)] } }));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      // The strictest zone wins where zones overlap: the demo's zone 1 is still zone 1.
      expect(t.deps.wardLocator.zoneAt(53.409, -2.95)).to.equal(1);
      await admin.delete(`/api/zones/${res.body.id}`).expect(204);
    });

    it('When a zone is changed with a bad boundary or zone number, then 400 and it keeps its old values', async () => {
      const created = await admin.post('/api/zones').send(zoneBody({ name: 'Patch target', zone: 3 })).expect(201);
      const id = created.body.id as string;
      const open = await admin.patch(`/api/zones/${id}`).send({ boundary: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } });
      expect(open.status).to.equal(400);
      expect(open.body.error.code).to.equal('INVALID_GEOMETRY');
      const five = await admin.patch(`/api/zones/${id}`).send({ zone: 5 });
      expect(five.status).to.equal(400);
      const stored = (await admin.get('/api/zones').expect(200)).body.zones.find((z: { id: string }) => z.id === id);
      expect(stored).to.deep.include({ zone: 3, name: 'Patch target' });
      expect(stored.boundary.coordinates[0]).to.have.length(5);
      await admin.delete(`/api/zones/${id}`).expect(204);
    });

    it('When a zone id is not a UUID or does not exist, then 400 or 404 ZONE_NOT_FOUND (never 5xx)', async () => {
      const bad = await admin.patch('/api/zones/not-a-uuid').send({ zone: 2 });
      expect(bad.status).to.equal(400);
      const missing = '0b6f5c56-55d5-4a52-9b0e-3c1f0f8b2a11';
      const p = await admin.patch(`/api/zones/${missing}`).send({ zone: 2 });
      expect(p.status).to.equal(404);
      expect(p.body.error.code).to.equal('ZONE_NOT_FOUND');
      const d = await admin.delete(`/api/zones/${missing}`);
      expect(d.status).to.equal(404);
      expect(d.body.error.code).to.equal('ZONE_NOT_FOUND');
      const notJson = await admin.post('/api/zones').set('content-type', 'application/json').send('{"name": ');
      expect(notJson.status).to.be.within(400, 499);
    });

    it('When a boundary has more positions than the limit, then 400 (not a slow lookup or a 5xx)', async () => {
      const many: number[][] = [];
      for (let i = 0; i < 5001; i++) {
        const a = (2 * Math.PI * i) / 5001;
        many.push([SPOT.lng + 0.002 * Math.cos(a), SPOT.lat + 0.002 * Math.sin(a)]);
      }
      many.push(many[0]);
      const res = await admin.post('/api/zones').send(zoneBody({ name: 'Too detailed', boundary: { type: 'Polygon', coordinates: [many] } }));
      expect(res.status).to.be.within(400, 499);
    });
  });

  it('When the OpenAPI document is read, then it describes the zone routes', async () => {
    const doc = (await t.anon().get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/api/zones']?.get?.operationId).to.equal('zones.list');
    expect(doc.paths['/api/zones']?.post?.operationId).to.equal('zones.create');
    expect(doc.paths['/api/zones/{id}']?.patch?.operationId).to.equal('zones.update');
    expect(doc.paths['/api/zones/{id}']?.delete?.operationId).to.equal('zones.delete');
  });
});
