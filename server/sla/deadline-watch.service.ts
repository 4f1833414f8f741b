/**
 * Flags open work orders whose deadline is at risk (less than the at-risk
 * share of the response time left, or planned to finish after the deadline)
 * or breached, with an event row and a live update for dispatchers. Only
 * changes are written, so a quiet run writes nothing.
 */
import type { Logger } from 'pino';
import type { CategoryService } from '../categories/category.service.js';
import type { EventBus } from '../platform/event-bus.js';
import type { DeadlineState, WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { SYSTEM_ACTOR, type WorkOrderService } from '../work-orders/work-order.service.js';
import { OPEN_STATUSES } from '../work-orders/work-order.state.js';
import type { SlaService } from './sla.service.js';

/** What DeadlineWatchService uses. */
export interface DeadlineWatchDeps {
  workOrderRepo: Pick<WorkOrderRepository, 'findWithStatus'>;
  workOrders: Pick<WorkOrderService, 'changeById'>;
  categories: Pick<CategoryService, 'list'>;
  sla: Pick<SlaService, 'stateAt'>;
  events: Pick<EventBus, 'publish'>;
  logger: Logger;
}

export interface DeadlineFlag {
  reference: string;
  from: DeadlineState;
  to: DeadlineState;
}

export class DeadlineWatchService {
  constructor(private readonly deps: DeadlineWatchDeps) {}

  /** The state a work order should show at `now`: the SLA's, or at risk when its planned finish is after the deadline. */
  private stateOf(wo: WorkOrder, now: Date, serviceMinutes: number): DeadlineState {
    const state = this.deps.sla.stateAt(wo.openedAt, wo.dueAt, now);
    if (state !== 'on_time') return state;
    const plannedFinish = wo.plannedStartAt ? Date.parse(wo.plannedStartAt) + serviceMinutes * 60_000 : null;
    return plannedFinish !== null && plannedFinish > Date.parse(wo.dueAt) ? 'at_risk' : 'on_time';
  }

  /** Re-flags every open work order whose state changed; with `dryRun` only reports what would change. */
  async flagDeadlines(now: Date, dryRun: boolean): Promise<{ open: number; atRisk: number; overdue: number; changes: DeadlineFlag[] }> {
    const { workOrders, events, logger } = this.deps;
    const open = await this.deps.workOrderRepo.findWithStatus(OPEN_STATUSES);
    const service = new Map((await this.deps.categories.list({ includeInactive: true })).map((c) => [c.code, c.serviceMinutes]));
    const flagged: DeadlineFlag[] = [];
    for (const wo of open) {
      const to = this.stateOf(wo, now, service.get(wo.categoryCode) ?? 20);
      if (to === wo.deadlineState) continue;
      flagged.push({ reference: wo.reference, from: wo.deadlineState, to });
      if (dryRun) continue;
      const updated = await workOrders
        .changeById(wo.id, (current) => ({
          expectedVersion: current.version,
          patch: { deadlineState: to },
          event: { type: 'deadline', note: to === 'overdue' ? 'Deadline passed' : to === 'at_risk' ? 'Deadline at risk' : 'Back on time', data: { from: current.deadlineState, to, dueAt: current.dueAt } },
          actor: SYSTEM_ACTOR,
        }))
        .catch((err) => {
          logger.warn({ err, workOrder: wo.reference }, 'deadline flag skipped (changed meanwhile); next run retries');
          return null;
        });
      if (updated) events.publish({ type: 'deadline.changed', workOrderId: wo.id, crewId: wo.crewId, wardCode: wo.wardCode, data: { from: wo.deadlineState, to, reference: wo.reference, dueAt: wo.dueAt } });
    }
    return { open: open.length, atRisk: flagged.filter((f) => f.to === 'at_risk').length, overdue: flagged.filter((f) => f.to === 'overdue').length, changes: flagged };
  }
}
