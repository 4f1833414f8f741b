import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';

describe('health, postcodes, wards, unknown routes', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  it('When the database answers, then /healthz is 200 {status:"ok"}', async () => {
    const res = await supertest(t.app).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('When a postcode is written in any case or spacing, then it is found with its ward', async () => {
    for (const input of ['L6 3AE', 'l63ae', ' l6  3ae ']) {
      const res = await supertest(t.app).get(`/api/postcodes/${encodeURIComponent(input)}`);
      expect(res.status, input).to.equal(200);
      expect(res.body.postcode).to.equal('L6 3AE');
      expect(res.body.ward).to.deep.equal({ code: 'E05000899', name: 'Kensington and Fairfield' });
      expect(res.body.lat).to.be.closeTo(53.4133, 0.001);
      expect(res.body.lng).to.be.closeTo(-2.9444, 0.001);
    }
  });

  it('When a postcode is unknown, then 404 POSTCODE_NOT_FOUND; when it is not a postcode, then 400', async () => {
    const unknown = await supertest(t.app).get('/api/postcodes/L99%209ZZ');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('POSTCODE_NOT_FOUND');
    const junk = await supertest(t.app).get('/api/postcodes/hello');
    expect(junk.status).to.equal(400);
    expect(junk.body.error.code).to.equal('INVALID_POSTCODE');
  });

  it('When a converted postcode centroid is tested against the ward polygons, then it falls in its own ward', async () => {
    const res = await supertest(t.app).get('/api/postcodes/L7%202PH');
    if (res.status === 200 && res.body.ward) expect(t.deps.wardLocator.wardAt(res.body.lat, res.body.lng)?.code).to.equal(res.body.ward.code);
    expect(t.deps.wardLocator.wardAt(53.4142, -2.9448)?.name).to.equal('Kensington and Fairfield');
    expect(t.deps.wardLocator.wardAt(51.5, -0.12)).to.equal(null); // London
  });

  it('When the wards are asked for, then all 30 Liverpool wards come back as GeoJSON', async () => {
    const res = await supertest(t.app).get('/api/wards');
    expect(res.body.type).to.equal('FeatureCollection');
    expect(res.body.features).to.have.length(30);
  });

  it('When a client accepts gzip, then JSON answers are compressed (crews are on poor signal)', async () => {
    const res = await supertest(t.app).get('/api/wards').set('accept-encoding', 'gzip');
    expect(res.headers['content-encoding']).to.equal('gzip');
    expect(res.body.features).to.have.length(30);
  });

  it('When an unknown API route is called, then a JSON 404 ROUTE_NOT_FOUND', async () => {
    const res = await supertest(t.app).get('/api/no-such-thing?x=1');
    expect(res.status).to.equal(404);
    expect(res.body.error).to.include({ code: 'ROUTE_NOT_FOUND' });
    expect(res.body.error.message).to.contain('/api/no-such-thing');
  });

  it('When a client sends an x-request-id, then it is echoed; otherwise one is made', async () => {
    const a = await supertest(t.app).get('/healthz').set('x-request-id', 'abc-123');
    expect(a.headers['x-request-id']).to.equal('abc-123');
    const b = await supertest(t.app).get('/healthz');
    expect(b.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('When the OpenAPI document is fetched, then it is 3.1 and lists every JSON route with its audience', async () => {
    const res = await supertest(t.app).get('/api/openapi.json');
    expect(res.body.openapi).to.equal('3.1.0');
    expect(res.body.paths['/api/postcodes/{postcode}'].get.operationId).to.equal('postcodes.lookup');
    expect(res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).to.have.keys('email', 'password');
    const docs = await supertest(t.app).get('/api/docs');
    expect(docs.status).to.equal(200);
    expect(docs.text).to.contain('/api/openapi.json');
  });
});
