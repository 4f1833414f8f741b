import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

describe('auth', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ env: { LOGIN_RATE_PER_15MIN: '3' } })));
  after(() => t.close());

  it('When the password is right, then login answers the user and sets an httpOnly SameSite=Lax session cookie', async () => {
    const res = await supertest(t.app).post('/api/auth/login').send({ email: 'Dispatcher@Kerbside.test ', password: TEST_PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.body.user).to.include({ email: 'dispatcher@kerbside.test', role: 'dispatcher' });
    expect(res.body.user).not.to.have.property('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).to.match(/kerbside\.sid=/).and.to.match(/HttpOnly/i).and.to.match(/SameSite=Lax/i);
  });

  it('When the password is wrong, then 401 INVALID_CREDENTIALS with a request id', async () => {
    const res = await supertest(t.app).post('/api/auth/login').send({ email: 'admin@kerbside.test', password: 'nope-nope' });
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('INVALID_CREDENTIALS');
    expect(res.body.error.requestId).to.be.a('string').and.not.empty;
  });

  it('When the login body is malformed, then 400 with field details, not 500', async () => {
    const a = await supertest(t.app).post('/api/auth/login').send({ email: 'not-an-email' });
    expect(a.status).to.equal(400);
    expect(a.body.error.code).to.equal('VALIDATION_FAILED');
    expect(a.body.error.details.fields.map((f: { field: string }) => f.field)).to.include.members(['email', 'password']);
    const b = await supertest(t.app).post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(b.status).to.equal(400);
    expect(b.body.error.code).to.equal('MALFORMED_JSON');
  });

  it('When logged in, then /me answers the user; after logout it answers 401', async () => {
    const agent = await t.as('councillor');
    const me = await agent.get('/api/auth/me');
    expect(me.status).to.equal(200);
    expect(me.body.user.role).to.equal('councillor');
    expect(me.body.wardCodes).to.deep.equal(['E05000899']);
    expect((await agent.post('/api/auth/logout')).status).to.equal(200);
    expect((await agent.get('/api/auth/me')).status).to.equal(401);
  });

  it('When a logged-in write has no or a wrong CSRF token, then 403 CSRF_INVALID; with the token from /csrf it passes', async () => {
    const agent = await t.as('admin');
    const noToken = await agent.post('/api/api-clients').set('x-csrf-token', '').send({ name: 'Housing Trust' });
    expect(noToken.status).to.equal(403);
    expect(noToken.body.error.code).to.equal('CSRF_INVALID');
    const wrong = await agent.post('/api/api-clients').set('x-csrf-token', 'f'.repeat(64)).send({ name: 'Housing Trust' });
    expect(wrong.body.error.code).to.equal('CSRF_INVALID');
    const { body } = await agent.get('/api/auth/csrf');
    const ok = await agent.post('/api/api-clients').set('x-csrf-token', body.token).send({ name: 'Housing Trust' });
    expect(ok.status).to.equal(201);
  });

  it('When an account fails too often, then further attempts are refused with 429 even with the right password', async () => {
    const app = supertest(t.app);
    for (let i = 0; i < 3; i++) await app.post('/api/auth/login').send({ email: 'crew3@kerbside.test', password: 'wrong-password' });
    const res = await app.post('/api/auth/login').send({ email: 'crew3@kerbside.test', password: TEST_PASSWORD });
    expect(res.status).to.equal(429);
    expect(res.body.error.code).to.equal('LOGIN_RATE_LIMITED');
    // another account from the same IP is still fine (the per-IP limit is higher)
    expect((await app.post('/api/auth/login').send({ email: 'crew2@kerbside.test', password: TEST_PASSWORD })).status).to.equal(200);
  });

  it('When a partner sends a valid API key, then it is a partner; a revoked or unknown key is 401 INVALID_API_KEY', async () => {
    const { key, client } = await t.deps.apiClients.create('Merseyside Police');
    expect(key).to.match(/^kbk_/);
    const stored = await t.deps.apiClients.list();
    expect(JSON.stringify(stored)).not.to.contain(key);
    const me = await supertest(t.app).get('/api/users').set('authorization', `Bearer ${key}`);
    expect(me.status).to.equal(403); // a partner is not an admin
    await t.deps.apiClients.revoke(client.id);
    const revoked = await supertest(t.app).get('/api/categories').set('authorization', `Bearer ${key}`);
    expect(revoked.status).to.equal(401);
    expect(revoked.body.error.code).to.equal('INVALID_API_KEY');
  });
});
