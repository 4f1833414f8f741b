/**
 * `npx tsx bench/exports/run.ts [-- --rows 200000 --keep | --reuse DIR]`
 *
 * 1. Seeds a temporary SQLite database with the Liverpool reference data, the
 *    demo accounts and `--rows` work orders (every category, status and ward;
 *    fly-tips with Defra fields).
 * 2. In a fresh child process each (so each peak RSS is that export's own), a
 *    real app serves one export over HTTP to a client in the same process
 *    that counts and discards the bytes:
 *    - baseline: the same rows, columns and CSV writer, but the whole file
 *      built in memory first (one query for every row, one string) and sent;
 *    - streamed CSV: GET /api/exports/work-orders.csv as a dispatcher;
 *    - streamed GeoJSON: GET /api/exports/work-orders.geojson;
 *    - streamed CSV of one ward as its councillor.
 *    Reported: time to first byte, total time, bytes, rows, and peak RSS
 *    (VmHWM) against the process's RSS just before the request.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import { pino } from 'pino';
import { sqliteHandle } from '../../db/raw-query.js';
import { createApp } from '../../server/app.js';
import { FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES } from '../../server/categories/defra.js';
import { loadConfig } from '../../server/config.js';
import { buildServices, demoSeedDeps, type Services } from '../../server/composition-root.js';
import { openAppDatabase } from '../../server/entities.js';
import { csvText } from '../../server/exports/export-writers.js';
import { FixedClock } from '../../server/platform/clock.js';
import { seedDemo } from '../../server/seed/demo.js';
import { KENSINGTON_WARD, seedReferenceData } from '../../server/seed/reference-data.js';
import { WORK_ORDER_STATUSES } from '../../server/work-orders/work-order.state.js';
import { peakRssMb } from '../support/peak-rss.js';

const NOW = '2026-11-30T07:00:00.000Z';
const PASSWORD = 'bench-password-1';

function env(dataDir: string): NodeJS.ProcessEnv {
  return { DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1', CRON_ENABLED: 'false', DEMO_PASSWORD: PASSWORD };
}

async function depsFor(dataDir: string): Promise<Services> {
  const config = loadConfig(env(dataDir));
  const db = await openAppDatabase(config.database);
  return buildServices(config, { db, clock: new FixedClock(new Date(NOW)), logger: pino({ level: 'silent' }) });
}

/** Deterministic pseudo-random numbers, so every run seeds the same rows. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(dir: string, rows: number): Promise<void> {
  const deps = await depsFor(dir);
  await seedReferenceData(deps.db);
  await seedDemo(demoSeedDeps(deps));
  await deps.wardLocator.reload();
  const wards = deps.wardLocator.allWards().map((w) => w.code);
  const categories = (await deps.categories.list()).map((c) => c.code);
  const crews = (await deps.crews.list()).map((c) => c.id);
  const raw = sqliteHandle(deps.db.dataSource)!;
  const insert = raw.prepare(`INSERT INTO work_order (id, reference, status, category_code, ward_code, zone, lat, lng, address, postcode, public_place, priority,
      opened_at, due_at, at_risk_at, deadline_state, crew_id, route_date, route_position, planned_start_at, started_at, completed_at, closed_at,
      outcome_reason, outcome_note, quantities, waste_data, evidence_flags, public_summary, sweep_id, merged_into_id, created_at, updated_at, version)
    VALUES (?, ?, ?, ?, ?, 2, ?, ?, NULL, ?, NULL, 'normal', ?, ?, NULL, 'on_time', ?, NULL, NULL, NULL, NULL, ?, ?, ?, NULL, ?, ?, '[]', NULL, NULL, NULL, ?, ?, 1)`);
  const rand = rng(20);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const span = Date.parse(NOW) - start;
  const batch = raw.transaction(((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const opened = new Date(start + Math.floor((i / rows) * span)).toISOString();
      const due = new Date(Date.parse(opened) + 48 * 3600_000).toISOString();
      const status = pick(WORK_ORDER_STATUSES);
      const category = pick(categories);
      const closed = ['completed', 'not_completed', 'rejected', 'cancelled'].includes(status) ? new Date(Date.parse(opened) + rand() * 72 * 3600_000).toISOString() : null;
      const waste = category === 'fly-tipping' ? JSON.stringify({ size: pick(FLY_TIP_SIZES).key, wasteType: pick(FLY_TIP_WASTE_TYPES).key, landType: pick(FLY_TIP_LAND_TYPES).key }) : null;
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      insert.run(id, `WO-B-${String(i).padStart(7, '0')}`, status, category, i % 10 === 0 ? KENSINGTON_WARD : pick(wards), 53.40 + rand() * 0.06, -2.99 + rand() * 0.08,
        `L${1 + (i % 30)} ${i % 9}AB`, opened, due, status === 'new' ? null : pick(crews), status === 'completed' ? closed : null, closed, status === 'not_completed' ? 'no_access' : null, JSON.stringify({ bags: 1 + (i % 7) }), waste, opened, closed ?? opened);
    }
  }) as unknown as (...a: unknown[]) => void) as unknown as (from: number, to: number) => void;
  for (let i = 0; i < rows; i += 10_000) batch(i, Math.min(rows, i + 10_000));
  raw.pragma('wal_checkpoint(TRUNCATE)');
  await deps.db.close();
}

/** Fetches a URL, counting and discarding the bytes. */
function download(url: string, cookie: string): Promise<{ status: number; ttfbMs: number; totalMs: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = 0;
    let bytes = 0;
    let lines = 0;
    http.get(url, { headers: { cookie, 'accept-encoding': 'identity' } }, (res) => {
      res.on('data', (c: Buffer) => {
        if (!bytes) ttfb = performance.now() - t0;
        bytes += c.length;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ttfbMs: Math.round(ttfb), totalMs: Math.round(performance.now() - t0), bytes, lines }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** One export in this (fresh) process. */
async function measure(dir: string, mode: string): Promise<void> {
  const deps = await depsFor(dir);
  // The baseline: the same rows, records and CSV writer, the whole file built in memory and then sent.
  const baseline = express.Router();
  baseline.get('/in-memory.csv', async (_req, res) => {
    const s = deps.exports;
    const columns = await s.columns('office');
    const all: string[][] = [];
    for await (const page of s.pages({}, 1_000_000_000)) for (const r of page) all.push(columns.map((c) => c.value(r)) as string[]);
    const text = csvText(all, { header: columns.map((c) => c.header), bom: true });
    res.type('text/csv').end(text);
  });
  const app = createApp(deps, { routers: [{ path: '/bench', router: baseline }] });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const councillor = mode === 'ward-csv';
  const cookie = await login(base, councillor ? 'councillor.kensington@kerbside.test' : 'dispatcher@kerbside.test');
  const url = { baseline: '/bench/in-memory.csv', csv: '/api/exports/work-orders.csv', geojson: '/api/exports/work-orders.geojson', 'ward-csv': '/api/exports/work-orders.csv' }[mode]!;
  // Warm up (JIT, statement caches) on a small export, then measure from here.
  await download(`${base}/api/exports/work-orders.csv?from=2026-11-29`, cookie);
  global.gc?.();
  const rssBefore = Math.round(process.memoryUsage().rss / 1048576);
  const r = await download(base + url, cookie);
  const peak = peakRssMb();
  server.close();
  await deps.db.close();
  console.log(JSON.stringify({ ...r, rssBeforeMb: rssBefore, peakRssMb: peak }));
}

/** One export in a fresh process; `heapMb` caps V8's heap (null when the export did not fit in it). */
function child(mode: string, dir: string, heapMb?: number): Record<string, number> | null {
  const args = ['--expose-gc', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, '--dir', dir];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    if (heapMb && /heap out of memory/.test(r.stderr)) return null;
    throw new Error(`${mode} failed: ${r.stderr}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string' }, dir: { type: 'string' }, rows: { type: 'string' }, reuse: { type: 'string' } } });
  if (values.mode) return measure(values.dir!, values.mode);
  const rows = Number(values.rows ?? 200_000);
  const dir = values.reuse ?? mkdtempSync(path.join(os.tmpdir(), 'kerbside-bench-exports-'));
  console.log(`bench:exports in ${dir} (${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  if (!values.reuse) {
    const t0 = performance.now();
    await seed(dir, rows);
    console.log(`seeded ${rows.toLocaleString('en-GB')} work orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // V8 lets a busy heap grow before it collects, so peak RSS with the default heap mixes what an export keeps with
  // garbage not yet collected; the runs with the heap capped at HEAP_CAP MB show what it needs (the baseline cannot fit).
  const HEAP_CAP = 128;
  for (const [mode, label, heap] of [
    ['baseline', 'baseline: whole CSV built in memory, then sent', undefined],
    ['baseline', `baseline, heap capped at ${HEAP_CAP} MB`, HEAP_CAP],
    ['csv', 'streamed CSV, all work orders (dispatcher)', undefined],
    ['csv', `streamed CSV, heap capped at ${HEAP_CAP} MB`, HEAP_CAP],
    ['geojson', `streamed GeoJSON, all work orders, heap capped at ${HEAP_CAP} MB`, HEAP_CAP],
    ['ward-csv', 'streamed CSV, Kensington and Fairfield (its councillor)', undefined],
  ] as const) {
    const r = child(mode, dir, heap);
    if (!r) {
      console.log(`${label}: ran out of memory`);
      continue;
    }
    console.log(`${label}: HTTP ${r.status}, ${r.lines.toLocaleString('en-GB')} lines, ${(r.bytes / 1e6).toFixed(1)} MB; first byte ${r.ttfbMs} ms, all ${(r.totalMs / 1000).toFixed(1)} s; RSS ${r.rssBeforeMb} MB before, peak ${r.peakRssMb} MB (+${r.peakRssMb - r.rssBeforeMb} MB)`);
  }
}

await main();
