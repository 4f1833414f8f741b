import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('config', () => {
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'kb-config-'));

  it('When nothing is set, then it runs the demo on a SQLite file under ./data with a generated, persisted session secret', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.database).to.deep.equal({ kind: 'sqlite', file: path.join(dir, 'kerbside.sqlite') });
    expect(c.sessionSecret).to.have.length(64);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8')).to.equal(c.sessionSecret);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).to.equal(c.sessionSecret);
    expect(c.seedDemo).to.equal(true);
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('When DATABASE_URL is a postgres URL, then it targets PostgreSQL', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/kb' });
    expect(c.database).to.deep.equal({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/kb' });
  });

  it('When several keys are bad, then every problem is reported at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AT_RISK_SHARE: '2', SMTP_PORT: '-1' });
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'DATABASE_URL', 'AT_RISK_SHARE', 'SMTP_PORT']) expect(problems).to.contain(key);
    }
  });

  it('When nothing is set, then slow senders are cut after 60 s (whole request) and 15 s (headers); headers longer than the request is refused', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).http).to.deep.equal({ requestTimeoutMs: 60_000, headersTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), REQUEST_TIMEOUT_SECONDS: '10', HEADERS_TIMEOUT_SECONDS: '20' })).to.throw(ConfigError, /HEADERS_TIMEOUT_SECONDS/);
  });

  it('When NODE_ENV=production without SESSION_SECRET, then it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false', DATA_DIR: dataDir() })).to.throw(ConfigError, /SESSION_SECRET/);
  });

  it('When NODE_ENV=production leaves SEED_DEMO unset, then it asks for an explicit choice', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: dataDir() })).to.throw(ConfigError, /SEED_DEMO/);
  });

  it('When a session secret is too short or the zone unknown, then it says which key', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short', DATA_DIR: dataDir() })).to.throw(ConfigError, /SESSION_SECRET/);
    expect(() => loadConfig({ TZ: 'Mars/Olympus', DATA_DIR: dataDir() })).to.throw(ConfigError, /TZ/);
  });
});
