/**
 * The one file that imports node-cron. Each job becomes a node-cron 4 task in
 * Europe/London; node-cron's run-coordinator hook is where the slot is
 * claimed (a job_run insert guarded by a unique key), so on several instances
 * exactly one runs each scheduled minute. At start, a job with `catchUp`
 * runs its most recent slot of the last 24 h if nobody ran it (the service was
 * down at the time), or if the run that claimed it was abandoned half-way (its
 * instance died: still 'running' two hours on); earlier missed slots are
 * superseded by that one.
 */
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../platform/clock.js';
import type { RecurrenceRules } from '../scheduling/sweep.service.js';
import type { JobDefinition } from './job.js';
import { LEASE_MS, slotKey, type JobRunner, type SlotOutcome } from './job-runner.js';

export const CATCH_UP_WINDOW_MS = 24 * 3600_000;

/** The scheduled minutes of `job` in (from, to], newest last, evaluated in `timeZone`. */
export function slotsBetween(job: Pick<JobDefinition, 'schedule'>, timeZone: string, from: Date, to: Date): Date[] {
  const matcher = cron.createTask(job.schedule, () => undefined, { timezone: timeZone });
  try {
    const slots: Date[] = [];
    const first = new Date(from.getTime());
    first.setUTCSeconds(0, 0);
    for (let t = first.getTime() + 60_000; t <= to.getTime(); t += 60_000) {
      const d = new Date(t);
      if (matcher.match(d)) slots.push(d);
    }
    return slots;
  } finally {
    void matcher.destroy();
  }
}

export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/** The same cron arithmetic for recurrences other modules define (recurring sweeps). */
export const cronRecurrence: RecurrenceRules = {
  isValid: isValidSchedule,
  slotsBetween: (expression, timeZone, from, to) => slotsBetween({ schedule: expression }, timeZone, from, to),
};

/** The claim key node-cron hands the coordinator is `${task name}:${slot ISO}`. */
function parseCoordinatorKey(key: string): { jobName: string; slot: string } {
  const at = key.indexOf(':');
  return { jobName: key.slice(0, at), slot: slotKey(new Date(key.slice(at + 1))) };
}

/** What JobScheduler uses. */
export interface JobSchedulerDeps {
  jobRunner: JobRunner;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'timeZone'>;
}

export class JobScheduler {
  private readonly runner: JobRunner;
  private readonly tasks: ScheduledTask[] = [];
  /** Claim ids won by the coordinator, waiting for node-cron to call the task. */
  private readonly won = new Map<string, number>();

  constructor(
    private readonly deps: JobSchedulerDeps,
    private readonly jobs: readonly JobDefinition[],
  ) {
    this.runner = deps.jobRunner;
  }

  /** At start-up: for each catch-up job, run the latest missed slot of the window. */
  async catchUp(now: Date = this.deps.clock.now()): Promise<{ job: string; slot: string; result: SlotOutcome }[]> {
    const results: { job: string; slot: string; result: SlotOutcome }[] = [];
    for (const job of this.jobs) {
      if (!job.catchUp) continue;
      const slots = slotsBetween(job, this.deps.config.timeZone, new Date(now.getTime() - CATCH_UP_WINDOW_MS), now);
      const latest = slots.at(-1);
      if (!latest) continue;
      const slot = slotKey(latest);
      if (await this.runner.hasRun(job.name, slot)) {
        // Claimed before, but its instance may have died mid-run: catch-up jobs are safe to run again.
        const runId = await this.runner.reclaimAbandoned(job.name, slot, now);
        if (runId !== null) results.push({ job: job.name, slot, result: await this.runner.executeClaimed(job, runId, slot, now) });
        continue;
      }
      this.deps.logger.info({ job: job.name, slot }, 'catching up a slot missed while the service was down');
      results.push({ job: job.name, slot, result: await this.runner.runSlot(job, slot, { now }) });
    }
    return results;
  }

  start(): void {
    const coordinator: RunCoordinator = {
      shouldRun: async (key) => {
        const { jobName, slot } = parseCoordinatorKey(key);
        const runId = await this.runner.claim(jobName, slot);
        if (runId !== null) this.won.set(`${jobName}:${slot}`, runId);
        return runId !== null;
      },
    };
    for (const job of this.jobs) {
      const task = cron.schedule(
        job.schedule,
        async (ctx) => {
          const slot = slotKey(ctx.date);
          const runId = this.won.get(`${job.name}:${slot}`);
          this.won.delete(`${job.name}:${slot}`);
          if (runId === undefined) return;
          await this.runner.executeClaimed(job, runId, slot, this.deps.clock.now());
        },
        { name: job.name, timezone: this.deps.config.timeZone, noOverlap: true, distributed: true, runCoordinator: coordinator },
      );
      this.tasks.push(task);
    }
    // Runs whose instance died (lease ran out) are reaped by whichever instance looks first.
    this.reaper = setInterval(() => {
      void this.runner.reapExpired(this.jobs).catch((err) => this.deps.logger.error({ err }, 'reaping abandoned job runs failed'));
    }, LEASE_MS / 2);
    this.reaper.unref();
    this.deps.logger.info({ jobs: this.jobs.map((j) => `${j.name} (${j.schedule})`) }, 'scheduler started');
  }

  private reaper: NodeJS.Timeout | null = null;

  async stop(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    for (const task of this.tasks.splice(0)) await task.destroy();
  }
}
