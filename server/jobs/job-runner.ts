/**
 * Exactly-once execution of a job slot, on one instance or many: the run
 * first inserts its (job name, scheduled minute) row into job_run, which the
 * unique key uq_job_run_slot protects. The first insert wins; every other
 * instance (or a restarted one catching up) gets a unique violation and skips.
 * The row then records status, duration, summary and error.
 *
 * A running claim holds a lease (`lease_until`) that its instance renews
 * every third of LEASE_MS while the job runs. A run whose lease ran out
 * belongs to an instance that died (a crash, kill -9, a lost machine): any
 * instance's reaper or start-up catch-up takes it over with a compare-and-set
 * (so exactly one does), and runs it again once if the job is safe to repeat
 * (a catch-up job), else records it failed.
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

/** How long a claim holds without renewal; the running instance renews it every third of this. */
export const LEASE_MS = 2 * 60_000;

/** Rows written before leases existed have none: they count as abandoned this long after they started. */
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
  /** Lease length; tests shorten it. */
  leaseMs?: number;
}

export class JobRunner {
  private readonly leaseMs: number;

  constructor(private readonly deps: JobRunnerDeps) {
    this.leaseMs = deps.leaseMs ?? LEASE_MS;
  }

  private leaseFrom(at: Date): string {
    return new Date(at.getTime() + this.leaseMs).toISOString();
  }

  /** Inserts the claim row; returns its id, or null when another run already holds the slot. */
  async claim(jobName: string, slot: string): Promise<number | null> {
    const row: Omit<JobRun, 'id'> = {
      jobName,
      slot,
      status: 'running',
      instance: this.deps.instanceId.slice(0, 80),
      startedAt: this.deps.clock.now().toISOString(),
      leaseUntil: this.leaseFrom(this.deps.clock.now()),
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
    if (!row || !this.isAbandoned(row, now)) return null;
    return this.takeOverRun(row, now);
  }

  /** Whether a row marked running has lost its instance: its lease ran out (or, without one, it started long ago). */
  isAbandoned(row: JobRun, now: Date): boolean {
    if (row.status !== 'running') return false;
    if (row.leaseUntil) return Date.parse(row.leaseUntil) < now.getTime();
    return Date.parse(row.startedAt) <= now.getTime() - ABANDONED_AFTER_MS;
  }

  private async takeOverRun(row: JobRun, now: Date): Promise<number | null> {
    const won = await this.deps.jobRuns.takeOver(row, {
      instance: this.deps.instanceId.slice(0, 80),
      startedAt: now.toISOString(),
      leaseUntil: this.leaseFrom(now),
      error: `taken over: ${row.instance.slice(0, 80)} started this run at ${row.startedAt} and never finished it`,
    });
    if (!won) return null;
    this.deps.logger.warn({ job: row.jobName, slot: row.slot, abandonedBy: row.instance, startedAt: row.startedAt }, 'taking over a job run its instance never finished');
    return row.id;
  }

  /**
   * Reaps every run whose lease ran out: a job safe to repeat (catch-up) is taken over and run again
   * here, once; any other is recorded failed (its next scheduled slot does the work). Of several
   * instances reaping at once, exactly one wins each run.
   */
  async reapExpired(jobs: readonly JobDefinition[], now: Date = this.deps.clock.now()): Promise<{ job: string; slot: string; result: SlotOutcome | 'marked-failed' }[]> {
    const out: { job: string; slot: string; result: SlotOutcome | 'marked-failed' }[] = [];
    const expired = await this.deps.jobRuns.expiredRuns(jobs.map((j) => j.name), now.toISOString(), new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString());
    for (const row of expired) {
      const job = jobs.find((j) => j.name === row.jobName);
      if (!job) continue;
      if (job.catchUp) {
        const runId = await this.takeOverRun(row, now);
        if (runId !== null) out.push({ job: row.jobName, slot: row.slot, result: await this.executeClaimed(job, runId, row.slot, now) });
        continue;
      }
      const won = await this.deps.jobRuns.takeOver(row, {
        status: 'failed',
        finishedAt: now.toISOString(),
        error: `abandoned: ${row.instance.slice(0, 80)} stopped renewing its lease (last until ${row.leaseUntil ?? 'none'}); the next slot runs instead`,
      });
      if (won) {
        this.deps.logger.warn({ job: row.jobName, slot: row.slot, abandonedBy: row.instance }, 'recorded an abandoned job run as failed');
        out.push({ job: row.jobName, slot: row.slot, result: 'marked-failed' });
      }
    }
    return out;
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
    const instance = this.deps.instanceId.slice(0, 80);
    const renew = setInterval(() => {
      this.deps.jobRuns
        .renewLease(runId, instance, this.leaseFrom(this.deps.clock.now()))
        .catch((err) => this.deps.logger.warn({ err, job: job.name }, 'could not renew the job lease'));
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    renew.unref();
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
    } finally {
      clearInterval(renew);
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
