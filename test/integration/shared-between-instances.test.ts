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
import { InsertPlan } from '../../db/row-sql.js';
import { EventBus, type StoredEvent } from '../../server/platform/event-bus.js';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { PgCluster } from '../../server/platform/pg-cluster.js';
import { DatabaseRateLimitStore } from '../../server/rate-limits/rate-limit.store.js';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { buildServices, type Services } from '../../server/composition-root.js';
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

  type Query = (sql: string, params?: unknown[]) => Promise<{ id?: number | string; payload?: string }[]>;
  /** `wrap` stands between the cluster and the database (to hold or fail a statement). */
  async function instance(url: string, origin: string, wrap: (query: Query) => Query = (q) => q): Promise<{ db: Database; bus: EventBus; cluster: PgCluster }> {
    const db = await openAppDatabase({ kind: 'postgres', url }, { migrate: false });
    const cluster = new PgCluster({ url, query: wrap((sql, params) => db.dataSource.query(sql, params)), origin, now: () => new Date() });
    const bus = new EventBus({ cluster });
    await bus.start();
    open.push(db, bus);
    return { db, bus, cluster };
  }

  /** Instances a and b on a fresh database. */
  async function pair(): Promise<[Awaited<ReturnType<typeof instance>>, Awaited<ReturnType<typeof instance>>]> {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    return [await instance(target.url, 'a'), await instance(target.url, 'b')];
  }

  function collect(bus: EventBus, count: number): Promise<StoredEvent[]> {
    const seen: StoredEvent[] = [];
    return new Promise((resolve) => {
      const stop = bus.listenStream((e) => {
        seen.push(e);
        if (seen.length < count) return;
        stop();
        resolve(seen);
      });
    });
  }

  const isAppend = (sql: string) => sql.includes('INSERT INTO live_event');

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
    const [a, b] = await pair();
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

  it('When an instance publishes 100 events in one turn of the event loop, then one statement writes them and the other instance gets each in publish order with rising ids, and replays them', async () => {
    const [a, b] = await pair();
    const atB = collect(b.bus, 100);

    const sent = Array.from({ length: 100 }, (_, i) => ({ type: 'work_order.created', workOrderId: `wo-${i}` }));
    for (const e of sent) a.bus.publish(e);
    const received = await atB;

    expect(received.map((e) => e.event)).to.deep.equal(sent);
    const ids = received.map((e) => e.seq);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1), ids.join(',')).to.equal(true);
    // B may hear the NOTIFYs before A hears back from its statement.
    await until(() => a.cluster.appendStats.events === 100);
    expect(a.cluster.appendStats).to.deep.equal({ events: 100, statements: 1 });
    const replay = await b.bus.since(String(ids[0]! - 1));
    expect(replay).to.deep.equal({ kind: 'events', events: received });
    const rows: { origin: string }[] = await a.db.dataSource.query('SELECT DISTINCT origin FROM live_event WHERE id >= $1', [ids[0]]);
    expect(rows).to.deep.equal([{ origin: 'a' }]);
  });

  it('When events are published while a batch is being written, then they go together in the next statement, after it, in publish order', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appends = 0;
    const a = await instance(target.url, 'a', (query) => async (sql, params) => {
      if (isAppend(sql) && ++appends === 1) await held;
      return query(sql, params);
    });
    const b = await instance(target.url, 'b');
    const atB = collect(b.bus, 6);

    const first = a.cluster.append({ type: 'work_order.created', workOrderId: 'wo-0' });
    await until(() => appends === 1);
    const later: Promise<void>[] = [];
    for (let i = 1; i <= 5; i++) {
      later.push(a.cluster.append({ type: 'work_order.created', workOrderId: `wo-${i}` }));
      await new Promise((r) => setImmediate(r));
    }
    release();
    await Promise.all([first, ...later]);

    expect((await atB).map((e) => e.event.workOrderId)).to.deep.equal(['wo-0', 'wo-1', 'wo-2', 'wo-3', 'wo-4', 'wo-5']);
    expect(a.cluster.appendStats).to.deep.equal({ events: 6, statements: 2 });
  });

  it('When events are published with a plan (intake’s batch), then they reach every instance only once the plan commits, after its rows, and this process’s listeners when told; a plan that fails sends none', async () => {
    const [a, b] = await pair();
    const local: string[] = [];
    a.bus.subscribe((e) => local.push(e.workOrderId ?? ''));
    const setting = (key: string) => ({ key, value: 1, updatedAt: '2026-11-24T10:00:00.000Z' });
    const writePlan = (keys: string[], events: { type: string; workOrderId: string }[]) =>
      a.db.dataSource.transaction(async (em) => {
        const plan = new InsertPlan().add(SettingEntity, keys.map(setting));
        const published = a.bus.publishWith(plan, events);
        // Before the commit nothing has been sent anywhere.
        await plan.write(em);
        expect(local).to.deep.equal([]);
        return published;
      });
    const atB = collect(b.bus, 2);
    const published = await writePlan(['plan.a'], [
      { type: 'work_order.created', workOrderId: 'wo-1' },
      { type: 'work_order.updated', workOrderId: 'wo-2' },
    ]);
    const received = await atB;
    expect(received.map((e) => e.event.workOrderId)).to.deep.equal(['wo-1', 'wo-2']);
    expect(received[1]!.seq).to.equal(received[0]!.seq + 1);
    expect(a.cluster.appendStats.statements, 'no statement of their own').to.equal(0);
    expect(local, 'local listeners wait for the caller').to.deep.equal([]);
    published.forEach((tell) => tell());
    expect(local).to.deep.equal(['wo-1', 'wo-2']);

    // The same key again breaks the plan: its events are rolled back with it, and the next event is the next B hears.
    const failed = await writePlan(['plan.a'], [{ type: 'work_order.created', workOrderId: 'wo-rolled-back' }]).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed?.message).to.match(/duplicate key/);
    const nextAtB = next(b.bus);
    a.bus.publish({ type: 'route.changed', crewId: 'crew-1' });
    expect((await nextAtB).event.type).to.equal('route.changed');
    const rows: unknown[] = await a.db.dataSource.query(`SELECT id FROM live_event WHERE payload LIKE '%wo-rolled-back%'`);
    expect(rows).to.deep.equal([]);
  });

  it('When a batch’s statement fails, then each of its appends rejects with the error and the bus reports each, and the next batch is written', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    let appends = 0;
    const a = await instance(target.url, 'a', (query) => async (sql, params) => {
      if (isAppend(sql) && ++appends === 1) throw new Error('connection lost');
      return query(sql, params);
    });
    const failed = [a.cluster.append({ type: 'x', workOrderId: 'wo-1' }), a.cluster.append({ type: 'x', workOrderId: 'wo-2' })];
    const outcomes = await Promise.allSettled(failed);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : o.status))).to.deep.equal(['connection lost', 'connection lost']);

    // Through the bus: the failure reaches its onError, once per event.
    const reported: string[] = [];
    const bus = new EventBus({ cluster: a.cluster, onError: (_err, what) => reported.push(what) });
    appends = 0;
    bus.publish({ type: 'work_order.created' });
    bus.publish({ type: 'route.changed' });
    await until(() => reported.length === 2);
    expect(reported).to.deep.equal(['live event work_order.created', 'live event route.changed']);

    await a.cluster.append({ type: 'x', workOrderId: 'wo-3' });
    const rows: { payload: string }[] = await a.db.dataSource.query('SELECT payload FROM live_event ORDER BY id');
    expect(rows.map((r) => JSON.parse(r.payload).workOrderId)).to.deep.equal(['wo-3']);
  });

  it('When an event too big for a NOTIFY is published between two small ones, then it alone fails and the small ones arrive in order', async () => {
    const [a, b] = await pair();
    const atB = collect(b.bus, 2);
    const outcomes = await Promise.allSettled([
      a.cluster.append({ type: 'x', workOrderId: 'before' }),
      a.cluster.append({ type: 'x', workOrderId: 'big', data: { note: 'x'.repeat(9000) } }),
      a.cluster.append({ type: 'x', workOrderId: 'after' }),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((await atB).map((e) => e.event.workOrderId)).to.deep.equal(['before', 'after']);
  });

  it('When the cluster closes with events still to write, then they are written first', async () => {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    const a = await instance(target.url, 'a');
    const appended = a.cluster.append({ type: 'x', workOrderId: 'last-words' });
    await a.cluster.close();
    await appended;
    const rows: { payload: string }[] = await a.db.dataSource.query('SELECT payload FROM live_event');
    expect(rows.map((r) => JSON.parse(r.payload).workOrderId)).to.deep.equal(['last-words']);
  });

  it('When an instance announces a change of the zones, then the other instances hear it and it does not hear itself', async () => {
    const [a, b] = await pair();
    const heard: string[] = [];
    a.bus.onAnnounced('zones', () => heard.push('a'));
    const atB = new Promise<void>((resolve) => b.bus.onAnnounced('zones', () => (heard.push('b'), resolve())));
    a.bus.announce('zones');
    await atB;
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).to.deep.equal(['b']);
  });

  /** Two whole service graphs on one fresh database, as two processes build them (their own database handles, so the cluster bus is on). */
  async function twoInstances(now = TEST_START): Promise<[Services, Services]> {
    const target = await freshDatabaseTarget();
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    const build = async () => {
      const config = loadConfig(testConfigEnv(mkdtempSync(path.join(tmpRoot, 'inst-')), { DATABASE_URL: target.url }));
      const deps = await buildServices(config, { logger: quietLogger, clock: new FixedClock(new Date(now)) });
      open.push(deps.db, deps.events);
      return deps;
    };
    return [await build(), await build()];
  }

  const announced = (bus: EventBus, topic: string) => new Promise<void>((resolve) => bus.onAnnounced(topic, () => setImmediate(resolve)));

  it('When an administrator changes a category, a zone or the working calendar on one instance, then the other instance’s caches follow at once', async () => {
    const [a, b] = await twoInstances();

    expect((await b.categories.findCached('litter'))?.dedupeRadiusM).to.not.equal(20);
    const categoryHeard = announced(b.events, 'categories');
    await a.categories.update('litter', { dedupeRadiusM: 20 });
    await categoryHeard;
    expect((await b.categories.findCached('litter'))?.dedupeRadiusM).to.equal(20);

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

  it('When the on-call rota or a crew’s shift changes on one instance, then the other instance’s out-of-hours decision follows at once', async () => {
    const [a, b] = await twoInstances();
    const sundayNight = new Date('2026-11-29T00:29:00.000Z'); // no demo crew works on Sunday
    const notice = () => b.onCall.residentNotice({ categoryCode: 'sharps' }, sundayNight);

    // b reads (and keeps) the empty rota and the crews.
    expect(await notice()).to.contain('if it is an immediate danger call 999');

    const rotaHeard = announced(b.events, 'on-call');
    await a.onCall.create({ contactName: 'Olu Okafor', email: 'olu@council.test', phone: null, days: [7], start: '00:00', end: '06:00' });
    await rotaHeard;
    expect(await notice()).to.contain('our on-call officer has been alerted');

    const sharps = (await a.crews.list()).find((c) => c.skills.includes('sharps'))!;
    const crewsHeard = announced(b.events, 'crews');
    await a.crews.update(sharps.id, sharps.version, { exceptions: [{ date: '2026-11-29', available: true, start: '00:00', end: '07:00', reason: 'Called in' }] });
    await crewsHeard;
    expect(await notice(), 'a crew with the skill is on shift').to.equal(null);
  });

  it('When a hazard is reported on one instance out of hours, then the other instance’s streams hear the new job and its escalation, each sent with the rows it belongs to', async () => {
    const [a, b] = await twoInstances('2026-11-29T00:29:00.000Z'); // Sunday night: no demo crew works
    const heard = collect(b.events, 3);
    const report = await a.intake.submit(
      { categoryCode: 'sharps', lat: 53.4142, lng: -2.9448, description: 'Two needles by the gate', answers: { item_count: 2, near_play_area: false }, source: 'public' },
      { kind: 'anonymous', label: 'Member of the public' },
    );
    await a.onCall.settled();
    const events = (await heard).map((e) => `${e.event.type} ${e.event.workOrderId}`);
    expect(events).to.deep.equal([`work_order.created ${report.workOrderId}`, `work_order.updated ${report.workOrderId}`, `oncall.escalated ${report.workOrderId}`]);
    const history = await b.workOrders.eventsOf(report.workOrderId);
    expect(history.map((e) => e.type)).to.include('escalated');
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

  it('When 50 hits on one key arrive at once, then one statement counts them and each caller gets its own count, 1 to 50', async () => {
    const target = await freshDatabaseTarget();
    const db = await openAppDatabase(target, { migrate: false });
    open.push(db);
    const store = new DatabaseRateLimitStore(db, 'test', () => new Date('2026-11-24T10:00:00.000Z'));
    store.init({ windowMs: 60_000 } as Parameters<DatabaseRateLimitStore['init']>[0]);

    const infos = await Promise.all(Array.from({ length: 50 }, () => store.increment('client-1')));

    expect(infos.map((i) => i.totalHits)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(infos.map((i) => i.resetTime?.toISOString()))).to.deep.equal(new Set(['2026-11-24T10:01:00.000Z']));
    expect(store.hitStats).to.deep.equal({ hits: 50, statements: 1 });
    expect((await store.get('client-1'))?.totalHits).to.equal(50);
  });

  it('When two instances’ stores take hits on one key in interleaved bursts, then together they count each hit once', async () => {
    const target = await freshDatabaseTarget();
    const now = () => new Date('2026-11-24T10:00:00.000Z');
    const stores = await Promise.all(
      ['a', 'b'].map(async () => {
        const db = await openAppDatabase(target, { migrate: false });
        open.push(db);
        const store = new DatabaseRateLimitStore(db, 'test', now);
        store.init({ windowMs: 60_000 } as Parameters<DatabaseRateLimitStore['init']>[0]);
        return store;
      }),
    );
    const counts: number[] = [];
    for (let round = 0; round < 4; round++) {
      const hits = stores.flatMap((store) => Array.from({ length: 10 }, () => store.increment('client-1')));
      counts.push(...(await Promise.all(hits)).map((i) => i.totalHits));
    }
    expect(counts.sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 80 }, (_, i) => i + 1));
    expect((await stores[0]!.get('client-1'))?.totalHits).to.equal(80);
  });

  it('When hits on several keys arrive at once, some on an ended window and some on keys that share their first 200 characters, then one statement counts each key right', async () => {
    const target = await freshDatabaseTarget();
    const db = await openAppDatabase(target, { migrate: false });
    open.push(db);
    let now = new Date('2026-11-24T10:00:00.000Z');
    const store = new DatabaseRateLimitStore(db, 'test', () => now);
    store.init({ windowMs: 60_000 } as Parameters<DatabaseRateLimitStore['init']>[0]);
    await Promise.all([store.increment('old'), store.increment('old'), store.increment('busy')]);
    now = new Date('2026-11-24T10:00:30.000Z');
    await store.increment('busy');
    now = new Date('2026-11-24T10:01:10.000Z');
    store.hitStats.statements = 0;

    // 'old' began at 10:00 and has ended; 'busy' too, so both start afresh. 'fresh' is new. The long keys are one key once cut to 200.
    const long = 'k'.repeat(250);
    const results = await Promise.all([
      store.increment('old'),
      store.increment('fresh'),
      store.increment(`${long}-1`),
      store.increment('old'),
      store.increment(`${long}-2`),
      store.increment('fresh'),
      store.increment('old'),
    ]);
    expect(results.map((r) => r.totalHits)).to.deep.equal([1, 1, 1, 2, 2, 2, 3]);
    expect(results.map((r) => r.resetTime?.toISOString())).to.deep.equal(Array(7).fill('2026-11-24T10:02:10.000Z'));
    expect(store.hitStats.statements).to.equal(1);

    // Within the window the count carries on; decrement and reset keep their meaning.
    now = new Date('2026-11-24T10:01:20.000Z');
    expect((await store.increment('old')).totalHits).to.equal(4);
    await store.decrement('old');
    expect((await store.get('old'))?.totalHits).to.equal(3);
    await store.resetKey('old');
    expect(await store.get('old')).to.equal(undefined);
    expect((await store.increment('old')).totalHits).to.equal(1);
  });

  it('When the upsert fails, then every hit waiting on it rejects and the next hits are counted', async () => {
    let fail = true;
    const target = await freshDatabaseTarget();
    const db = await openAppDatabase(target, { migrate: false });
    open.push(db);
    const failing = {
      dataSource: {
        query: (sql: string, params?: unknown[]) => (fail ? Promise.reject(new Error('connection lost')) : db.dataSource.query(sql, params)),
      },
    } as unknown as Pick<Database, 'dataSource'>;
    const store = new DatabaseRateLimitStore(failing, 'test');
    const outcomes = await Promise.allSettled([store.increment('a'), store.increment('a'), store.increment('b')]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : o.status))).to.deep.equal(['connection lost', 'connection lost', 'connection lost']);
    fail = false;
    expect((await store.increment('a')).totalHits).to.equal(1);
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
