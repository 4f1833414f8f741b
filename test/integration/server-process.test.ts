/**
 * The real `server/main.ts` as a child process: starts, answers /healthz,
 * stops cleanly on SIGTERM, comes back on the same data, and refuses a bad
 * configuration with every problem listed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { exitOf, startServerProcess as startServer } from '../support/server-process.js';
import { emptyDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';

describe(`the server process (${TEST_DB_KIND})`, function () {
  this.timeout(90_000);

  it('When started on an empty database, then /healthz is 200, SIGTERM stops it with exit 0, and a restart on the same data works', async () => {
    const dataDir = mkdtempSync(path.join(tmpRoot, 'proc-'));
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (TEST_DB_KIND === 'postgres') {
      const target = await emptyDatabaseTarget();
      if (target.kind === 'postgres') env.DATABASE_URL = target.url;
    }
    const first = await startServer(env);
    try {
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).to.equal(200);
      expect(first.output()).to.contain('Demo logins');
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dispatcher@kerbside.test', password: 'kerbside-demo' }),
      });
      expect(login.status).to.equal(200);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await exitOf(first.child)).to.equal(0);
    expect(first.output()).to.contain('shutting down');

    const second = await startServer(env);
    try {
      expect((await fetch(`${second.url}/healthz`)).status).to.equal(200);
      expect(second.output()).not.to.contain('reference data loaded'); // seeded once, not again
    } finally {
      second.child.kill('SIGTERM');
      await exitOf(second.child);
    }
  });

  it('When the configuration is bad, then it exits 78 listing every bad key', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty', AT_RISK_SHARE: '7', DATA_DIR: mkdtempSync(path.join(tmpRoot, 'bad-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (b) => (err += b));
    expect(await exitOf(child)).to.equal(78);
    expect(err).to.contain('PORT').and.to.contain('AT_RISK_SHARE');
  });
});
