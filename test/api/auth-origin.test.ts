import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

describe('auth: cross-site login', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ env: { PUBLIC_BASE_URL: 'https://streets.liverpool.example' } })));
  after(() => t.close());

  const form = { email: 'dispatcher@kerbside.test', password: TEST_PASSWORD };

  it('When another site posts the login form (Origin: evil.example), then 403 CROSS_SITE_LOGIN and no session cookie', async () => {
    const res = await supertest(t.app).post('/api/auth/login').type('form').set('Origin', 'https://evil.example').send(form);
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('CROSS_SITE_LOGIN');
    expect(res.body.error.message).to.match(/another site/);
    expect(res.headers['set-cookie']).to.equal(undefined);
  });

  it('When the browser says cross-site or same-site (Sec-Fetch-Site) without an Origin, or sends Origin: null, then 403', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await supertest(t.app).post('/api/auth/login').set('Sec-Fetch-Site', site).send(form);
      expect(res.status, site).to.equal(403);
      expect(res.body.error.code).to.equal('CROSS_SITE_LOGIN');
    }
    expect((await supertest(t.app).post('/api/auth/login').type('form').set('Origin', 'null').send(form)).status).to.equal(403);
  });

  it("When the login comes from the app's own origin (its Host, or PUBLIC_BASE_URL behind a proxy), then it logs in", async () => {
    const sameHost = await supertest(t.app).post('/api/auth/login').set('Host', 'kerbside.internal:3000').set('Origin', 'http://kerbside.internal:3000').set('Sec-Fetch-Site', 'same-origin').send(form);
    expect(sameHost.status).to.equal(200);
    const viaProxy = await supertest(t.app).post('/api/auth/login').set('Host', '10.0.0.5:3000').set('Origin', 'https://streets.liverpool.example').send(form);
    expect(viaProxy.status).to.equal(200);
    const sameOriginOnly = await supertest(t.app).post('/api/auth/login').set('Sec-Fetch-Site', 'same-origin').send(form);
    expect(sameOriginOnly.status).to.equal(200);
  });

  it('When a client sends neither Origin nor Sec-Fetch-Site (curl, scripts), then it logs in: only a browser can be made to forge a login', async () => {
    expect((await supertest(t.app).post('/api/auth/login').send(form)).status).to.equal(200);
  });
});
