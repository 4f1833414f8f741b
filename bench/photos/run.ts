/**
 * `npm run bench:photos -- [--count 200] [--bases 4] [--width 4000] [--height 3000]`
 *
 * Uploads `count` twelve-megapixel JPEGs through the real crew route
 * (POST /api/crew/jobs/:id/photos: multer → type/EXIF checks → upright ≤2048 px
 * JPEG + WebP thumbnail on disk → row + event) over loopback HTTP, one after
 * another like one tablet syncing, and reports median / p95 latency until the
 * answer (photo stored and thumbnail written), CPU per upload, peak RSS of
 * this process (server and client share it) sampled every 10 ms, and RSS after every
 * quarter of the run, to show it stays flat. Then the same files go to a bare
 * multer route that only writes the file, as the floor to compare against.
 *
 * The images are smooth noise (random pixels at 1/4 size, upscaled, JPEG
 * quality 85) so they compress like a phone photo (~4 MB), not to nothing. Encoding a 12 MP JPEG takes
 * seconds on a busy machine, so `bases` distinct images are generated and each
 * upload gets its own bytes through a JPEG comment segment carrying its
 * number: every upload has a new sha256 and goes through the whole pipeline
 * (decode, rotate, resize, encode, thumbnail), none hits the duplicate shortcut.
 */
import { randomFillSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import multer from 'multer';
import sharp from 'sharp';
import { createApp } from '../../server/app.js';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { BENCH_PASSWORD, benchDemoDeps } from '../support/demo-deps.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const COUNT = arg('count', 200);
const BASES = arg('bases', 4);
const WIDTH = arg('width', 4000);
const HEIGHT = arg('height', 3000);

const rss = { peak: 0, samples: [] as number[] };
// process.memoryUsage.rss() is the cheap call; memoryUsage() walks the heap and would add its own CPU to the figures.
const sampler = setInterval(() => {
  const now = process.memoryUsage.rss();
  if (now > rss.peak) rss.peak = now;
}, 10);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function makeBase(i: number): Promise<Buffer> {
  const w = Math.round(WIDTH / 4);
  const h = Math.round(HEIGHT / 4);
  const pixels = randomFillSync(Buffer.alloc(w * h * 3));
  return sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .modulate({ brightness: 0.9 + i * 0.05 })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The same pixels, different bytes: a COM segment right after SOI. */
function numbered(base: Buffer, n: number): Buffer {
  const text = Buffer.from(`kerbside bench photo ${n} ${randomUUID()}`, 'latin1');
  const seg = Buffer.alloc(4 + text.length);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(text.length + 2, 2);
  text.copy(seg, 4);
  return Buffer.concat([base.subarray(0, 2), seg, base.subarray(2)]);
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function upload(url: string, file: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const form = new FormData();
  form.set('data', JSON.stringify({ note: 'bench' }));
  form.set('photo', new Blob([readFileSync(file)], { type: 'image/jpeg' }), 'photo.jpg');
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', body: form, headers });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kerbside-bench-photos-'));
  const filesDir = path.join(root, 'files');
  mkdirSync(filesDir);
  console.log(`Generating ${BASES} distinct ${WIDTH}×${HEIGHT} JPEGs and ${COUNT} numbered variants in ${filesDir} …`);
  const bases: Buffer[] = [];
  for (let i = 0; i < BASES; i++) bases.push(await makeBase(i));
  const files: string[] = [];
  for (let n = 0; n < COUNT; n++) {
    const file = path.join(filesDir, `photo-${n}.jpg`);
    writeFileSync(file, numbered(bases[n % BASES]!, n));
    files.push(file);
  }
  const sizes = bases.map((b) => b.length);
  console.log(`  sizes ${sizes.map(mb).join(', ')} (${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1e6).toFixed(2)} MB average)`);
  bases.length = 0;

  const deps = await benchDemoDeps(path.join(root, 'data'));
  const crew = await deps.db.manager.getRepository(CrewEntity).findOneByOrFail({ name: 'Crew 1 – Sharps & hazards' });
  const now = deps.clock.now().toISOString();
  // A job gets a handful of photos, not hundreds: four per job keeps each answer (the work-order view) realistic.
  const jobs: WorkOrder[] = [];
  for (let j = 0; j < Math.ceil(COUNT / 4); j++) {
    const job: WorkOrder = {
      id: randomUUID(), reference: `WO-26-B${String(j).padStart(5, '0')}`, status: 'in_progress', categoryCode: 'litter', wardCode: 'E05000899', zone: 2, lat: 53.4142, lng: -2.9448,
      address: 'Sheil Road', postcode: 'L6 3AE', publicPlace: null, priority: 'normal', openedAt: now, dueAt: now, deadlineState: 'on_time', crewId: crew.id, routeDate: now.slice(0, 10),
      routePosition: 1, plannedStartAt: null, startedAt: now, completedAt: null, closedAt: null, outcomeReason: null, outcomeNote: null, quantities: {}, wasteData: null,
      evidenceFlags: [], publicSummary: null, sweepId: null, mergedIntoId: null, createdAt: now, updatedAt: now, version: 1,
    };
    await deps.db.manager.getRepository(WorkOrderEntity).insert(job as never);
    jobs.push(job);
  }

  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'crew1@kerbside.test', password: BENCH_PASSWORD }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  // Bare floor: multer writing the same file to disk and answering, nothing else.
  const bareDir = path.join(root, 'bare');
  mkdirSync(bareDir);
  const bare = express();
  bare.post('/upload', multer({ dest: bareDir, limits: { fileSize: deps.config.photos.maxBytes } }).single('photo'), (req, res) => {
    res.status(201).json({ file: req.file?.filename });
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/upload`;

  const runOnce = async (label: string, url: (n: number) => string, headers: () => Record<string, string>) => {
    const latencies: number[] = [];
    const checkpoints: string[] = [];
    rss.peak = process.memoryUsage.rss();
    const startRss = rss.peak;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (let n = 0; n < files.length; n++) {
      const r = await upload(url(n), files[n]!, headers());
      if (r.status >= 300) throw new Error(`${label}: upload ${n} answered ${r.status}`);
      latencies.push(r.ms);
      if ((n + 1) % Math.max(1, Math.round(files.length / 4)) === 0) checkpoints.push(`${n + 1}: ${mb(process.memoryUsage.rss())}`);
    }
    const s = stats(latencies);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerUpload = (cpu.user + cpu.system) / 1000 / files.length;
    console.log(
      `${label.padEnd(34)} median ${s.median.toFixed(0).padStart(4)} ms   p95 ${s.p95.toFixed(0).padStart(4)} ms   max ${s.max.toFixed(0).padStart(5)} ms   CPU ${cpuMsPerUpload.toFixed(0)} ms/upload   ` +
        `total ${((performance.now() - started) / 1000).toFixed(1)} s   RSS start ${mb(startRss)} peak ${mb(rss.peak)}   RSS after ${checkpoints.join(', ')}`,
    );
    return s;
  };

  console.log(`\n${COUNT} uploads, one at a time, loopback HTTP (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}):`);
  const bareStats = await runOnce('bare multer (write file only)', () => bareUrl, () => ({}));
  const realStats = await runOnce('crew photo route (stored + thumb)', (n) => `${base}/api/crew/jobs/${jobs[n % jobs.length]!.id}/photos`, () => ({ cookie, 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID() }));
  let stored = 0;
  for (const job of jobs) stored += (await deps.photos.ofWorkOrder(job.id)).length;
  console.log(`\nStored photos: ${stored} (expected ${COUNT}); processing over the bare upload: median +${(realStats.median - bareStats.median).toFixed(0)} ms`);
  console.log(`Goal median < 400 ms: ${realStats.median < 400 ? 'met' : 'NOT met'} (${realStats.median.toFixed(0)} ms)`);

  clearInterval(sampler);
  server.close();
  bareServer.close();
  await deps.db.close();
  rmSync(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
