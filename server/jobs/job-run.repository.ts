/** Every query on job_run. */
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

  /** Takes a run over only if it is still running as started at `startedAt`; returns whether this call won. */
  async takeOver(run: Pick<JobRun, 'id' | 'startedAt'>, patch: Pick<JobRun, 'instance' | 'startedAt' | 'error'>): Promise<boolean> {
    const result = await this.db.transaction((em) => em.getRepository(JobRunEntity).update({ id: run.id, status: 'running', startedAt: run.startedAt }, patch));
    return result.affected === 1;
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
