/**
 * `npm run job -- <name> [--now <ISO time>] [--dry-run]`: runs one job by
 * hand, exactly as the scheduler would. With --now the whole process sees that
 * time (the clock is pinned). A real run claims the --now minute as its slot,
 * so running it twice for the same minute runs once; --dry-run claims nothing
 * and changes nothing.
 */
import { loadConfig } from '../config.js';
import { buildServices } from '../composition-root.js';
import { FixedClock, systemClock } from '../platform/clock.js';
import type { JobDefinition } from './job.js';
import { slotKey } from './job-runner.js';
import { findJob } from './registry.js';

function usage(jobs: readonly JobDefinition[]): never {
  console.error(`usage: npm run job -- <name> [--now <ISO time>] [--dry-run]\njobs:\n${jobs.map((j) => `  ${j.name.padEnd(24)} ${j.schedule.padEnd(14)} ${j.description}`).join('\n')}`);
  process.exit(64); // EX_USAGE
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  const nowIndex = args.indexOf('--now');
  const dryRun = args.includes('--dry-run');
  let now: Date | null = null;
  if (nowIndex >= 0) {
    now = new Date(args[nowIndex + 1] ?? '');
    if (Number.isNaN(now.getTime())) {
      console.error('--now needs an ISO time, e.g. 2026-11-24T06:00:00Z');
      process.exit(64);
    }
  }
  const config = loadConfig();
  const deps = await buildServices(config, { clock: now ? new FixedClock(now) : systemClock });
  try {
    if (!name) usage(deps.jobs);
    const job = findJob(deps.jobs, name);
    if (!job) {
      console.error(`unknown job "${name}"`);
      usage(deps.jobs);
    }
    const at = deps.clock.now();
    if (dryRun) {
      console.log(JSON.stringify({ job: job.name, dryRun: true, now: at.toISOString(), summary: await deps.jobRunner.dryRun(job, at) }, null, 2));
      return;
    }
    const result = await deps.jobRunner.runSlot(job, slotKey(at), { now: at });
    console.log(JSON.stringify({ job: job.name, slot: slotKey(at), ...result }, null, 2));
    if (result.outcome === 'failed') process.exitCode = 1;
  } finally {
    // The live-event connection (PostgreSQL) would keep the process alive.
    await deps.events.close();
    await deps.db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
