/** Every 5 minutes: flag at-risk and overdue work orders and tell dispatchers (the rules are DeadlineWatchService's). */
import type { DeadlineWatchService } from '../sla/deadline-watch.service.js';
import type { JobDefinition } from './job.js';

export function deadlineWatchJob(deadlines: Pick<DeadlineWatchService, 'flagDeadlines'>): JobDefinition {
  return {
    name: 'deadline-watch',
    schedule: '*/5 * * * *',
    catchUp: false,
    description: 'Flag at-risk and overdue work orders and tell dispatchers',
    run: ({ now, dryRun }) => deadlines.flagDeadlines(now, dryRun),
  };
}
