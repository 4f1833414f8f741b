/**
 * Exactly-once execution of a job slot, on one instance or many: the run
 * first inserts its (job name, scheduled minute) row into job_run, which the
 * unique key uq_job_run_slot protects. The first insert wins; every other
 * instance (or a restarted one catching up) gets a unique violation and skips.
 * The row then records status, duration, summary and error.
 */
import type { Logger } from 'pino';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Clock } from '../platform/clock.js';
import type { JobDefinition, JobSummary } from './job.js';
import type { JobRun } from './job-run.entity.js';
import type { JobRunRepository } from './job-run.repository.js';

export type SlotOutcome =
  | { outcome: 'ran'; runId: number; summary: JobSummary; durationMs: number }
  | { outcome: 'failed'; runId: number; error: string; durationMs: number }
  | { outcome: 'skipped'; reason: 'already-claimed' };

/** How long a run may stay 'running' before it counts as abandoned (the longest job, the weekly PDFs, takes minutes). */
export const ABANDONED_AFTER_MS = 2 * 3600_000;

/** The scheduled minute as the claim key: seconds and milliseconds dropped, ISO UTC. */
export function slotKey(at: Date): string {
  const d = new Date(at.getTime());
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}

/** What JobRunner uses; `instanceId` names this process in the claims it writes. */
export interface JobRunnerDeps {
  jobRuns: JobRunRepository;
  clock: Clock;
  logger: Logger;
  instanceId: string;
}

export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

  /** Inserts the claim row; returns its id, or null when another run already holds the slot. */
  async claim(jobName: string, slot: string): Promise<number | null> {
    const row: Omit<JobRun, 'id'> = {
      jobName,
      slot,
      status: 'running',
      instance: this.deps.instanceId.slice(0, 80),
      startedAt: this.deps.clock.now().toISOString(),
      finishedAt: null,
      durationMs: null,
      summary: null,
      error: null,
    };
    try {
      return await this.deps.jobRuns.insertClaim(row);
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /**
   * A claim still 'running' long after it started belongs to an instance that
   * died mid-run (a crash, a kill during deploy): left alone, the slot would
   * never run again and, say, half the wards would get no weekly report.
   * Takes the claim over with a compare-and-set on (id, status, started_at),
   * so of several instances starting at once exactly one wins; returns its
   * id, or null when there is nothing to take over.
   */
  async reclaimAbandoned(jobName: string, slot: string, now: Date): Promise<number | null> {
    const row = await this.deps.jobRuns.findRun(jobName, slot);
    if (!row || row.status !== 'running' || Date.parse(row.startedAt) > now.getTime() - ABANDONED_AFTER_MS) return null;
    const won = await this.deps.jobRuns.takeOver(row, {
      instance: this.deps.instanceId.slice(0, 80),
      startedAt: now.toISOString(),
      error: `taken over: ${row.instance.slice(0, 80)} started this run at ${row.startedAt} and never finished it`,
    });
    if (!won) return null;
    this.deps.logger.warn({ job: jobName, slot, abandonedBy: row.instance, startedAt: row.startedAt }, 'taking over a job run its instance never finished');
    return row.id;
  }

  /** Claims the slot and, if this instance won it, runs the job and records the result. */
  async runSlot(job: JobDefinition, slot: string, opts: { now?: Date } = {}): Promise<SlotOutcome> {
    const runId = await this.claim(job.name, slot);
    if (runId === null) {
      this.deps.logger.debug({ job: job.name, slot }, 'job slot already claimed elsewhere; skipping');
      return { outcome: 'skipped', reason: 'already-claimed' };
    }
    return this.executeClaimed(job, runId, slot, opts.now ?? this.deps.clock.now());
  }

  /** Runs a slot this instance already claimed (the node-cron coordinator claims before the task fires). */
  async executeClaimed(job: JobDefinition, runId: number, slot: string, now: Date): Promise<SlotOutcome> {
    const started = performance.now();
    try {
      const summary = await job.run({ now, slot, dryRun: false });
      const durationMs = Math.round(performance.now() - started);
      await this.deps.jobRuns.finish(runId, { status: 'succeeded', finishedAt: this.deps.clock.now().toISOString(), durationMs, summary: JSON.stringify(summary) });
      this.deps.logger.info({ job: job.name, slot, durationMs, summary }, 'job succeeded');
      return { outcome: 'ran', runId, summary, durationMs };
    } catch (e) {
      const durationMs = Math.round(performance.now() - started);
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      await this.deps.jobRuns
        .finish(runId, { status: 'failed', finishedAt: this.deps.clock.now().toISOString(), durationMs, error: error.slice(0, 4000) })
        .catch((recordError) => this.deps.logger.error({ err: recordError, job: job.name }, 'could not record job failure'));
      this.deps.logger.error({ err: e, job: job.name, slot }, 'job failed');
      return { outcome: 'failed', runId, error, durationMs };
    }
  }

  /** Runs without claiming a slot or writing job_run: for `--dry-run`. */
  async dryRun(job: JobDefinition, now: Date): Promise<JobSummary> {
    return job.run({ now, slot: slotKey(now), dryRun: true });
  }

  async hasRun(jobName: string, slot: string): Promise<boolean> {
    return (await this.deps.jobRuns.countRuns(jobName, slot)) > 0;
  }

  async runsOf(jobName: string): Promise<JobRun[]> {
    return this.deps.jobRuns.runsOf(jobName);
  }
}
