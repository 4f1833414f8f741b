/** Every query on job_run. */
import { In, IsNull, LessThan } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { JobRunEntity, type JobRun } from './job-run.entity.js';

export class JobRunRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a claim row in its own transaction and returns its id; a second claim of the same (job, slot) fails with a unique violation. */
  async insertClaim(row: Omit<JobRun, 'id'>): Promise<number> {
    // Its own transaction: on PostgreSQL a unique violation aborts only this one; on SQLite it queues behind other writers.
    const result = await this.db.transaction((em) => em.getRepository(JobRunEntity).insert(row as never));
    return Number(result.identifiers[0]?.id);
  }

  findRun(jobName: string, slot: string): Promise<JobRun | null> {
    return this.db.manager.getRepository(JobRunEntity).findOneBy({ jobName, slot });
  }

  /**
   * Takes a run over only if it is still running exactly as read (same start, same lease: its owner has
   * not renewed it meanwhile, and no other instance took it first); returns whether this call won.
   */
  async takeOver(run: Pick<JobRun, 'id' | 'startedAt' | 'leaseUntil'>, patch: Partial<Pick<JobRun, 'instance' | 'startedAt' | 'leaseUntil' | 'error' | 'status' | 'finishedAt'>>): Promise<boolean> {
    const result = await this.db.transaction((em) =>
      em.getRepository(JobRunEntity).update({ id: run.id, status: 'running', startedAt: run.startedAt, leaseUntil: run.leaseUntil ?? IsNull() }, patch),
    );
    return result.affected === 1;
  }

  /** Extends a running claim's lease, if this instance still holds it. */
  async renewLease(id: number, instance: string, leaseUntil: string): Promise<boolean> {
    const result = await this.db.transaction((em) => em.getRepository(JobRunEntity).update({ id, status: 'running', instance }, { leaseUntil }));
    return result.affected === 1;
  }

  /** Runs of these jobs still marked running whose lease ran out before `now` (or, for rows without a lease, that started before `startedBefore`). */
  async expiredRuns(jobNames: string[], now: string, startedBefore: string): Promise<JobRun[]> {
    if (!jobNames.length) return [];
    const repo = this.db.manager.getRepository(JobRunEntity);
    return repo.find({
      where: [
        { jobName: In(jobNames), status: 'running', leaseUntil: LessThan(now) },
        { jobName: In(jobNames), status: 'running', leaseUntil: IsNull(), startedAt: LessThan(startedBefore) },
      ],
      order: { id: 'ASC' },
      take: 100,
    });
  }

  async finish(id: number, outcome: Pick<JobRun, 'status' | 'finishedAt' | 'durationMs'> & Partial<Pick<JobRun, 'summary' | 'error'>>): Promise<void> {
    await this.db.transaction((em) => em.getRepository(JobRunEntity).update({ id }, outcome));
  }

  async countRuns(jobName: string, slot: string): Promise<number> {
    return this.db.manager.getRepository(JobRunEntity).countBy({ jobName, slot });
  }

  runsOf(jobName: string): Promise<JobRun[]> {
    return this.db.manager.getRepository(JobRunEntity).find({ where: { jobName }, order: { slot: 'ASC' } });
  }
}
