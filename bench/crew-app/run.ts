/**
 * `npx tsx bench/crew-app/run.ts [--runs 5] [--jobs 12]` (after `npm run build:client`)
 *
 * The crew tablet app's weight and start-up time, in the same headless
 * Chromium as the browser tests, against the real server on loopback:
 * - size: every file the crew app downloads to work offline (the precache list
 *   of crew-sw.js, plus the worker and Workbox runtime), as served (this server
 *   does not compress) and gzipped (-9, what a compressing proxy would send);
 * - time until today's route is on screen (performance mark
 *   `crew-route-visible`, from navigation start) for: a first visit (no
 *   service worker, empty HTTP cache, logged in), a reload once the service
 *   worker controls the page, and a reload with the network cut.
 * Loopback has no latency, so these are the app's own costs; on 3G the first
 * load adds the transfer of the bytes above, the cached loads do not.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { clientDistDir, createApp } from '../../server/app.js';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { BENCH_PASSWORD, benchDemoDeps } from '../support/demo-deps.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const RUNS = arg('runs', 5);
const JOBS = arg('jobs', 12);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function appFiles(dist: string): { file: string; raw: number; gzip: number }[] {
  const sw = readFileSync(path.join(dist, 'crew-sw.js'), 'utf8');
  const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  const workbox = sw.match(/"\.\/(workbox-[\w-]+)"/)?.[1];
  const files = [...new Set([...precached, 'crew-sw.js', ...(workbox ? [`${workbox}.js`] : [])])];
  return files.map((file) => {
    const bytes = readFileSync(path.join(dist, file));
    return { file, raw: statSync(path.join(dist, file)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

async function routeVisibleMs(page: Page): Promise<number> {
  await page.getByTestId('route').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('crew-route-visible').length > 0);
  return page.evaluate(() => performance.getEntriesByName('crew-route-visible')[0]!.startTime);
}

async function main() {
  const dist = clientDistDir();
  if (!dist) throw new Error('client/dist is missing: run `npm run build:client` first');
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-crew-bench-'));
  const deps = await benchDemoDeps(path.join(root, 'data'));
  const crew = await deps.db.manager.getRepository(CrewEntity).findOneByOrFail({ name: 'Crew 1 – Sharps & hazards' });
  const now = deps.clock.now().toISOString();
  for (let i = 0; i < JOBS; i++) {
    const wo: WorkOrder = {
      id: randomUUID(), reference: `WO-26-B${String(i).padStart(5, '0')}`, status: 'accepted', categoryCode: i % 2 ? 'litter' : 'sharps', wardCode: 'E05000899', zone: 2,
      lat: 53.4142 + i * 0.0007, lng: -2.9448, address: `${i + 1} Sheil Road`, postcode: 'L6 3AE', publicPlace: null, priority: 'normal', openedAt: now, dueAt: now, deadlineState: 'on_time',
      crewId: null, routeDate: null, routePosition: null, plannedStartAt: null, startedAt: null, completedAt: null, closedAt: null, outcomeReason: null, outcomeNote: null,
      quantities: {}, wasteData: null, evidenceFlags: [], publicSummary: null, sweepId: null, mergedIntoId: null, createdAt: now, updatedAt: now, version: 1,
    };
    await deps.db.manager.getRepository(WorkOrderEntity).insert(wo as never);
    await deps.dispatch.assign(wo.id, { crewId: crew.id, version: 1 }, SYSTEM_ACTOR);
  }
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const files = appFiles(dist);
  const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
  console.log(`crew app files (${files.length}), as served / gzip -9:`);
  for (const f of files) console.log(`  ${f.file.padEnd(36)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);
  console.log(`  ${'total'.padEnd(36)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)}`);
  const withoutIcons = files.filter((f) => !f.file.endsWith('.png'));
  console.log(`  code + styles only (no icons): ${kb(withoutIcons.reduce((a, f) => a + f.raw, 0))} as served, ${kb(withoutIcons.reduce((a, f) => a + f.gzip, 0))} gzip`);
  const today = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'crew1@kerbside.test', password: BENCH_PASSWORD }) });
  const cookie = today.headers.get('set-cookie')!.split(';')[0]!;
  const route = await fetch(`${base}/api/crew/today`, { headers: { cookie } });
  const routeBytes = Buffer.from(await route.arrayBuffer());
  console.log(`GET /api/crew/today with ${JOBS} jobs: ${kb(routeBytes.length)} as served, ${kb(gzipSync(routeBytes, { level: 9 }).length)} gzip`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const first: number[] = [];
  const cached: number[] = [];
  const offline: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const ctx: BrowserContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' });
      const login = await ctx.request.post(`${base}/api/auth/login`, { data: { email: 'crew1@kerbside.test', password: BENCH_PASSWORD } });
      if (login.status() !== 200) throw new Error(`login failed: ${login.status()}`);
      const page = await ctx.newPage();
      await page.goto(`${base}/crew`);
      first.push(await routeVisibleMs(page));
      await page.waitForFunction(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null);
      await page.reload();
      cached.push(await routeVisibleMs(page));
      await ctx.setOffline(true);
      await page.reload();
      offline.push(await routeVisibleMs(page));
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    await deps.db.close();
    rmSync(root, { recursive: true, force: true });
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`time to today's route on screen, ${RUNS} runs, loopback:`);
  console.log(`  first visit (no service worker, empty cache):  ${fmt(first)}`);
  console.log(`  reload, service worker in control:             ${fmt(cached)}`);
  console.log(`  reload with no network (service worker only):  ${fmt(offline)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
