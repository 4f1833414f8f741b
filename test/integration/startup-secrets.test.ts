/**
 * A production-like start (SEED_DEMO=false) prints and logs nothing secret:
 * not the demo password, the session secret, the demo API key, the SMTP
 * password, nor a secret a client sends (a password, an API key, a tracking
 * token in the path), even at the chattiest log level.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { exitOf, startServerProcess } from '../support/server-process.js';
import { emptyDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';

describe(`what the server process prints (${TEST_DB_KIND})`, function () {
  this.timeout(90_000);

  it('When started with SEED_DEMO=false and driven with secrets, then neither stdout nor stderr contains any configured or sent secret', async () => {
    const secrets = {
      SESSION_SECRET: 'sess-5ecret-9b1f0c7d2e4a6b8c0d1e2f3a4b5c6d7e',
      DEMO_PASSWORD: 'demo-pw-7Hq2Zx9Lk',
      DEMO_API_KEY: 'kbk_demo_key_4Rt8Yp1Wm6Vn3Qs',
      SMTP_PASS: 'smtp-pw-2Gd5Jk8Nb',
    };
    const sent = { password: 'sent-pw-6Fv1Xc4Bz', apiKey: 'kbk_sent_key_0Lm9Po8Iu7', trackingToken: 'tk_sent_3Ws5Ed7Rf9Tg', queryToken: 'q_sent_8Uj6Yh4Gt2' };
    const env: Record<string, string> = {
      ...secrets,
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'trace',
      DATA_DIR: mkdtempSync(path.join(tmpRoot, 'secrets-')),
      // A mail server nobody listens on: the mailer is configured (with its password) but never used.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
      SMTP_USER: 'kerbside',
    };
    if (TEST_DB_KIND === 'postgres') {
      const target = await emptyDatabaseTarget();
      if (target.kind === 'postgres') env.DATABASE_URL = target.url;
    }
    const server = await startServerProcess(env);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dispatcher@kerbside.test', password: sent.password }),
      });
      expect(login.status).to.equal(401);
      expect((await fetch(`${server.url}/api/categories`, { headers: { authorization: `Bearer ${sent.apiKey}` } })).status).to.equal(401);
      expect((await fetch(`${server.url}/api/track/${sent.trackingToken}`)).status).to.equal(404);
      await fetch(`${server.url}/api/reports?token=${sent.queryToken}`);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exitOf(server.child)).to.equal(0);
    const output = server.output();
    expect(output).to.contain('Kerbside is listening').and.to.contain('request completed');
    expect(output).not.to.contain('Demo logins');
    for (const [name, value] of Object.entries({ ...secrets, ...sent })) expect(output, `${name} printed`).not.to.contain(value);
  });
});
