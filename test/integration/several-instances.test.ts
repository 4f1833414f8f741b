/**
 * Two real Kerbside instances on one fresh PostgreSQL database, started at the
 * same moment on one shared data folder, behind HAProxy (Debian's, started
 * here, round-robin, health-checked on /readyz) on loopback: the README's
 * "Running several instances" configuration. Through the proxy a resident
 * reports with a photo, a dispatcher assigns, a crew completes with photos,
 * a councillor downloads the weekly PDF; a live stream on one instance sees
 * changes made on the other and replays from the other; and kill -9 of one
 * instance during a stream of reports loses no acknowledged report while the
 * proxy carries on with the other.
 *
 * Runs in CI's PostgreSQL pass (TEST_DATABASE_URL) where .ci/run installs
 * haproxy; skipped, saying why, without either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { photoFile } from '../api/crew-job-builders.js';
import { SHEIL_ROAD } from '../support/fixtures.js';
import { exitOf, startServerProcess, type RunningServer } from '../support/server-process.js';
import { SseClient } from '../support/sse-client.js';
import { emptyDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';

const HAPROXY = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));
const why = TEST_DB_KIND !== 'postgres' ? 'needs PostgreSQL (set TEST_DATABASE_URL)' : !HAPROXY ? 'needs HAProxy (apt-get install haproxy)' : null;

/** The configuration the README shows, with the two instances' ports filled in. */
export function haproxyConfig(listen: number, servers: number[]): string {
  return `global
    maxconn 2000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Live streams (SSE) stay open for hours; heartbeats every 20 s keep them moving.
    timeout tunnel 1h
    # A request whose connection to an instance failed goes to another one.
    retries 3
    option redispatch
    retry-on conn-failure
    option forwardfor

frontend kerbside
    bind 127.0.0.1:${listen}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
${servers.map((port, i) => `    server app${i + 1} 127.0.0.1:${port} check`).join('\n')}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function login(url: string, email: string): Promise<{ agent: TestAgent; cookie: string }> {
  const agent = supertest.agent(url);
  const res = await agent.post('/api/auth/login').send({ email, password: 'kerbside-demo' });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  agent.set('x-csrf-token', res.body.csrfToken as string);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return { agent, cookie };
}

function report(url: string, description: string, photo = false) {
  const req = supertest(url).post('/api/reports').field('categoryCode', 'litter').field('lat', String(SHEIL_ROAD.lat)).field('lng', String(SHEIL_ROAD.lng)).field('description', description);
  return photo ? req.attach('photos', photoFile('orientation/pillow_hopper_orientation_4.jpg'), 'report.jpg') : req;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe().catch(() => null);
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

(why ? describe.skip : describe)(`several instances behind HAProxy on one PostgreSQL${why ? ` (skipped: ${why})` : ''}`, function () {
  this.timeout(240_000);
  const instances: RunningServer[] = [];
  let proxy: ChildProcess | null = null;
  let proxyLog = '';
  let url = '';
  let dataDir = '';
  let sharedEnv: Record<string, string> = {};

  before(async () => {
    const target = await emptyDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    dataDir = mkdtempSync(path.join(tmpRoot, 'shared-'));
    sharedEnv = { DATABASE_URL: target.url, DATA_DIR: dataDir, REPORT_RATE_PER_MINUTE: '100000', SHUTDOWN_DRAIN_SECONDS: '2' };
    // At the same moment, on an empty database and an empty shared folder.
    instances.push(...(await Promise.all([startServerProcess(sharedEnv), startServerProcess(sharedEnv)])));
    const listen = await freePort();
    const cfg = path.join(dataDir, '..', `haproxy-${listen}.cfg`);
    writeFileSync(cfg, haproxyConfig(listen, instances.map((i) => Number(new URL(i.url).port))));
    proxy = spawn(HAPROXY!, ['-db', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stdout!.on('data', (b) => (proxyLog += b));
    proxy.stderr!.on('data', (b) => (proxyLog += b));
    url = `http://127.0.0.1:${listen}`;
    // Both servers up in the proxy's health checks: several ready answers in a row.
    let inARow = 0;
    await until(`HAProxy in front of both instances (${proxyLog})`, async () => {
      inARow = (await fetch(`${url}/readyz`)).status === 200 ? inARow + 1 : 0;
      return inARow >= 4;
    });
    await new Promise((r) => setTimeout(r, 1500)); // rise 2 × inter 500 ms for the second server
  });

  after(async () => {
    proxy?.kill('SIGKILL');
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
  });

  it('When both instances started at the same moment on an empty database, then both serve, the demo was seeded once and they agree on the session secret', async () => {
    for (const i of instances) expect((await fetch(`${i.url}/readyz`)).status, i.output()).to.equal(200);
    const seeded = instances.filter((i) => i.output().includes('reference data loaded'));
    expect(seeded, 'exactly one instance loads the reference data').to.have.length(1);
    // A login on one instance is honoured by the other (sessions in the database, one secret).
    const { cookie } = await login(instances[0]!.url, 'dispatcher@kerbside.test');
    const me = await fetch(`${instances[1]!.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).to.equal(200);
    const users = await (await login(url, 'admin@kerbside.test')).agent.get('/api/users');
    expect(users.status).to.equal(200);
    expect((users.body as { email: string }[]).filter((u) => u.email === 'dispatcher@kerbside.test')).to.have.length(1);
  });

  it('When a resident reports with a photo, a dispatcher assigns it, a crew completes it with photos and the councillor downloads the PDF, all through the proxy, then every step works and the files are in the one shared folder', async () => {
    const created = await report(url, 'Bin bags split across the pavement', true);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const workOrderId = created.body.workOrderId as string;

    const office = (await login(url, 'dispatcher@kerbside.test')).agent;
    const wo = await office.get(`/api/work-orders/${workOrderId}`);
    expect(wo.status).to.equal(200);
    expect(wo.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['report']);
    const crew = (await office.get('/api/crews')).body.find((c: { name: string }) => c.name.startsWith('Crew 1'));
    const assigned = await office.post(`/api/work-orders/${workOrderId}/assign`).send({ crewId: crew.id, version: wo.body.version });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);

    const lead = (await login(url, 'crew1@kerbside.test')).agent;
    const step = (name: string, photo: string) =>
      lead
        .post(`/api/crew/jobs/${workOrderId}/${name}`)
        .set('Idempotency-Key', randomUUID())
        .field('data', JSON.stringify(name === 'complete' ? { quantities: { bags: 3 } } : {}))
        .attach('photo', photoFile(photo), { filename: `${name}.jpg`, contentType: 'image/jpeg' });
    expect((await step('start', 'orientation/pillow_hopper.jpg')).status).to.equal(200);
    const completed = await step('complete', 'orientation/pillow_hopper_orientation_3.jpg');
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);

    // Every photo answers through the proxy, whichever instance wrote it and whichever serves it.
    const after = await office.get(`/api/work-orders/${workOrderId}`);
    expect(after.body.status).to.equal('completed');
    expect(after.body.photos.map((p: { kind: string }) => p.kind)).to.have.members(['report', 'before', 'after']);
    for (const p of after.body.photos as { url: string; thumbUrl: string }[]) {
      for (let i = 0; i < 2; i++) {
        const image = await office.get(p.url).buffer(true);
        expect(image.status, p.url).to.equal(200);
        expect(image.body.length).to.be.greaterThan(100);
      }
    }

    const councillor = (await login(url, 'councillor.kensington@kerbside.test')).agent;
    const ward = (await councillor.get('/api/wards')).body.features.find((f: { properties: { name: string } }) => /Kensington/.test(f.properties.name));
    const pdfs = [];
    // Round-robin: the first download renders and archives on one instance, the second is served by the other from the shared folder.
    for (let i = 0; i < 2; i++) {
      const pdf = await councillor.get(`/api/wards/${ward.properties.code}/reports/weekly`).buffer(true);
      expect(pdf.status, String(pdf.body)).to.equal(200);
      expect(pdf.headers['content-type']).to.equal('application/pdf');
      expect(pdf.body.subarray(0, 5).toString()).to.equal('%PDF-');
      pdfs.push(pdf);
    }
    expect(pdfs[1]!.headers.etag).to.equal(pdfs[0]!.headers.etag);
    expect(readdirSync(path.join(dataDir, 'reports', ward.properties.code)).filter((f) => f.endsWith('.pdf'))).to.have.length(1);
    expect(readdirSync(path.join(dataDir, 'photos')).length).to.be.greaterThan(0);
    // Both instances took requests.
    for (const i of instances) expect(i.output(), 'round-robin reaches both').to.match(/\/api\/(reports|work-orders|crew|wards)/);
  });

  it('When a dispatcher’s live stream is on one instance, then it sees an assignment made on the other, and a stream reconnecting to the other instance replays what it missed', async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const { cookie, agent: officeOnB } = await login(b.url, 'dispatcher@kerbside.test');
    const streamOnA = await SseClient.open(`${a.url}/api/live`, { cookie });
    try {
      expect(streamOnA.status).to.equal(200);
      await streamOnA.waitFor((m) => m.comment === 'connected');
      const created = await report(b.url, 'Fly-tipped mattress by the alley');
      expect(created.status).to.equal(201);
      const workOrderId = created.body.workOrderId as string;
      const seenCreated = await streamOnA.waitFor((m) => !!m.data?.includes(workOrderId), 10_000);

      const wo = (await officeOnB.get(`/api/work-orders/${workOrderId}`)).body;
      const crew = (await officeOnB.get('/api/crews')).body.find((c: { name: string }) => c.name.startsWith('Crew 2'));
      const assigned = await officeOnB.post(`/api/work-orders/${workOrderId}/assign`).send({ crewId: crew.id, version: wo.version });
      expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
      const seenAssigned = await streamOnA.waitFor((m) => !!m.data?.includes(workOrderId) && m.id !== seenCreated.id && m.event === 'work_order.assignment', 10_000);

      // The browser's EventSource reconnects, through the proxy, to B with the id of the creation: B replays the assignment.
      const streamOnB = await SseClient.open(`${b.url}/api/live`, { cookie, 'last-event-id': seenCreated.id! });
      try {
        const replayed = await streamOnB.waitFor((m) => m.id === seenAssigned.id, 10_000);
        expect(replayed.data).to.equal(seenAssigned.data);
        expect(streamOnB.messages.some((m) => m.event === 'resync')).to.equal(false);
      } finally {
        streamOnB.close();
      }
    } finally {
      streamOnA.close();
    }
  });

  it('When an instance gets SIGTERM during a stream of reports, then it drains (the proxy moves traffic away) and no report fails; a new instance on its port joins', async () => {
    // No report may fail. (HAProxy's retry of refused connections would also cover an instance that stopped
    // at once; the draining itself, /readyz turning 503, is checked in the last test.)
    const leaving = instances[0]!;
    const port = new URL(leaving.url).port;
    const exited = exitOf(leaving.child);
    const statuses: number[] = [];
    let stop = false;
    const stream = async () => {
      for (let n = 0; !stop; n++) {
        const res = await report(url, `During the drain ${n}`).catch(() => ({ status: 0 }));
        statuses.push(res.status);
      }
    };
    const clients = Array.from({ length: 3 }, stream);
    await new Promise((r) => setTimeout(r, 500));
    leaving.child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(clients);
    expect(statuses.length).to.be.greaterThan(10);
    expect(statuses.filter((s) => s !== 201), `of ${statuses.length}`).to.deep.equal([]);
    expect(leaving.output()).to.contain('draining');

    // A replacement on the same port: the proxy's health check brings it back.
    instances[0] = await startServerProcess({ ...sharedEnv, PORT: port });
    await until('the replacement in rotation', async () => {
      const before = instances[0]!.output().length;
      for (let i = 0; i < 4; i++) await fetch(`${url}/api/categories`);
      return instances[0]!.output().length > before;
    });
  });

  it('When one instance is killed with SIGKILL during a stream of reports, then every acknowledged report is kept and the proxy carries on with the other', async () => {
    const victim = instances[0]!;
    const acknowledged: string[] = [];
    const failed: string[] = [];
    let sent = 0;
    let killedAt = -1;
    const clients = 4;
    const total = 120;
    const worker = async () => {
      while (sent < total) {
        const n = ++sent;
        if (n === 40 && killedAt < 0) {
          killedAt = acknowledged.length;
          victim.child.kill('SIGKILL');
        }
        const res = await report(url, `Stream report ${n}`, n % 10 === 0).catch((e: Error) => ({ status: 0, body: { error: e.message } }));
        if (res.status === 201) acknowledged.push(res.body.workOrderId as string);
        else failed.push(`${n}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    await Promise.all(Array.from({ length: clients }, worker));
    expect(killedAt).to.be.greaterThan(10);
    // Only requests in flight on the killed instance may fail (the proxy cannot safely replay a POST it half sent).
    expect(failed.length, failed.join('\n')).to.be.at.most(clients);
    expect(acknowledged.length).to.be.at.least(total - clients);

    // Every acknowledged report is in the database, read through the proxy (now only the survivor).
    const office = (await login(url, 'dispatcher@kerbside.test')).agent;
    const missing: string[] = [];
    for (const id of acknowledged) if ((await office.get(`/api/work-orders/${id}`)).status !== 200) missing.push(id);
    expect(missing).to.deep.equal([]);
    // And the proxy carries on: nothing answered by the dead instance from here.
    for (let i = 0; i < 10; i++) expect((await report(url, `After the crash ${i}`)).status).to.equal(201);
  });

  it('When the surviving instance gets SIGTERM, then it reports not ready while it drains, and stops with exit 0', async () => {
    const survivor = instances[1]!;
    const exited = exitOf(survivor.child);
    survivor.child.kill('SIGTERM');
    const drainingAnswer = await until('a draining /readyz', async () => {
      const res = await fetch(`${survivor.url}/readyz`);
      return res.status === 503 ? res : null;
    }, 5000);
    expect(((await drainingAnswer.json()) as { error: { code: string } }).error.code).to.equal('DRAINING');
    expect(await exited).to.equal(0);
  });
});
