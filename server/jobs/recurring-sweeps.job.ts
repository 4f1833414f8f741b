/** Every 5 minutes: open a work order for each sweep occurrence that has come round (once per occurrence, on any number of instances). */
import type { SweepService } from '../scheduling/sweep.service.js';
import type { JobDefinition } from './job.js';

export function recurringSweepsJob(sweeps: Pick<SweepService, 'runDueSweeps'>): JobDefinition {
  return {
    name: 'recurring-sweeps',
    schedule: '*/5 * * * *',
    catchUp: true,
    description: 'Open a work order for every recurring-sweep occurrence that is due',
    run: ({ now, dryRun }) => sweeps.runDueSweeps(now, dryRun),
  };
}
