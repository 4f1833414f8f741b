import path from 'node:path';
import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import type { SurveyTranche } from '../../server/inspections/inspection.entity.js';
import { login, testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, TEST_PASSWORD } from '../support/fixtures.js';

/** About 40 m of street in Kensington and Fairfield (zone 2: outside the demo's zone-1 shopping street), shifted east by `i` steps so transects do not overlap. */
function line(i: number) {
  const lng = -2.94 + i * 0.0009;
  return { type: 'LineString', coordinates: [[lng, 53.413], [lng + 0.0006, 53.4131]] };
}

const CLEAN = { litter: 'A', detritus: 'B', graffiti: 'A', flyPosting: 'B+' };

describe('inspections API: transects, the draw, grading on the tablet and the index', () => {
  let t: TestApp;
  let admin: TestAgent;
  let inspector: TestAgent;
  let inspectorId: string;
  let tranche: SurveyTranche;

  before(async () => {
    t = await testApp();
    admin = await t.as('admin');
    const u = await t.deps.users.create({ email: 'iris@kerbside.test', name: 'Iris Inspector', role: 'inspector', password: TEST_PASSWORD });
    inspectorId = u.id;
    inspector = await login(t.app, 'iris@kerbside.test', TEST_PASSWORD);
  });
  after(() => t.close());

  it('When an admin imports a GeoJSON file of transects, then they are placed in their wards; a bad feature refuses the whole file with every problem listed', async () => {
    const features = Array.from({ length: 6 }, (_, i) => ({ type: 'Feature', geometry: line(i), properties: { name: `Test street ${i + 1}`, landUse: i < 4 ? 'high_density_housing' : 'main_retail' } }));
    const res = await admin.post('/api/inspections/transects/import').send({ type: 'FeatureCollection', features }).expect(201);
    expect(res.body).to.deep.equal({ created: 6, wards: { [KENSINGTON]: 6 } });
    const tooLong = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[-2.95, 53.41], [-2.93, 53.41]] }, properties: { name: 'Too long', landUse: 'main_roads' } };
    const outside = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[-1.5, 52.0], [-1.5005, 52.0]] }, properties: { name: 'Oxford', landUse: 'main_roads' } };
    const bad = await admin.post('/api/inspections/transects/import').send({ type: 'FeatureCollection', features: [features[0], tooLong, outside] }).expect(422);
    expect(bad.body.error.code).to.equal('TRANSECT_IMPORT_INVALID');
    expect(bad.body.error.details.problems.map((p: { feature: number }) => p.feature)).to.deep.equal([1, 2]);
    const wrongUse = await admin.post('/api/inspections/transects/import').send({ type: 'FeatureCollection', features: [{ ...features[0], properties: { name: 'x', landUse: 'moon' } }] }).expect(400);
    expect(wrongUse.body.error.code).to.equal('VALIDATION_FAILED');
    expect((await admin.get(`/api/inspections/transects?ward=${KENSINGTON}`).expect(200)).body).to.have.length(6);
    expect((await (await t.as('councillor')).post('/api/inspections/transects/import').send({ type: 'FeatureCollection', features })).status).to.equal(403);
  });

  it('When a tranche is planned and drawn, then each ward gets its stratified sample, assigned to the inspector from today; a second draw is refused', async () => {
    tranche = (await admin.post('/api/inspections/tranches').send({ startsOn: '2026-08-01', endsOn: '2026-11-30', samplePerWard: 4, seed: 'api-test' }).expect(201)).body;
    expect(tranche.name).to.equal('2026/27 tranche 2');
    const drawn = await admin.post(`/api/inspections/tranches/${tranche.id}/draw`).expect(200);
    expect(drawn.body.drawn).to.equal(4);
    expect(drawn.body.byWard).to.deep.equal({ [KENSINGTON]: 4 });
    expect((await admin.post(`/api/inspections/tranches/${tranche.id}/draw`).expect(409)).body.error.code).to.equal('TRANCHE_ALREADY_DRAWN');
    const mine = await inspector.get('/api/inspections/my-visits').expect(200);
    expect(mine.body.day).to.equal('2026-11-24');
    expect(mine.body.visits).to.have.length(4);
    // 4 of 6 transects: 4 housing ÷ 6 × 4 = 2.67 → 3, 2 retail → 1.33 → 1
    const uses = mine.body.visits.map((v: { transect: { landUse: string } }) => v.transect.landUse).sort();
    expect(uses).to.deep.equal(['high_density_housing', 'high_density_housing', 'high_density_housing', 'main_retail']);
    expect((await (await t.as('crew_lead')).get('/api/inspections/my-visits').expect(200)).body.visits).to.deep.equal([]);
    expect((await (await t.as('councillor')).get('/api/inspections/my-visits')).status).to.equal(403);
  });

  it('When a D for litter is sent twice with one Idempotency-Key, then one survey and one work order exist, with the zone response time and the survey linked; a new key is refused as already surveyed', async () => {
    const [visit] = (await inspector.get('/api/inspections/my-visits')).body.visits;
    const data = JSON.stringify({ grades: { ...CLEAN, litter: 'D' }, capturedAt: '2026-11-24T09:30:00Z', position: { lat: 53.413, lng: -2.94 } });
    const key = '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0001';
    const first = await inspector.post(`/api/inspections/visits/${visit.id}/survey`).set('Idempotency-Key', key).field('data', data).expect(200);
    const again = await inspector.post(`/api/inspections/visits/${visit.id}/survey`).set('Idempotency-Key', key).field('data', data).expect(200);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect(first.body.grades.litter).to.equal('D');
    const woId = first.body.workOrderId as string;
    expect(woId).to.be.a('string');
    const wo = (await admin.get(`/api/work-orders/${woId}`).expect(200)).body;
    expect(wo.categoryCode).to.equal('litter');
    // zone 2 (the default outside the demo's zone-1 polygon): by 18:00 the following day, from when it was graded
    expect(wo.zone).to.equal(2);
    expect(wo.dueAt).to.equal('2026-11-25T18:00:00.000Z');
    const trail = (await admin.get(`/api/inspections/work-orders/${woId}`).expect(200)).body;
    expect(trail.survey.id).to.equal(visit.id);
    expect(trail.reinspection).to.equal(null);
    const replayWithNewKey = await inspector.post(`/api/inspections/visits/${visit.id}/survey`).set('Idempotency-Key', '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0002').field('data', data).expect(409);
    expect(replayWithNewKey.body.error.code).to.equal('ALREADY_SURVEYED');
    const csv = (await admin.get('/api/inspections/surveys.csv').expect(200)).text;
    expect(csv.split('\r\n').filter((l) => l.includes(visit.id))).to.have.length(1);
  });

  it('When a C for detritus is sent with a photo, then the work order it opens is a detritus job carrying the photo as evidence', async () => {
    const visit = (await inspector.get('/api/inspections/my-visits')).body.visits.find((v: { status: string }) => v.status === 'assigned');
    const res = await inspector
      .post(`/api/inspections/visits/${visit.id}/survey`)
      .set('Idempotency-Key', '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0010')
      .field('data', JSON.stringify({ grades: { ...CLEAN, detritus: 'C' } }))
      .attach('photo', path.resolve('test/fixtures/crew/before.jpg'))
      .expect(200);
    const wo = (await admin.get(`/api/work-orders/${res.body.workOrderId}`).expect(200)).body;
    expect(wo.categoryCode).to.equal('detritus');
    expect(wo.photos).to.have.length(1);
    await admin.get(wo.photos[0].url).expect(200);
  });

  it('When a survey is malformed or not the inspector’s, then it is refused with a code and nothing is recorded', async () => {
    const visit = (await inspector.get('/api/inspections/my-visits')).body.visits.find((v: { status: string }) => v.status === 'assigned');
    const bad = await inspector.post(`/api/inspections/visits/${visit.id}/survey`).set('Idempotency-Key', '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0003').send({ grades: { ...CLEAN, litter: 'E' } }).expect(400);
    expect(bad.body.error.code).to.equal('VALIDATION_FAILED');
    expect((await inspector.post(`/api/inspections/visits/${visit.id}/survey`).send({ grades: CLEAN }).expect(400)).body.error.code).to.equal('IDEMPOTENCY_KEY_REQUIRED');
    const other = await (await t.as('crew_lead')).post(`/api/inspections/visits/${visit.id}/survey`).set('Idempotency-Key', '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0004').send({ grades: CLEAN }).expect(403);
    expect(other.body.error.code).to.equal('NOT_YOUR_VISIT');
    const missing = await inspector.post('/api/inspections/visits/00000000-0000-4000-8000-000000000000/survey').set('Idempotency-Key', '0b9f6a52-3d0e-4b8e-9a43-8f2f7d1c0005').send({ grades: CLEAN }).expect(404);
    expect(missing.body.error.code).to.equal('VISIT_NOT_FOUND');
    const still = (await inspector.get('/api/inspections/my-visits')).body.visits.find((v: { id: string }) => v.id === visit.id);
    expect(still.status).to.equal('assigned');
  });

  it('When the failed site’s work order is completed, then a re-inspection is booked for the inspector, and grading it is recorded against the work order', async () => {
    const [failed] = (await inspector.get('/api/inspections/my-visits')).body.visits.filter((v: { workOrderId: string | null }) => v.workOrderId);
    const woId = failed.workOrderId as string;
    for (const to of ['accepted', 'assigned', 'in_progress', 'completed'] as const) {
      await t.deps.workOrders.changeById(woId, { to, actor: { userId: null, label: 'test' }, event: { type: 'status' } });
    }
    await t.deps.inspections.scheduleReinspections();
    const trail = (await admin.get(`/api/inspections/work-orders/${woId}`).expect(200)).body;
    expect(trail.reinspection).to.include({ kind: 'reinspection', status: 'assigned', dueOn: '2026-11-25' });
    expect(await t.deps.inspections.scheduleReinspections(), 'booked once').to.equal(0);
    const visit = await t.deps.inspections.recordSurvey({ visitId: trail.reinspection.id, user: { id: inspectorId, email: 'iris@kerbside.test', name: 'Iris', role: 'inspector', crewId: null }, grades: { litter: 'A', detritus: 'A', graffiti: null, flyPosting: null } });
    expect(visit.workOrderId).to.equal(null);
    const after = (await admin.get(`/api/inspections/work-orders/${woId}`).expect(200)).body;
    expect(after.reinspection.grades).to.deep.equal({ litter: 'A', detritus: 'A', graffiti: null, flyPosting: null });
  });

  it('When anyone asks for a ward’s index, then it is public, exact for the graded sample and has no names; the summary lists the ward', async () => {
    const res = await t.anon().get(`/api/inspections/index/wards/${KENSINGTON}`).expect(200);
    expect(res.body.tranches).to.have.length(1);
    const { litter } = res.body.tranches[0].index.elements;
    // two graded sampled transects (litter D, then A with detritus C); the re-inspection does not count
    expect(litter).to.deep.equal({ surveyed: 2, below: 1, percent: 50, low: 9.5, high: 90.5 });
    expect(res.body.tranches[0].index.elements.detritus).to.deep.equal({ surveyed: 2, below: 1, percent: 50, low: 9.5, high: 90.5 });
    expect(JSON.stringify(res.body)).not.to.match(/Iris|@kerbside/);
    expect((await t.anon().get('/api/inspections/index/wards/nope').expect(400)).body.error.code).to.equal('VALIDATION_FAILED');
    expect((await t.anon().get('/api/inspections/index/wards/E05999999').expect(404)).body.error.code).to.equal('WARD_NOT_FOUND');
    const summary = (await t.anon().get('/api/inspections/index').expect(200)).body;
    expect(summary.map((r: { ward: { code: string } }) => r.ward.code)).to.include(KENSINGTON);
  });
});
