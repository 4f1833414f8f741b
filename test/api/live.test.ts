import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp } from '../../server/app.js';
import { liveMounts } from '../../server/live/live.routes.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';
import { crewByName, insertWorkOrder } from './crew-builders.js';
import { SseClient } from '../support/sse-client.js';

describe('live updates (Server-Sent Events)', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  const clients: SseClient[] = [];

  async function cookieFor(email: string): Promise<string> {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
    expect(res.status).to.equal(200);
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  }
  async function open(path: string, headers: Record<string, string>): Promise<SseClient> {
    const c = await SseClient.open(`${base}${path}`, headers);
    clients.push(c);
    return c;
  }

  before(async () => {
    t = await testApp();
    const app = createApp(t.deps, { routers: liveMounts(t.deps, { heartbeatMs: 50 }).map((m) => ({ ...m, path: `/fast${m.path}` })) });
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const c of clients) c.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('When a dispatcher is connected and a job is assigned, then the change arrives as an event with an id', async () => {
    const cookie = await cookieFor('dispatcher@kerbside.test');
    const stream = await open('/api/live', { cookie });
    expect(stream.status).to.equal(200);
    await stream.waitFor((m) => m.comment === 'connected');
    const crew = await crewByName(t.deps, 'Crew 3');
    const wo = await insertWorkOrder(t.deps);
    await t.deps.dispatch.assign(wo.id, { crewId: crew.id, version: 1, date: '2026-11-24' }, SYSTEM_ACTOR);
    const msg = await stream.waitFor((m) => m.event === 'work_order.assignment');
    expect(JSON.parse(msg.data!)).to.deep.include({ workOrderId: wo.id, crewId: crew.id });
    expect(msg.id).to.match(/^[a-z0-9]+\.\d+$/);
  });

  it('When a client reconnects with Last-Event-ID, then it receives exactly the events it missed; an unknown id gets resync', async () => {
    const cookie = await cookieFor('dispatcher@kerbside.test');
    const first = await open('/api/live', { cookie });
    await first.waitFor((m) => m.comment === 'connected');
    t.deps.events.publish({ type: 'test.one', data: { n: 1 } });
    const seen = await first.waitFor((m) => m.event === 'test.one');
    first.close();
    t.deps.events.publish({ type: 'test.two', data: { n: 2 } });
    t.deps.events.publish({ type: 'test.three', data: { n: 3 } });
    const again = await open('/api/live', { cookie, 'last-event-id': seen.id! });
    await again.waitFor((m) => m.event === 'test.three');
    expect(again.messages.filter((m) => m.event?.startsWith('test.')).map((m) => m.event)).to.deep.equal(['test.two', 'test.three']);
    const stale = await open('/api/live', { cookie, 'last-event-id': 'otherboot.5' });
    await stale.waitFor((m) => m.event === 'resync');
  });

  it('When a crew lead listens, then only their own crew’s changes arrive; other roles and strangers are refused', async () => {
    const cookie = await cookieFor('crew1@kerbside.test');
    const stream = await open('/api/crew/live', { cookie });
    expect(stream.status).to.equal(200);
    await stream.waitFor((m) => m.comment === 'connected');
    const crew1 = await crewByName(t.deps, 'Crew 1');
    const crew2 = await crewByName(t.deps, 'Crew 2');
    t.deps.events.publish({ type: 'route.changed', crewId: crew2.id, data: { date: 'other' } });
    t.deps.events.publish({ type: 'route.changed', crewId: crew1.id, data: { date: 'mine' } });
    const msg = await stream.waitFor((m) => m.event === 'route.changed');
    expect(JSON.parse(msg.data!).data.date).to.equal('mine');
    expect(stream.messages.filter((m) => m.event === 'route.changed')).to.have.length(1);

    const councillor = await open('/api/live', { cookie: await cookieFor('councillor.kensington@kerbside.test') });
    expect(councillor.status).to.equal(403);
    const anonymous = await open('/api/crew/live', {});
    expect(anonymous.status).to.equal(401);
  });

  it('When the stream is idle, then heartbeats keep it alive', async () => {
    const stream = await open('/fast/api/live', { cookie: await cookieFor('admin@kerbside.test') });
    await stream.waitFor((m) => m.comment === 'heartbeat');
  });
});
