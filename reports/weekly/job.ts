/**
 * The scheduled jobs: Monday 07:00 (UK time) renders, archives and emails
 * last week's report for every ward with a councillor; every ten minutes the
 * retry job sends deliveries whose back-off has passed. Both are plain
 * `run(deps, {now})` functions, runnable with `npm run job -- <name>`.
 */
import type { Services } from '../../server/composition-root.js';
import type { JobDefinition } from '../../server/jobs/job.js';
import { ensureArchived, findArchived } from './archive.js';
import { loadWeekRows } from './data.js';
import { preparePrintPhotos } from './print-photos.js';
import { createDeliveries, recipientsOf, sendDueDeliveries, subscribedWards } from './delivery.js';
import { previousWeek } from './week.js';

export async function runWeeklyWardReports(deps: Services, ctx: { now: Date; dryRun: boolean }) {
  const week = previousWeek(ctx.now, deps.config.timeZone);
  const wards = await subscribedWards(deps);
  if (ctx.dryRun) {
    const plan = [];
    for (const ward of wards) plan.push({ ward, archived: Boolean(await findArchived(deps, ward, week.label)), recipients: (await recipientsOf(deps, ward)).length });
    return { week: week.label, wards: wards.length, dryRun: true, plan };
  }
  // One pair of queries for the whole council; each ward is then assembled from memory.
  const rows = await loadWeekRows(deps.db, week.label, deps.config.timeZone);
  let rendered = 0;
  let deliveriesCreated = 0;
  for (const [i, ward] of wards.entries()) {
    const { created } = await ensureArchived(deps, ward, week.label, { rows });
    if (created) rendered += 1;
    deliveriesCreated += await createDeliveries(deps, ward, week.label);
    deps.logger.info({ job: 'weekly-ward-reports', week: week.label, ward, progress: `ward ${i + 1}/${wards.length}` }, `weekly report ward ${i + 1}/${wards.length}`);
  }
  const sent = await sendDueDeliveries(deps, ctx.now);
  return { week: week.label, wards: wards.length, rendered, reused: wards.length - rendered, deliveriesCreated, ...sent };
}

export const weeklyWardReportsJob = (deps: Services): JobDefinition => ({
  name: 'weekly-ward-reports',
  schedule: '0 7 * * 1',
  catchUp: true,
  description: 'Render, archive and email last week’s PDF report to each ward’s councillors (Monday 07:00).',
  run: (ctx) => runWeeklyWardReports(deps, ctx),
});

export const weeklyReportRetriesJob = (deps: Services): JobDefinition => ({
  name: 'weekly-report-deliveries',
  schedule: '*/10 * * * *',
  catchUp: false,
  description: 'Send weekly-report emails that are due again after a failed attempt, and prepare print copies of the week’s evidence photos.',
  run: async (ctx) => {
    if (ctx.dryRun) return { dryRun: true };
    const sent = await sendDueDeliveries(deps, ctx.now);
    // Spread the photo work over the week so Monday's render only embeds ready files.
    const printCopiesMade = await preparePrintPhotos(deps, previousWeek(ctx.now, deps.config.timeZone).start);
    return { ...sent, printCopiesMade };
  },
});
