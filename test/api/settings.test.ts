import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';

describe('settings admin API', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  it('When an admin reads the settings, then every group comes back complete with its defaults', async () => {
    const admin = await t.as('admin');
    const res = await admin.get('/api/settings').expect(200);
    expect(res.body).to.have.all.keys('planner', 'hotspots', 'workingCalendar', 'weeklyReport', 'wasteDataFlow', 'openData', 'inspections');
    expect(res.body.inspections).to.deep.equal({ samplePerWard: 10, visitsPerDay: 8, slippingPoints: 10 });
    expect(res.body.planner).to.include({ autoPublish: false, timeLimitMs: 1500, streetFactor: 1.3 });
    expect(res.body.hotspots).to.deep.equal({ minReports: 5, radiusM: 100, days: 14 });
    expect(res.body.workingCalendar).to.include({ dayStart: '07:00', dayEnd: '18:00' });
    expect(res.body.workingCalendar.dutyDays).to.deep.equal([1, 2, 3, 4, 5]);
    expect(res.body.weeklyReport).to.deep.equal({ maxPhotoPairs: 60 });
    expect(res.body.openData, 'open data is off until an admin publishes it').to.deep.equal({ publishWorkOrders: false });
    expect(res.body.wasteDataFlow).to.deep.equal({ clearanceCostPerSize: {} });
  });

  it('When an admin changes a setting, then it is stored, read back and what the service sees', async () => {
    const admin = await t.as('admin');
    const put = await admin.put('/api/settings/hotspots').send({ minReports: 8, radiusM: 250, days: 21 }).expect(200);
    expect(put.body).to.deep.equal({ minReports: 8, radiusM: 250, days: 21 });
    expect((await admin.get('/api/settings').expect(200)).body.hotspots).to.deep.equal({ minReports: 8, radiusM: 250, days: 21 });
    expect(await t.deps.settings.get('hotspots')).to.deep.equal({ minReports: 8, radiusM: 250, days: 21 });

    // Fields left out take their defaults: a PUT replaces the whole group.
    await admin.put('/api/settings/weeklyReport').send({ maxPhotoPairs: 12 }).expect(200);
    const planner = (await admin.put('/api/settings/planner').send({ autoPublish: true }).expect(200)).body;
    expect(planner).to.include({ autoPublish: true, timeLimitMs: 1500 });
    expect(await t.deps.settings.get('weeklyReport')).to.deep.equal({ maxPhotoPairs: 12 });
  });

  it('When a value breaks its schema, then 400 names the field and nothing is stored', async () => {
    const admin = await t.as('admin');
    const before = (await admin.get('/api/settings').expect(200)).body.workingCalendar;
    const res = await admin.put('/api/settings/workingCalendar').send({ dutyDays: [1, 8], dayStart: '7am' }).expect(400);
    expect(res.body.error.code).to.equal('VALIDATION_FAILED');
    const fields = (res.body.error.details.fields as { field: string; message: string }[]).map((f) => f.field);
    expect(fields).to.have.members(['workingCalendar.dutyDays.1', 'workingCalendar.dayStart']);
    expect(res.body.error.message).to.match(/^Please check workingCalendar\./);
    expect((await admin.get('/api/settings').expect(200)).body.workingCalendar).to.deep.equal(before);

    const notObject = await admin.put('/api/settings/hotspots').send([1, 2]).expect(400);
    expect(notObject.body.error.details.fields[0].field).to.equal('hotspots');
  });

  it('When the key is not a setting, then 400 names the path parameter', async () => {
    const admin = await t.as('admin');
    const res = await admin.put('/api/settings/colourScheme').send({}).expect(400);
    expect(res.body.error.details.fields[0].field).to.equal('key');
  });

  it('When a dispatcher or nobody asks, then 403 and 401; the settings stay as they were', async () => {
    const dispatcher = await t.as('dispatcher');
    expect((await dispatcher.get('/api/settings')).status).to.equal(403);
    const put = await dispatcher.put('/api/settings/hotspots').send({ minReports: 2 });
    expect(put.status).to.equal(403);
    expect(put.body.error.code).to.equal('FORBIDDEN');
    expect((await supertest(t.app).get('/api/settings')).status).to.equal(401);
    expect((await t.deps.settings.get('hotspots')).minReports).not.to.equal(2);
  });

  it('When the OpenAPI document is built, then both routes are in it with the setting schemas', async () => {
    const doc = (await supertest(t.app).get('/api/openapi.json').expect(200)).body;
    expect(doc.paths['/api/settings'].get.operationId).to.equal('settings.list');
    const put = doc.paths['/api/settings/{key}'].put;
    expect(put.operationId).to.equal('settings.update');
    const body = put.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).to.contain('maxPhotoPairs').and.to.contain('dutyDays').and.to.contain('timeLimitMs');
    const list = doc.paths['/api/settings'].get.responses['200'].content['application/json'].schema;
    expect(list.properties).to.have.all.keys('planner', 'hotspots', 'workingCalendar', 'weeklyReport', 'wasteDataFlow', 'openData', 'inspections');
  });
});
