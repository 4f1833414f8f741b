import { expect } from 'chai';
import supertest from 'supertest';
import { MemoryMailer, testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD } from '../support/fixtures.js';

describe('reporter emails and Open311', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await testApp();
    ({ key } = await t.deps.apiClients.create('FixMyStreet'));
  });
  after(() => t.close());

  it('When FixMyStreet sends a report with the resident\'s email, then Kerbside sends that resident nothing (FixMyStreet tells its own users)', async () => {
    const res = await supertest(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: key, service_code: 'litter', lat: SHEIL_ROAD.lat.toFixed(6), long: SHEIL_ROAD.lng.toFixed(6), description: 'Crisp packets', email: 'fms.user@example.org', first_name: 'Fi', last_name: 'Ems' });
    expect(res.status).to.be.oneOf([200, 201]);
    const web = await supertest(t.app)
      .post('/api/reports')
      .send({ categoryCode: 'litter', lat: SHEIL_ROAD.lat + 0.01, lng: SHEIL_ROAD.lng, description: 'Cans', email: 'web.user@example.org' });
    expect(web.status).to.equal(201);
    await t.deps.notifications.settled();
    const to = (t.mailer as MemoryMailer).sent.map((m) => m.to);
    expect(to).to.include('web.user@example.org');
    expect(to).not.to.include('fms.user@example.org');
  });
});
