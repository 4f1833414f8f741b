/**
 * Failed logins slow the guesser, not the account's owner: per (account,
 * address) pair with growing waits, a known-device cookie that keeps the
 * owner's own browser working, a loose per-address cap, and one email to the
 * owner per attack. Addresses come from X-Forwarded-For (TRUST_PROXY=true).
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { LoginThrottleEntity } from '../../server/auth/login-throttle.entity.js';
import { MAX_WAIT_MS } from '../../server/auth/login-throttle.js';
import { LoginThrottleRepository } from '../../server/auth/login-throttle.repository.js';
import { MemoryMailer, testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

const WRONG = 'not-the-password';

describe('auth: login throttling', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ env: { TRUST_PROXY: 'true', LOGIN_RATE_PER_15MIN: '20', LOGIN_PAIR_FAILURES: '5', LOGIN_ADDRESS_FAILURES: '100' } })));
  after(() => t.close());

  const loginFrom = (address: string, email: string, password: string, agent = supertest(t.app)) =>
    agent.post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('When one address fails 5 times against an account, then that pair waits 1 s, then 2 s after its next failure, even with the right password', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) expect((await loginFrom(attacker, 'crew3@kerbside.test', WRONG)).status).to.equal(401);
    const refused = await loginFrom(attacker, 'crew3@kerbside.test', TEST_PASSWORD);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.code).to.equal('LOGIN_RATE_LIMITED');
    expect(refused.headers['retry-after']).to.equal('1');
    t.clock.advance(1000);
    expect((await loginFrom(attacker, 'crew3@kerbside.test', WRONG)).status).to.equal(401);
    const longer = await loginFrom(attacker, 'crew3@kerbside.test', WRONG);
    expect(longer.status).to.equal(429);
    expect(longer.headers['retry-after']).to.equal('2');
    // the same account from another address, and another account from this one, are not affected
    expect((await loginFrom('198.51.100.3', 'crew3@kerbside.test', TEST_PASSWORD)).status).to.equal(200);
    expect((await loginFrom(attacker, 'crew2@kerbside.test', TEST_PASSWORD)).status).to.equal(200);
    t.clock.advance(2000);
    expect((await loginFrom(attacker, 'crew3@kerbside.test', TEST_PASSWORD)).status).to.equal(200);
  });

  it('When an attacker fails 50 times against an account from several addresses, then its owner still logs in from a known device, the owner is emailed once, and other users behind the attacking address are not blocked', async () => {
    const victim = 'councillor.kensington@kerbside.test';
    const device = supertest.agent(t.app);
    const first = await loginFrom('198.51.100.20', victim, TEST_PASSWORD, device);
    expect(first.status).to.equal(200);
    expect(String(first.headers['set-cookie'])).to.match(/kerbside\.device=[^;]+;.*HttpOnly/i);
    const mailer = t.mailer as MemoryMailer;
    const mailsBefore = mailer.sent.length;

    let lastAddress = '';
    for (let i = 0; i < 50; i++) {
      lastAddress = `203.0.113.${20 + Math.floor(i / 5)}`;
      t.clock.advance(MAX_WAIT_MS); // the attacker waits out every delay
      expect((await loginFrom(lastAddress, victim, WRONG)).status, `attempt ${i + 1}`).to.equal(401);
    }

    expect((await loginFrom('198.51.100.20', victim, TEST_PASSWORD, device)).status).to.equal(200);
    // a device the account has never used must wait while the attack goes on
    expect((await loginFrom('192.0.2.44', victim, TEST_PASSWORD)).status).to.equal(429);
    expect((await loginFrom(lastAddress, 'dispatcher@kerbside.test', TEST_PASSWORD)).status).to.equal(200);

    const alerts = mailer.sent.slice(mailsBefore);
    expect(alerts.map((m) => m.to)).to.deep.equal([victim]);
    expect(alerts[0]!.subject).to.match(/trying to log in/);
    expect(alerts[0]!.text).to.match(/20 failed attempts/);
  });

  it('When failures arrive at the same moment, then every one is counted (one atomic statement each)', async () => {
    const repo = new LoginThrottleRepository(t.deps.db);
    const now = t.clock.now().toISOString();
    const rows = await Promise.all(Array.from({ length: 20 }, () => repo.recordFailure('pair:concurrent-test', now, '2000-01-01T00:00:00.000Z')));
    expect(rows.map((r) => r.failures).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_x, i) => i + 1));
    await repo.clear('pair:concurrent-test');
  });

  it('When the counts are stored, then the table holds hashed keys, not emails or addresses', async () => {
    const rows = await t.deps.db.manager.getRepository(LoginThrottleEntity).find();
    expect(rows.length).to.be.greaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.to.contain('kerbside.test').and.not.to.contain('203.0.113');
  });
});

describe('auth: login throttling per address', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ env: { TRUST_PROXY: 'true', LOGIN_ADDRESS_FAILURES: '12' } })));
  after(() => t.close());

  it('When one address fails against many accounts past its cap, then new devices there wait, and a known device still logs in', async () => {
    const office = '198.51.100.77';
    const device = supertest.agent(t.app);
    expect((await device.post('/api/auth/login').set('X-Forwarded-For', office).send({ email: 'admin@kerbside.test', password: TEST_PASSWORD })).status).to.equal(200);
    for (let i = 0; i < 12; i++) {
      const res = await supertest(t.app).post('/api/auth/login').set('X-Forwarded-For', office).send({ email: `nobody${i % 4}@kerbside.test`, password: WRONG });
      expect(res.status).to.equal(401);
    }
    expect((await supertest(t.app).post('/api/auth/login').set('X-Forwarded-For', office).send({ email: 'crew1@kerbside.test', password: TEST_PASSWORD })).status).to.equal(429);
    expect((await device.post('/api/auth/login').set('X-Forwarded-For', office).send({ email: 'admin@kerbside.test', password: TEST_PASSWORD })).status).to.equal(200);
    expect((t.mailer as MemoryMailer).sent).to.deep.equal([]); // nobody@ is not a user: no mail to it
  });
});
