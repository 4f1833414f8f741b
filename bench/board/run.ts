/**
 * The dispatcher's board at a real council's history: `npm run bench:board`.
 *
 * Seeds a fresh database with BENCH_HISTORY (200,000) closed work orders over
 * nearly three years of Liverpool (each with its report and two history
 * events) and BENCH_OPEN (2,000) open ones: new reports waiting for triage,
 * accepted work, and today's routes of the demo crews. Then the real app and
 * a bare Express route (the baseline) listen on loopback and one logged-in
 * dispatcher's browser is imitated, one request at a time, BENCH_ROUNDS (300)
 * times over the board's own requests:
 *   triage   GET /api/work-orders?status=new&pageSize=200      (the triage queue)
 *   map      GET /api/work-orders?status=<open>&pageSize=200&page=k  (open jobs for the map, every page)
 *   crews    GET /api/crews/:id/day                             (each crew's day)
 *   job      GET /api/work-orders/:id                           (the job page of an open job)
 *   echo     GET /bench/echo on a bare Express app               (the baseline)
 * PostgreSQL first (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * skipped with a note when it is not reachable, or with BENCH_PG=0), then SQLite.
 * The last line is SQLite's: `board: p95 X ms over N work orders` (N counts all of them).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import type { Database, DatabaseTarget } from '../../db/data-source.js';
import { sqliteHandle } from '../../db/raw-query.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildServices, demoSeedDeps } from '../../server/composition-root.js';
import { openAppDatabase } from '../../server/entities.js';
import { PostcodeEntity } from '../../server/postcodes/postcode.entity.js';
import { seedDemo } from '../../server/seed/demo.js';
import { seedReferenceData } from '../../server/seed/reference-data.js';
import { localParts } from '../../server/sla/local-time.js';
import { OPEN_STATUSES } from '../../server/work-orders/work-order.state.js';
import { scratchPostgres } from '../support/scratch-pg.js';
import { resetSqlTimes, sqlTimesReport, timeSqlStatements } from '../support/sql-times.js';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 200_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WITH_PG = process.env.BENCH_PG !== '0';
const PASSWORD = 'bench-password-1';
const SQL_TIMES = Boolean(process.env.BENCH_SQL_TIMES);
/** Jobs on one crew's day: about what a demo crew's capacity allows. */
const CREW_DAY = 25;
const CATEGORIES = ['fly-tipping', 'litter', 'sharps', 'condoms', 'graffiti', 'overflowing-bin', 'detritus'];

type Point = { lat: number; lng: number; wardCode: string; postcode: string };

async function target(kind: 'sqlite' | 'postgres', dir: string): Promise<{ target: DatabaseTarget; drop: () => Promise<void> } | null> {
  if (kind === 'sqlite') return { target: { kind: 'sqlite', file: path.join(dir, 'board.sqlite') }, drop: async () => undefined };
  try {
    return await scratchPostgres(PG_URL, `kb_bench_board_${process.pid}`);
  } catch (e) {
    console.log(`postgresql: skipped (${(e as Error).message})`);
    return null;
  }
}

/** Rows in big batches: better-sqlite3 prepared statements in one transaction, or multi-row inserts on PostgreSQL. */
async function bulkInsert(db: Database, table: string, columns: string[], count: number, row: (n: number) => unknown[]): Promise<void> {
  if (db.dialect === 'sqlite') {
    const raw = sqliteHandle(db.dataSource)!;
    const insert = raw.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    raw.transaction(() => {
      for (let n = 0; n < count; n++) insert.run(...(row(n).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)) as unknown[]));
    })();
    return;
  }
  const per = Math.floor(30_000 / columns.length);
  await db.transaction(async (em) => {
    for (let done = 0; done < count; done += per) {
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < Math.min(per, count - done); i++) {
        const values = row(done + i);
        tuples.push(`(${values.map((_, k) => `$${params.length + k + 1}`).join(', ')})`);
        params.push(...values);
      }
      await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  });
}

const WO_COLUMNS = [
  'id', 'reference', 'status', 'category_code', 'ward_code', 'zone', 'lat', 'lng', 'postcode', 'priority', 'opened_at', 'due_at', 'deadline_state',
  'crew_id', 'route_date', 'route_position', 'quantities', 'evidence_flags', 'created_at', 'updated_at', 'closed_at', 'version',
];

interface Seeded {
  openIds: string[];
  crewIds: string[];
  total: number;
}

