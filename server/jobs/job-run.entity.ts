import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * One claimed slot of a scheduled job. The unique (job_name, slot) key is what
 * makes a run happen exactly once across restarts and instances: the first
 * insert wins, every other instance's insert fails and it skips the slot.
 */
export interface JobRun {
  id: number;
  jobName: string;
  slot: string; // the scheduled minute, ISO UTC
  status: 'running' | 'succeeded' | 'failed';
  instance: string;
  startedAt: string;
  /** While running: the claim holds until then and its instance renews it; after it, the run counts as abandoned. Null on rows from before leases. */
  leaseUntil?: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  summary: string | null;
  error: string | null;
}

export const JobRunEntity = new EntitySchema<JobRun>({
  name: 'JobRun',
  tableName: 'job_run',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    jobName: col.str(60, { name: 'job_name' }),
    slot: col.instant(),
    status: col.str(12),
    instance: col.str(80),
    startedAt: col.instant({ name: 'started_at' }),
    leaseUntil: col.instant({ name: 'lease_until', nullable: true }),
    finishedAt: col.instant({ name: 'finished_at', nullable: true }),
    durationMs: col.int({ name: 'duration_ms', nullable: true }),
    summary: col.text({ nullable: true }),
    error: col.text({ nullable: true }),
  },
  uniques: [{ name: 'uq_job_run_slot', columns: ['jobName', 'slot'] }],
});
