import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

describe('login and the session row', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  before(async () => {
    t = await testApp();
    // A slow session store (a busy database): saving takes 300 ms.
    const store = t.deps.sessionStore;
    const set = store.set.bind(store);
    store.set = (sid, sess, cb) => void setTimeout(() => set(sid, sess, cb), 300);
    server = t.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('When a client acts as soon as the login headers arrive, then its next request is already logged in', async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dispatcher@kerbside.test', password: TEST_PASSWORD }) });
    expect(login.status).to.equal(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // Deliberately not reading the login body: fetch resolves on the headers.
    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    expect(me.status).to.equal(200);
    await login.text();
  });
});
