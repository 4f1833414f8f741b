/**
 * "Answered 2xx" must mean "kept", even if the machine dies the next instant:
 * the real server runs as a child process, is killed with SIGKILL right after
 * answering a report and then a crew completion, and is started again on the
 * same data directory and database. The report, the completion, its photos'
 * files and the stored Idempotency-Key answer must all be there.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { SHEIL_ROAD } from '../support/fixtures.js';
import { emptyDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';
import { photoFile } from '../api/crew-job-builders.js';
import { startServerProcess as startServer, type RunningServer } from '../support/server-process.js';

type Running = RunningServer;

/** Pulls the plug: no shutdown hook, no flush, no close. */
function crash(server: Running): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

async function login(url: string, email: string): Promise<TestAgent> {
  const agent = supertest.agent(url);
  const res = await agent.post('/api/auth/login').send({ email, password: 'kerbside-demo' });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  agent.set('x-csrf-token', res.body.csrfToken as string);
  return agent;
}

describe(`crash safety: what was answered 2xx survives SIGKILL (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  const running: Running[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startServer(env);
    running.push(server);
    return server;
  };
  afterEach(() => {
    for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  });

  it('When the server is killed right after answering a report and then a completion, then after a restart both are there with their photos', async () => {
    const env: Record<string, string> = { DATA_DIR: mkdtempSync(path.join(tmpRoot, 'crash-')) };
    if (TEST_DB_KIND === 'postgres') {
      const target = await emptyDatabaseTarget();
      if (target.kind === 'postgres') env.DATABASE_URL = target.url;
    }

    const first = await start(env);
    const report = await supertest(first.url)
      .post('/api/reports')
      .field('categoryCode', 'litter')
      .field('lat', String(SHEIL_ROAD.lat))
      .field('lng', String(SHEIL_ROAD.lng))
      .field('description', 'Bin bags split across the pavement')
      .attach('photos', photoFile('orientation/pillow_hopper_orientation_4.jpg'), 'report.jpg');
    expect(report.status, JSON.stringify(report.body)).to.equal(201);
    await crash(first);

    const second = await start(env);
    const office = await login(second.url, 'dispatcher@kerbside.test');
    const reported = await office.get(`/api/work-orders/${report.body.workOrderId}`);
    expect(reported.status, JSON.stringify(reported.body)).to.equal(200);
    expect(reported.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['report']);
    const crewOne = (await office.get('/api/crews')).body.find((c: { name: string }) => c.name.startsWith('Crew 1'));
    const assigned = await office.post(`/api/work-orders/${report.body.workOrderId}/assign`).send({ crewId: crewOne.id, version: reported.body.version });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
    const lead = await login(second.url, 'crew1@kerbside.test');
    const step = (name: string, photo: string, key: string) =>
      lead
        .post(`/api/crew/jobs/${report.body.workOrderId}/${name}`)
        .set('Idempotency-Key', key)
        .field('data', JSON.stringify({ ...(name === 'complete' ? { quantities: { bags: 3 } } : {}) }))
        .attach('photo', photoFile(photo), { filename: `${name}.jpg`, contentType: 'image/jpeg' });
    const started = await step('start', 'orientation/pillow_hopper.jpg', randomUUID());
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    const completeKey = randomUUID();
    const completed = await step('complete', 'orientation/pillow_hopper_orientation_3.jpg', completeKey);
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
    await crash(second);

    const third = await start(env);
    const office3 = await login(third.url, 'dispatcher@kerbside.test');
    const after = await office3.get(`/api/work-orders/${report.body.workOrderId}`);
    expect(after.status).to.equal(200);
    expect(after.body).to.include({ status: 'completed', completedAt: completed.body.completedAt });
    expect(after.body.photos.map((p: { kind: string }) => p.kind)).to.have.members(['report', 'before', 'after']);
    for (const p of after.body.photos as { url: string; thumbUrl: string }[]) {
      for (const url of [p.url, p.thumbUrl]) {
        const image = await office3.get(url).buffer(true);
        expect(image.status, url).to.equal(200);
        expect(image.body.length, url).to.be.greaterThan(100);
      }
    }
    // The stored answer survived too: the tablet's retry of the completion is a replay, not a second completion.
    const retry = await (await login(third.url, 'crew1@kerbside.test'))
      .post(`/api/crew/jobs/${report.body.workOrderId}/complete`)
      .set('Idempotency-Key', completeKey)
      .field('data', JSON.stringify({ quantities: { bags: 3 } }))
      .attach('photo', photoFile('orientation/pillow_hopper_orientation_3.jpg'), { filename: 'complete.jpg', contentType: 'image/jpeg' });
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
  });
});
