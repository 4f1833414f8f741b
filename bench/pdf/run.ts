/**
 * `npm run bench:pdf [-- --pairs 60 --other-pairs 8] [--keep | --reuse DIR]`
 *
 * 1. Seeds a temporary SQLite database: Kensington and Fairfield gets a week
 *    with 60 fixed jobs that have before/after photos, every other Liverpool
 *    ward a smaller week. The photos start as 12-megapixel JPEGs (made with
 *    sharp from the fixture photos) and are stored the way the photo service
 *    stores them (upright, at most 2048 px).
 * 2. In a fresh child process (so peak RSS is the report's own), renders the
 *    60-pair ward: time, size, pages, peak RSS. Goal ≤ 1.5 s and ≤ 8 MB.
 * 3. In another child, runs the Monday job for all 30 wards (render, archive,
 *    email to memory). Goal < 30 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { pino } from 'pino';
import sharp from 'sharp';
import { openAppDatabase } from '../../server/entities.js';
import { reportWeek } from '../../reports/weekly/week.js';
import { loadConfig } from '../../server/config.js';
import { buildServices, demoSeedDeps, type Services } from '../../server/composition-root.js';
import type { Mailer, MailMessage } from '../../server/mail/mailer.js';
import { renderPhoto } from '../../server/photos/photo-image.js';
import { FixedClock } from '../../server/platform/clock.js';
import { seedDemo } from '../../server/seed/demo.js';
import { KENSINGTON_WARD, seedReferenceData } from '../../server/seed/reference-data.js';
import { WardSubscriptionEntity } from '../../server/users/user.entity.js';
import { seedWardWeek } from '../../test/support/builders-reports.js';
import { peakRssMb } from '../support/peak-rss.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEEK = '2026-W48';
const NOW = '2026-11-30T07:00:00.000Z';
const TZ = 'Europe/London';

class CountingMailer implements Mailer {
  readonly description = 'memory';
  readonly sent: MailMessage[] = [];
  async send(m: MailMessage) {
    this.sent.push({ ...m, attachments: m.attachments?.map((a) => ({ ...a, content: Buffer.alloc(0) })) });
    return { messageId: `<${this.sent.length}@bench>` };
  }
}

async function depsFor(dataDir: string, mailer?: Mailer): Promise<Services> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1', CRON_ENABLED: 'false' });
  const db = await openAppDatabase(config.database);
  return buildServices(config, { db, clock: new FixedClock(new Date(NOW)), logger: pino({ level: 'silent' }), mailer });
}

/** 12-megapixel JPEGs built from the fixture photos, then stored as the photo service would (≤ 2048 px), with a label so each is distinct. */
async function makePhotos(count: number): Promise<Buffer[]> {
  const dir = path.resolve(here, '../../test/fixtures/photos/gps');
  const sources = readdirSync(dir).filter((f) => f.endsWith('.jpg')).map((f) => readFileSync(path.join(dir, f)));
  const stored: Buffer[] = [];
  for (const src of sources) {
    const twelveMp = await sharp(src).rotate().resize(4000, 3000, { fit: 'cover' }).sharpen().jpeg({ quality: 90 }).toBuffer();
    const { full } = await renderPhoto(twelveMp, 100_000_000);
    stored.push(full);
    process.stdout.write(`  12 MP source ${stored.length}/${sources.length}: ${(twelveMp.length / 1e6).toFixed(1)} MB → stored ${(full.length / 1e3).toFixed(0)} kB\n`);
  }
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const base = stored[i % stored.length];
    const label = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="120"><rect width="600" height="120" fill="rgba(0,0,0,0.55)"/><text x="20" y="85" font-size="72" fill="white" font-family="sans-serif">${i % 2 ? 'AFTER' : 'BEFORE'} ${Math.floor(i / 2) + 1}</text></svg>`);
    out.push(await sharp(base).composite([{ input: label, gravity: 'southwest' }]).jpeg({ quality: 82 }).toBuffer());
  }
  return out;
}

async function seed(dataDir: string, pairs: number, otherPairs: number): Promise<void> {
  const deps = await depsFor(dataDir);
  await seedReferenceData(deps.db);
  await deps.wardLocator.reload();
  await seedDemo(demoSeedDeps(deps));
  const photos = await makePhotos(Math.max(2 * pairs, 2 * otherPairs));
  const week = reportWeek(WEEK, TZ);
  const crews = (await deps.db.manager.query('SELECT id FROM crew')) as { id: string }[];
  const wards = deps.wardLocator.allWards();
  const councillors = (await deps.db.manager.query("SELECT id FROM app_user WHERE role = 'councillor'")) as { id: string }[];
  for (const [n, ward] of wards.entries()) {
    const many = ward.code === KENSINGTON_WARD;
    const offset = n * 7;
    await seedWardWeek(deps.db, dataDir, {
      wardCode: ward.code,
      boundary: ward.boundary,
      inside: (lat, lng) => booleanPointInPolygon([lng, lat], ward.boundary),
      week,
      pairs: many ? pairs : otherPairs,
      photo: async (_label, i) => photos[(i + offset) % photos.length],
      crewIds: crews.map((c) => c.id),
      seed: n + 1,
    });
    // Every ward has a councillor, so the Monday job renders all 30.
    if (!many) await deps.db.manager.getRepository(WardSubscriptionEntity).insert({ userId: councillors[0].id, wardCode: ward.code });
  }
  await deps.db.close();
}

/** Wall time and CPU time (user + system, all threads) of one step: on a shared machine CPU time is the steadier figure. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/**
 * With --warm, another ward is rendered first, as in a running server or the
 * Monday job: fonts parsed, time-zone data loaded, code compiled. Without,
 * the 60-pair ward is the first thing the process draws.
 */
async function measureOneWard(dataDir: string, out: string, warm: boolean): Promise<void> {
  const deps = await depsFor(dataDir);
  if (warm) await deps.weeklyReports.render('E05000887', WEEK, { generatedAt: NOW });
  const { result, ms, cpuMs } = await timed(() => deps.weeklyReports.render(KENSINGTON_WARD, WEEK, { generatedAt: NOW, maxPairs: 60 }));
  writeFileSync(out, result.pdf);
  console.log(JSON.stringify({ ms, cpuMs, bytes: result.pdf.length, pairs: result.data.pairs.length, rssMb: peakRssMb() }));
  await deps.db.close();
}

/** What the 10-minute job does during the week: print copies of the evidence photos. */
async function preparePhotos(dataDir: string): Promise<void> {
  const deps = await depsFor(dataDir);
  const { result, ms, cpuMs } = await timed(() => deps.weeklyReports.preparePrintPhotos(reportWeek(WEEK, TZ).start));
  console.log(JSON.stringify({ ms, cpuMs, made: result, rssMb: peakRssMb() }));
  await deps.db.close();
}

async function measureAllWards(dataDir: string): Promise<void> {
  const mailer = new CountingMailer();
  const deps = await depsFor(dataDir, mailer);
  const { result: summary, ms, cpuMs } = await timed(() => deps.weeklyReports.runWeeklyWardReports({ now: new Date(NOW), dryRun: false }));
  const rows = (await deps.db.manager.query('SELECT bytes, pages FROM weekly_report')) as { bytes: number; pages: number }[];
  console.log(JSON.stringify({ ms, cpuMs, summary, emails: mailer.sent.length, totalBytes: rows.reduce((a, r) => a + Number(r.bytes), 0), totalPages: rows.reduce((a, r) => a + Number(r.pages), 0), rssMb: peakRssMb() }));
  await deps.db.close();
}

function child(mode: string, ...args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' }, pairs: { type: 'string' }, 'other-pairs': { type: 'string' }, keep: { type: 'boolean' }, warm: { type: 'boolean' }, reuse: { type: 'string' } } });
  if (values.mode === 'one') return measureOneWard(values.dir!, values.out!, Boolean(values.warm));
  if (values.mode === 'all') return measureAllWards(values.dir!);
  if (values.mode === 'prepare') return preparePhotos(values.dir!);

  const pairs = Number(values.pairs ?? 60);
  const otherPairs = Number(values['other-pairs'] ?? 8);
  const dir = values.reuse ?? mkdtempSync(path.join(os.tmpdir(), 'kerbside-bench-pdf-'));
  console.log(`bench:pdf in ${dir} (${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  if (values.reuse) {
    // A kept seed from an earlier --keep run: start again from its data, without its reports.
    rmSync(path.join(dir, 'reports'), { recursive: true, force: true });
    const deps = await depsFor(dir);
    await deps.db.manager.query('DELETE FROM weekly_report_delivery');
    await deps.db.manager.query('DELETE FROM weekly_report');
    await deps.db.close();
  } else {
    const seedStart = performance.now();
    await seed(dir, pairs, otherPairs);
    console.log(`seeded 30 wards (${pairs} pairs in Kensington and Fairfield, ${otherPairs} elsewhere) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  }

  const report = (label: string, r: Record<string, unknown>, out: string) => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).length;
    const mb = Number(r.bytes) / 1e6;
    console.log(`60-pair ward, ${label}: ${r.ms} ms wall (${r.cpuMs} ms CPU), ${mb.toFixed(2)} MB, ${pages} pages, ${images} images, peak RSS ${r.rssMb} MB` +
      `  [≤ 1500 ms: ${Number(r.ms) <= 1500 ? 'met' : 'MISSED'}; ≤ 8 MB: ${mb <= 8 ? 'met' : 'MISSED'}]`);
  };
  const cold = path.join(dir, 'kensington-60-pairs-cold.pdf');
  report('cold (no print copies yet: 120 photos downscaled during the render)', child('one', '--dir', dir, '--out', cold), cold);
  rmSync(path.join(dir, 'reports', 'print'), { recursive: true, force: true });
  const prep = child('prepare', '--dir', dir);
  console.log(`print copies prepared during the week (10-minute job): ${prep.made} photos, ${prep.ms} ms wall (${prep.cpuMs} ms CPU)`);
  const ready = path.join(dir, 'kensington-60-pairs-fresh-process.pdf');
  report('print copies ready, fresh process', child('one', '--dir', dir, '--out', ready), ready);
  const warm = path.join(dir, 'kensington-60-pairs.pdf');
  report('print copies ready, warm process (as in the Monday job)', child('one', '--dir', dir, '--out', warm, '--warm'), warm);

  const all = child('all', '--dir', dir);
  console.log(`all 30 wards, Monday job (render + archive + email): ${(Number(all.ms) / 1000).toFixed(1)} s wall (${(Number(all.cpuMs) / 1000).toFixed(1)} s CPU), ${(Number(all.totalBytes) / 1e6).toFixed(1)} MB in ${all.totalPages} pages, ${all.emails} emails, peak RSS ${all.rssMb} MB` +
    `  [< 30 s: ${Number(all.ms) < 30_000 ? 'met' : 'MISSED'}]`);
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (values.keep || values.reuse) console.log(`kept ${dir} (rerun with --reuse ${dir})`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