async function seed(db: Database, points: Point[], crewIds: string[], now: Date, today: string): Promise<Seeded> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = now.getTime() - 30 * 86_400_000 - start;
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const ids: string[] = [];
  const openIds: string[] = [];
  const perCrew = new Map<string, number>();
  const woRow = (n: number): unknown[] => {
    const p = pick(points);
    const id = randomUUID();
    ids.push(id);
    const lat = p.lat + (Math.random() - 0.5) * 0.002;
    const lng = p.lng + (Math.random() - 0.5) * 0.003;
    if (n < HISTORY) {
      const opened = new Date(start + Math.random() * span);
      const due = new Date(opened.getTime() + 2 * 86_400_000);
      const status = Math.random() < 0.85 ? 'completed' : pick(['not_completed', 'rejected', 'duplicate', 'cancelled']);
      return [id, `WO-HX-${String(n).padStart(7, '0')}`, status, pick(CATEGORIES), p.wardCode, 2, lat, lng, p.postcode, 'normal', opened.toISOString(), due.toISOString(), 'on_time',
        pick(crewIds), opened.toISOString().slice(0, 10), 1, '{}', '[]', opened.toISOString(), due.toISOString(), due.toISOString(), 4];
    }
    openIds.push(id);
    const opened = new Date(now.getTime() - Math.random() * 3 * 86_400_000);
    const due = new Date(opened.getTime() + (0.5 + Math.random() * 4) * 86_400_000);
    const k = n - HISTORY;
    // About half on crews' routes (today's as full as the crews' capacity, the rest on the coming days), a fifth new, the rest accepted and waiting.
    const status = k % 10 < 5 ? 'assigned' : k % 10 < 7 ? 'new' : 'accepted';
    let crew: string | null = null;
    let position: number | null = null;
    let routeDate: string | null = null;
    if (status === 'assigned') {
      crew = crewIds[k % crewIds.length];
      position = (perCrew.get(crew) ?? 0) + 1;
      perCrew.set(crew, position);
      const day = Math.floor((position - 1) / CREW_DAY);
      routeDate = day === 0 ? today : localParts(new Date(now.getTime() + day * 86_400_000), 'Europe/London').date;
      position = ((position - 1) % CREW_DAY) + 1;
    }
    return [id, `WO-OP-${String(k).padStart(7, '0')}`, status, pick(CATEGORIES), p.wardCode, 2, lat, lng, p.postcode, 'normal', opened.toISOString(), due.toISOString(),
      due < now ? 'overdue' : 'on_time', crew, routeDate, position, '{}', '[]', opened.toISOString(), opened.toISOString(), null, 2];
  };
  const total = HISTORY + OPEN;
  await bulkInsert(db, 'work_order', WO_COLUMNS, total, woRow);
  const srColumns = ['id', 'reference', 'tracking_token', 'category_code', 'work_order_id', 'source', 'lat', 'lng', 'description', 'answers', 'ward_code', 'zone', 'created_at'];
  await bulkInsert(db, 'service_request', srColumns, total, (n) => [
    randomUUID(), `KB-BX-${String(n).padStart(7, '0')}`, (randomUUID() + randomUUID()).replace(/-/g, ''), pick(CATEGORIES), ids[n], 'public', 53.41, -2.95, 'Bags dumped by the bins', '{}', points[0].wardCode, 2, now.toISOString(),
  ]);
  const evColumns = ['work_order_id', 'type', 'from_status', 'to_status', 'actor_label', 'note', 'is_public', 'created_at'];
  await bulkInsert(db, 'work_order_event', evColumns, total * 2, (n) => [ids[n >> 1], n % 2 ? 'status' : 'created', null, n % 2 ? 'accepted' : 'new', 'bench', null, true, now.toISOString()]);
  if (db.dialect === 'postgres') await db.manager.query('ANALYZE');
  else await db.manager.query('ANALYZE');
  return { openIds, crewIds, total };
}

