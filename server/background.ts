/**
 * What runs beside HTTP in a server process: the cron scheduler. Catch-up of
 * slots missed while the service was down runs first, then node-cron takes
 * over. CRON_ENABLED=false (always so under test) schedules nothing.
 * Returns a stop function.
 */
import type { Services } from './composition-root.js';
import { JobScheduler } from './jobs/scheduler.js';

export async function startBackground(deps: Services): Promise<() => Promise<void>> {
  if (!deps.config.cronEnabled) {
    deps.logger.info('cron disabled (CRON_ENABLED=false): no jobs scheduled');
    return async () => {};
  }
  const scheduler = new JobScheduler(deps, deps.jobs);
  scheduler.start();
  // Catch-up runs in the background so a slow job does not hold up readiness.
  void scheduler.catchUp().catch((err) => deps.logger.error({ err }, 'job catch-up failed'));
  return () => scheduler.stop();
}
