/** 06:00 every day: plan every crew's day (a draft for the dispatcher, or published when the `planner` setting says autoPublish). */
import { localParts } from '../sla/local-time.js';
import { SYSTEM_ACTOR } from '../work-orders/work-order.service.js';
import type { JobDefinition } from './job.js';

export const planDayJob: JobDefinition = {
  name: 'plan-day',
  schedule: '0 6 * * *',
  catchUp: true,
  description: "Plan every crew's day (draft, or auto-publish per the planner setting)",
  async run(deps, { now, dryRun }) {
    const date = localParts(now, deps.config.timeZone).date;
    const plan = await deps.planner.planDay(date, { trigger: 'cron', actor: SYSTEM_ACTOR, dryRun });
    return { date, planId: dryRun ? null : plan.id, status: plan.status, planned: plan.summary.planned, late: plan.summary.late.length, unplanned: plan.summary.unplanned.length };
  },
};
