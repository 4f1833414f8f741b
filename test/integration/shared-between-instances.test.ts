/**
 * What several instances on one PostgreSQL database share, each part on its
 * own: live events (LISTEN/NOTIFY over the live_event table, replay from the
 * table on whichever instance), cache announcements, rate-limit counts, and
 * migrations started at the same moment. PostgreSQL only: one process on
 * SQLite keeps all of this in memory.
 */
import { expect } from 'chai';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import supertest from 'supertest';
import type { Database } from '../../db/data-source.js';
import { openAppDatabase } from '../../server/entities.js';
import { EventBus, type StoredEvent } from '../../server/platform/event-bus.js';
import { PgCluster } from '../../server/platform/pg-cluster.js';
import { DatabaseRateLimitStore } from '../../server/rate-limits/rate-limit.store.js';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { buildServices } from '../../server/composition-root.js';
import { loadConfig } from '../../server/config.js';
import { FixedClock } from '../../server/platform/clock.js';
import { quietLogger, testConfigEnv, TEST_START } from '../support/fixtures.js';
import { emptyDatabaseTarget, freshDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const describePg = TEST_DB_KIND === 'postgres' ? describe : describe.skip;

describePg('shared between instances on one PostgreSQL database', function () {
  this.timeout(60_000);
  const open: (Database | EventBus)[] = [];
  after(async () => {
    for (const x of open.reverse()) await x.close();
  });

  async function instance(url: string, origin: string): Promise<{ db: Database; bus: EventBus }> {
    const db = await openAppDatabase({ kind: 'postgres', url }, { migrate: false });
    const bus = new EventBus({ cluster: new PgCluster({ url, query: (sql, params) => db.dataSource.query(sql, params), origin, now: () => new Date() }) });
    await bus.start();
    open.push(db, bus);
    return { db, bus };
  }

  function next(bus: EventBus, accept: (e: StoredEvent) => boolean = () => true): Promise<StoredEvent> {
    return new Promise((resolve) => {
      const stop = bus.listenStream((e) => {
        if (!accept(e)) return;
        stop();
        resolve(e);
      });
    });
  }

  it('When instance A publishes, then B’s stream gets it with the same id, B replays it after that id’s predecessor, and only A’s own listeners act on it', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    const a = await instance(target.url, 'a');
    const b = await instance(target.url, 'b');
    const local: string[] = [];
    a.bus.subscribe((e) => local.push(`a:${e.type}`));
    b.bus.subscribe((e) => local.push(`b:${e.type}`));

    const onA = next(a.bus);
    const onB = next(b.bus);
    a.bus.publish({ type: 'work_order.assigned', workOrderId: 'wo-1', crewId: 'crew-1' });
    const [seenA, seenB] = await Promise.all([onA, onB]);
    expect(seenB.event).to.deep.equal({ type: 'work_order.assigned', workOrderId: 'wo-1', crewId: 'crew-1' });
    expect(seenB.id).to.equal(seenA.id);
    expect(local).to.deep.equal(['a:work_order.assigned']);

    const second = next(a.bus, (e) => e.event.type === 'route.changed');
    b.bus.publish({ type: 'route.changed', crewId: 'crew-1' });
    const routeChanged = await second;
    // A browser whose last event was the first one reconnects to the other instance: it gets the second.
    const replay = await b.bus.since(seenA.id);
    expect(replay).to.deep.equal({ kind: 'events', events: [routeChanged] });
    expect((await a.bus.since(seenA.id)).kind).to.equal('events');
    // Ids from a single process's memory, or from the future, are not known here: reload.
    expect(await a.bus.since('lq3x.12')).to.deep.equal({ kind: 'resync' });
    expect(await a.bus.since(String(Number(routeChanged.id) + 50))).to.deep.equal({ kind: 'resync' });
  });

  it('When an instance announces a change of the zones, then the other instances hear it and it does not hear itself', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    const a = await instance(target.url, 'a');
    const b = await instance(target.url, 'b');
    const heard: string[] = [];
    a.bus.onAnnounced('zones', () => heard.push('a'));
    const atB = new Promise<void>((resolve) => b.bus.onAnnounced('zones', () => (heard.push('b'), resolve())));
    a.bus.announce('zones');
    await atB;
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).to.deep.equal(['b']);
  });

  it('When an administrator changes a category, a zone or the working calendar on one instance, then the other instance’s caches follow at once', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    // Two whole service graphs as two processes build them (their own database handles, so the cluster bus is on).
    const build = async () => {
      const config = loadConfig(testConfigEnv(mkdtempSync(path.join(tmpRoot, 'inst-')), { DATABASE_URL: target.url }));
      const deps = await buildServices(config, { logger: quietLogger, clock: new FixedClock(new Date(TEST_START)) });
      open.push(deps.db, deps.events);
      return deps;
    };
    const [a, b] = [await build(), await build()];
    const announced = (bus: EventBus, topic: string) => new Promise<void>((resolve) => bus.onAnnounced(topic, () => setImmediate(resolve)));

    const revision = b.categories.revision;
    const categoryHeard = announced(b.events, 'categories');
    await a.categories.update('litter', { dedupeRadiusM: 20 });
    await categoryHeard;
    expect(b.categories.revision).to.be.greaterThan(revision);

    const spot = { lat: 53.4125, lng: -2.935 };
    const d = 0.002;
    expect(b.wardLocator.zoneAt(spot.lat, spot.lng)).to.not.equal(1);
    const zoneHeard = announced(b.events, 'zones');
    await a.zones.create({
      name: 'Edge Lane shops', zone: 1, note: null,
      boundary: { type: 'Polygon', coordinates: [[[spot.lng - d, spot.lat - d], [spot.lng + d, spot.lat - d], [spot.lng + d, spot.lat + d], [spot.lng - d, spot.lat + d], [spot.lng - d, spot.lat - d]]] },
    });
    await zoneHeard;
    await until(() => b.wardLocator.zoneAt(spot.lat, spot.lng) === 1);

    // Working days: a report on Friday afternoon due in 1 working day is due Monday; with Saturday on duty, Saturday.
    const policy = { kind: 'working_days', days: 1 } as const;
    const friday = '2026-11-27T14:00:00.000Z';
    const before = await b.sla.dueAt(policy, friday, 2);
    const settingsHeard = announced(b.events, 'settings');
    await a.settings.update('workingCalendar', { dutyDays: [1, 2, 3, 4, 5, 6] });
    await settingsHeard;
    const after = await b.sla.dueAt(policy, friday, 2);
    expect(after < before, `${after} before ${before}`).to.equal(true);
  });

  it('When one client’s requests are spread over two instances, then the limit counts them together and a new window starts afresh', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    let now = new Date('2026-11-24T10:00:00.000Z');
    const app = async () => {
      const db = await openAppDatabase(target, { migrate: false });
      open.push(db);
      const a = express();
      a.use(rateLimit({ windowMs: 60_000, limit: 4, store: new DatabaseRateLimitStore(db, 'test', () => now), keyGenerator: () => 'client-1' }));
      a.get('/', (_req, res) => void res.send('ok'));
      return a;
    };
    const [one, two] = [await app(), await app()];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await supertest(i % 2 ? two : one).get('/')).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 429, 429]);
    now = new Date('2026-11-24T10:01:01.000Z');
    expect((await supertest(two).get('/')).status).to.equal(200);
  });

  it('When three instances migrate an empty database at the same moment, then all succeed and each migration ran once', async () => {
    const target = await emptyDatabaseTarget();
    const dbs = await Promise.all([1, 2, 3].map(() => openAppDatabase(target)));
    open.push(...dbs);
    const runs: { name: string }[] = await dbs[0].dataSource.query('SELECT name FROM migrations');
    expect(new Set(runs.map((r) => r.name)).size).to.equal(runs.length);
    expect(dbs.every((d) => d.migrated)).to.equal(true);
  });
});