function request(port: number, p: string, cookie = ''): Promise<{ status: number; body: string; ms: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: p, method: 'GET', agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - started) / 1e6, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function login(port: number): Promise<string> {
  const body = JSON.stringify({ email: 'dispatcher@kerbside.test', password: PASSWORD });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve((res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')) : reject(new Error(`login: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function runOn(kind: 'sqlite' | 'postgres'): Promise<{ p95: number; total: number } | null> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kerbside-bench-board-'));
  const t = await target(kind, dir);
  if (!t) return null;
  try {
    const t0 = Date.now();
    const db = await openAppDatabase(t.target);
    await seedReferenceData(db);
    const config = loadConfig({
      NODE_ENV: 'development', DATA_DIR: dir, SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-12', LOG_LEVEL: 'silent',
      CRON_ENABLED: 'false', SEED_DEMO: 'false', TZ: 'Europe/London', DEMO_PASSWORD: PASSWORD,
    });
    const deps = await buildServices(config, { db, logger: pino({ level: 'silent' }) });
    await seedDemo(demoSeedDeps(deps));
    const crews = await deps.crews.list();
    const postcodes = await db.manager.getRepository(PostcodeEntity).find();
    const points = postcodes.filter((p) => p.wardCode && deps.wardLocator.wardAt(p.lat, p.lng)).map((p) => ({ lat: p.lat, lng: p.lng, wardCode: p.wardCode!, postcode: p.display }));
    const now = new Date();
    const today = localParts(now, config.timeZone).date;
    const seeded = await seed(db, points, crews.map((c) => c.id), now, today);
    console.log(`${kind}: seeded ${seeded.total.toLocaleString('en-GB')} work orders (${OPEN.toLocaleString('en-GB')} open) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const app = createApp(deps);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const bare = express();
    bare.get('/bench/echo', (_req, res) => {
      res.json({ ok: true });
    });
    const bareServer = bare.listen(0, '127.0.0.1');
    await new Promise((r) => bareServer.once('listening', r));
    const barePort = (bareServer.address() as AddressInfo).port;
    const cookie = await login(port);

    const open = OPEN_STATUSES.join(',');
    const mapPages = Math.max(1, Math.ceil(OPEN / 200));
    const kinds: Record<string, { run: (i: number) => Promise<{ status: number; ms: number }>; times: number[] }> = {
      triage: { run: () => request(port, '/api/work-orders?status=new&pageSize=200', cookie), times: [] },
      map: { run: (i) => request(port, `/api/work-orders?status=${open}&pageSize=200&page=${(i % mapPages) + 1}`, cookie), times: [] },
      crews: { run: (i) => request(port, `/api/crews/${seeded.crewIds[i % seeded.crewIds.length]}/day`, cookie), times: [] },
      job: { run: (i) => request(port, `/api/work-orders/${seeded.openIds[(i * 7919) % seeded.openIds.length]}`, cookie), times: [] },
      echo: { run: () => request(barePort, '/bench/echo'), times: [] },
    };
    // Warm-up: the first requests pay for caches and JIT, not for the board.
    for (let i = 0; i < 20; i++) for (const k of Object.values(kinds)) await k.run(i);
    if (SQL_TIMES && kind === 'sqlite') resetSqlTimes();
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, k] of Object.entries(kinds)) {
        const r = await k.run(i);
        if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status}`);
        k.times.push(r.ms);
      }
    }
    const board = Object.entries(kinds).filter(([n]) => n !== 'echo').flatMap(([, k]) => k.times);
    console.log(`${kind}: request          p50 ms   p95 ms   max ms   (${ROUNDS} each, one at a time)`);
    for (const [name, k] of Object.entries(kinds)) {
      console.log(`${kind}:   ${name.padEnd(14)} ${quantile(k.times, 0.5).toFixed(1).padStart(6)}   ${quantile(k.times, 0.95).toFixed(1).padStart(6)}   ${Math.max(...k.times).toFixed(1).padStart(6)}`);
    }
    if (SQL_TIMES && kind === 'sqlite') console.log(sqlTimesReport());
    const p95 = quantile(board, 0.95);
    console.log(`${kind}: board p95 ${p95.toFixed(1)} ms (echo p95 ${quantile(kinds.echo.times, 0.95).toFixed(1)} ms) over ${seeded.total.toLocaleString('en-GB')} work orders`);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => bareServer.close(r));
    await deps.photos.stopRendering();
    await db.close();
    return { p95, total: seeded.total };
  } finally {
    if (process.env.BENCH_KEEP) console.log(`${kind}: kept ${JSON.stringify(t.target)}`);
    else await t.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (SQL_TIMES) timeSqlStatements();
  if (WITH_PG) await runOn('postgres');
  const sqlite = process.env.BENCH_SQLITE === '0' ? null : await runOn('sqlite');
  agent.destroy();
  if (sqlite) console.log(`board: p95 ${sqlite.p95.toFixed(1)} ms over ${sqlite.total} work orders`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error((e as Error).stack?.split('\n').slice(0, 6).join('\n') ?? e);
    process.exit(1);
  },
);
