/**
 * One of the "two server processes" of the exactly-once test: opens the shared
 * database, races the other process for the same job slots (directly and
 * through the node-cron scheduler with its run coordinator), and prints the
 * slots it ran as JSON on its last line.
 * argv: <database target JSON> <start at epoch ms> <slot count>
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../server/entities.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/composition-root.js';
import type { JobDefinition } from '../../server/jobs/job.js';
import { JobScheduler } from '../../server/jobs/scheduler.js';
import { quietLogger, testConfigEnv } from '../support/fixtures.js';

const [targetJson, startAt, slotCount] = process.argv.slice(2);
const ran: string[] = [];
const job = (name: string, schedule: string): JobDefinition => ({
  name,
  schedule,
  catchUp: false,
  description: 'exactly-once probe',
  async run(ctx) {
    ran.push(`${name}@${ctx.slot}`);
    return { pid: process.pid };
  },
});

const db = await openAppDatabase(JSON.parse(targetJson), { migrate: false });
const config = loadConfig(testConfigEnv(mkdtempSync(path.join(os.tmpdir(), 'kb-child-'))));
const deps = await buildServices(config, { db, logger: quietLogger });
const runner = deps.jobRunner;
const probe = job('probe', '* * * * *');
const base = Date.parse('2026-11-24T00:00:00.000Z');
const slots = Array.from({ length: Number(slotCount) }, (_x, i) => new Date(base + i * 60_000).toISOString());
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
// Both processes go at the same moment, each firing its claims concurrently.
await Promise.all(slots.map((slot) => runner.runSlot(probe, slot)));
// The same race through node-cron: a task firing every second, claimed per scheduled minute by the run coordinator.
const scheduler = new JobScheduler(deps, [job('probe-cron', '* * * * * *')]);
scheduler.start();
await new Promise((resolve) => setTimeout(resolve, 2500));
await scheduler.stop();
await db.close();
console.log(JSON.stringify(ran));
