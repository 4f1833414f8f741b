/**
 * Every 5 minutes: flag open work orders whose deadline is at risk (less than
 * the at-risk share of the response time left, or planned to finish after the
 * deadline) or breached, with an event row and a live update for dispatchers.
 * Only changes are written, so a quiet run writes nothing.
 */
import { In } from 'typeorm';
import type { Services } from '../composition-root.js';
import { WorkOrderEntity, type DeadlineState, type WorkOrder } from '../work-orders/work-order.entity.js';
import { SYSTEM_ACTOR } from '../work-orders/work-order.service.js';
import { OPEN_STATUSES } from '../work-orders/work-order.state.js';
import type { JobDefinition } from './job.js';

export async function deadlineStateOf(deps: Services, wo: WorkOrder, now: Date, serviceMinutes: number): Promise<DeadlineState> {
  const state = deps.sla.stateAt(wo.openedAt, wo.dueAt, now);
  if (state !== 'on_time') return state;
  const plannedFinish = wo.plannedStartAt ? Date.parse(wo.plannedStartAt) + serviceMinutes * 60_000 : null;
  return plannedFinish !== null && plannedFinish > Date.parse(wo.dueAt) ? 'at_risk' : 'on_time';
}

export const deadlineWatchJob: JobDefinition = {
  name: 'deadline-watch',
  schedule: '*/5 * * * *',
  catchUp: false,
  description: 'Flag at-risk and overdue work orders and tell dispatchers',
  async run(deps, { now, dryRun }) {
    const open = await deps.db.manager.getRepository(WorkOrderEntity).findBy({ status: In([...OPEN_STATUSES]) });
    const service = new Map((await deps.categories.list({ includeInactive: true })).map((c) => [c.code, c.serviceMinutes]));
    const flagged: { reference: string; from: DeadlineState; to: DeadlineState }[] = [];
    for (const wo of open) {
      const to = await deadlineStateOf(deps, wo, now, service.get(wo.categoryCode) ?? 20);
      if (to === wo.deadlineState) continue;
      flagged.push({ reference: wo.reference, from: wo.deadlineState, to });
      if (dryRun) continue;
      const updated = await deps.workOrders
        .changeById(wo.id, (current) => ({
          expectedVersion: current.version,
          patch: { deadlineState: to },
          event: { type: 'deadline', note: to === 'overdue' ? 'Deadline passed' : to === 'at_risk' ? 'Deadline at risk' : 'Back on time', data: { from: current.deadlineState, to, dueAt: current.dueAt } },
          actor: SYSTEM_ACTOR,
        }))
        .catch((err) => {
          deps.logger.warn({ err, workOrder: wo.reference }, 'deadline flag skipped (changed meanwhile); next run retries');
          return null;
        });
      if (updated) deps.events.publish({ type: 'deadline.changed', workOrderId: wo.id, crewId: wo.crewId, wardCode: wo.wardCode, data: { from: wo.deadlineState, to, reference: wo.reference, dueAt: wo.dueAt } });
    }
    return { open: open.length, atRisk: flagged.filter((f) => f.to === 'at_risk').length, overdue: flagged.filter((f) => f.to === 'overdue').length, changes: flagged };
  },
};
