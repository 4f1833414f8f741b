/** Every 5 minutes: open a work order for each sweep occurrence that has come round (once per occurrence, on any number of instances). */
import type { JobDefinition } from './job.js';

export const recurringSweepsJob: JobDefinition = {
  name: 'recurring-sweeps',
  schedule: '*/5 * * * *',
  catchUp: true,
  description: 'Open a work order for every recurring-sweep occurrence that is due',
  async run(deps, { now, dryRun }) {
    return deps.sweeps.runDueSweeps(now, dryRun);
  },
};
