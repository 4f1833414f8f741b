/**
 * What a dispatcher does to a job from its page beyond triage: reopen a closed
 * job with a reason (it goes back to planning, off any crew's day), cancel an
 * open one with a reason the reporters are told, and write a public update
 * that reaches the tracking page, the reporters' email and Open311. Each is
 * one version-checked change through WorkOrderService (409 STALE_VERSION).
 */
import { ConflictError } from '../errors.js';
import type { EventBus } from '../platform/event-bus.js';
import type { WorkOrder } from './work-order.entity.js';
import type { Actor, WorkOrderService } from './work-order.service.js';
import { isOpen } from './work-order.state.js';

export interface JobActionsDeps {
  workOrders: Pick<WorkOrderService, 'changeById'>;
  events: Pick<EventBus, 'publish'>;
}

export class JobActionsService {
  constructor(private readonly deps: JobActionsDeps) {}

  reopen(id: string, version: number, reason: string, actor: Actor): Promise<WorkOrder> {
    return this.deps.workOrders.changeById(id, (wo) => {
      if (isOpen(wo.status) && wo.version === version) throw new ConflictError('NOT_CLOSED', 'This job is still open; only a closed job can be reopened.');
      return {
        expectedVersion: version,
        to: 'reopened',
        patch: { crewId: null, routeDate: null, routePosition: null, plannedStartAt: null, mergedIntoId: null },
        event: { type: 'reopened', note: reason, data: { previousStatus: wo.status, previousCrewId: wo.crewId } },
        actor,
      };
    });
  }

  async cancel(id: string, version: number, reason: string, actor: Actor): Promise<WorkOrder> {
    let day: { crewId: string; date: string } | null = null;
    const wo = await this.deps.workOrders.changeById(id, (wo) => {
      day = wo.crewId && wo.routeDate ? { crewId: wo.crewId, date: wo.routeDate } : null;
      return { expectedVersion: version, to: 'cancelled', outcome: { reason: 'cancelled', note: reason }, event: { type: 'cancelled', note: reason, isPublic: true }, actor };
    });
    const left = day as { crewId: string; date: string } | null;
    if (left) this.deps.events.publish({ type: 'route.changed', crewId: left.crewId, data: { date: left.date } });
    return wo;
  }

  async publicUpdate(id: string, version: number, message: string, actor: Actor): Promise<WorkOrder> {
    const wo = await this.deps.workOrders.changeById(id, { expectedVersion: version, event: { type: 'public_update', note: message, isPublic: true, data: { publicNote: message } }, actor });
    // Reporters are emailed by ReporterNotifications, which hears this.
    this.deps.events.publish({ type: 'work_order.public_update', workOrderId: wo.id, wardCode: wo.wardCode, data: { version: wo.version, message } });
    return wo;
  }
}
