/**
 * The dispatcher's triage actions. Each one names the version the dispatcher
 * saw (409 STALE_VERSION when someone else changed the work order first),
 * goes through the one change path (state machine + one event row), and is
 * announced after commit. Reporters hear about rejections through the
 * notifications listener, like every other closure.
 */
import type { Database } from '../../db/data-source.js';
import type { CategoryService } from '../categories/category.service.js';
import { ConflictError, NotFoundError, StaleVersionError, UnprocessableError } from '../errors.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { SlaService } from '../sla/sla.service.js';
import type { Priority, WorkOrder } from './work-order.entity.js';
import { createWorkOrder, type WorkOrderFactoryDeps } from './work-order.factory.js';
import type { Actor, WorkOrderService } from './work-order.service.js';
import { assertTransition, isOpen } from './work-order.state.js';

export const REJECT_REASONS = ['not_council_land', 'not_found', 'already_cleared', 'not_street_cleansing', 'insufficient_detail', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface TriageServiceDeps extends WorkOrderFactoryDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  workOrders: WorkOrderService;
  categories: Pick<CategoryService, 'find' | 'get'>;
  sla: Pick<SlaService, 'dueAt' | 'atRiskFrom' | 'stateAt'>;
  serviceRequestRepository: Pick<ServiceRequestRepository, 'findOfWorkOrder' | 'moveToWorkOrder'>;
  photoRepository: Pick<PhotoRepository, 'moveReportPhotosToWorkOrder'>;
}

export class TriageService {
  constructor(private readonly deps: TriageServiceDeps) {}

  accept(id: string, version: number, actor: Actor): Promise<WorkOrder> {
    return this.deps.workOrders.changeById(id, (wo) => {
      // The change path treats "to the same status" as no move; for a dispatcher it is a refusal (someone got there first).
      assertTransition(wo.status, 'accepted');
      return { expectedVersion: version, to: 'accepted', actor, event: { type: 'accepted', isPublic: true } };
    });
  }

  /** `message` is written for the reporter: it is shown on the tracking page and sent by email. */
  reject(id: string, version: number, reason: RejectReason, message: string, actor: Actor): Promise<WorkOrder> {
    return this.deps.workOrders.changeById(id, (wo) => {
      assertTransition(wo.status, 'rejected');
      return {
        expectedVersion: version,
        to: 'rejected',
        outcome: { reason, note: message },
        actor,
        event: { type: 'rejected', note: message, isPublic: true, data: { reason } },
      };
    });
  }

  changePriority(id: string, version: number, priority: Priority, actor: Actor): Promise<WorkOrder> {
    return this.deps.workOrders.changeById(id, (wo) => ({
      expectedVersion: version,
      patch: { priority },
      actor,
      event: { type: 'priority', data: { from: wo.priority, to: priority } },
    }));
  }

  addNote(id: string, version: number, note: string, actor: Actor): Promise<WorkOrder> {
    return this.deps.workOrders.changeById(id, { expectedVersion: version, actor, event: { type: 'note', note, isPublic: false } });
  }

  /** A new category brings its own deadline (from the original report time) and, for hazards, urgency. */
  async recategorise(id: string, version: number, categoryCode: string, actor: Actor): Promise<WorkOrder> {
    const d = this.deps;
    const category = await d.categories.find(categoryCode);
    if (!category || !category.active) throw new UnprocessableError('UNKNOWN_CATEGORY', `There is no active category "${categoryCode}".`, { field: 'categoryCode' });
    return d.workOrders.changeById(id, async (wo) => {
      if (!isOpen(wo.status)) throw new ConflictError('WORK_ORDER_CLOSED', 'A closed work order cannot be recategorised; reopen it first.', { status: wo.status });
      const dueAt = await d.sla.dueAt(category.slaPolicy, wo.openedAt, wo.zone);
      const priority = category.hazard ? 'urgent' : wo.priority;
      return {
        expectedVersion: version,
        patch: {
          categoryCode: category.code,
          dueAt,
          atRiskAt: d.sla.atRiskFrom(wo.openedAt, dueAt),
          deadlineState: d.sla.stateAt(wo.openedAt, dueAt, d.clock.now()),
          priority,
        },
        actor,
        event: { type: 'recategorised', data: { from: wo.categoryCode, to: category.code, dueAt: { from: wo.dueAt, to: dueAt } } },
      };
    });
  }

  /** This work order is a duplicate of `intoId`: it closes as `duplicate` and its reports (and their photos) move over. */
  async merge(id: string, version: number, intoId: string, actor: Actor): Promise<{ merged: WorkOrder; into: WorkOrder }> {
    const d = this.deps;
    if (id === intoId) throw new UnprocessableError('MERGE_INTO_SELF', 'A work order cannot be merged into itself.');
    const result = await d.db.transaction(async (em) => {
      // Lock both in a fixed order so two opposite merges cannot deadlock.
      for (const key of [id, intoId].sort()) await d.db.lock(em, `wo:${key}`);
      const source = await d.workOrders.get(id, em);
      const target = await d.workOrders.get(intoId, em).catch(() => {
        throw new UnprocessableError('MERGE_TARGET_NOT_FOUND', 'The work order to merge into does not exist.', { field: 'intoId' });
      });
      if (!isOpen(target.status)) throw new ConflictError('MERGE_TARGET_CLOSED', `${target.reference} is already closed; merge into an open work order.`, { status: target.status });
      const moved = await d.serviceRequestRepository.findOfWorkOrder(source.id, em);
      const merged = await d.workOrders.change(em, source, {
        expectedVersion: version,
        to: 'duplicate',
        patch: { mergedIntoId: target.id },
        actor,
        event: { type: 'merged', isPublic: true, data: { intoId: target.id, intoReference: target.reference, requests: moved.map((r) => r.reference) } },
      });
      const ids = moved.map((r) => r.id);
      await d.serviceRequestRepository.moveToWorkOrder(ids, target.id, em);
      await d.photoRepository.moveReportPhotosToWorkOrder(ids, target.id, em);
      // An earlier first report keeps its clock: the surviving job is due by the stricter deadline.
      const into = await d.workOrders.change(em, target, {
        patch: source.dueAt < target.dueAt ? { dueAt: source.dueAt, openedAt: source.openedAt, atRiskAt: d.sla.atRiskFrom(source.openedAt, source.dueAt) } : {},
        actor,
        event: { type: 'merged_in', data: { fromId: source.id, fromReference: source.reference, requests: moved.map((r) => r.reference) } },
      });
      return { merged, into };
    });
    d.workOrders.announce(result.merged);
    d.workOrders.announce(result.into);
    return result;
  }

  /** One report turns out to be a different problem: it gets its own new work order. */
  async split(id: string, version: number, requestId: string, actor: Actor): Promise<{ from: WorkOrder; created: WorkOrder }> {
    const d = this.deps;
    const result = await d.db.transaction(async (em) => {
      await d.db.lock(em, `wo:${id}`);
      const source = await d.workOrders.get(id, em);
      const requests = await d.serviceRequestRepository.findOfWorkOrder(id, em);
      const request = requests.find((r) => r.id === requestId);
      if (!request) throw new NotFoundError('REQUEST_NOT_FOUND', 'That report is not part of this work order.');
      if (requests.length < 2) throw new ConflictError('LAST_REQUEST', 'This is the only report on the work order; there is nothing to split it from.');
      if (source.version !== version) throw new StaleVersionError('work order', source.version);
      const category = (await d.categories.find(request.categoryCode)) ?? (await d.categories.get(source.categoryCode));
      const created = await createWorkOrder(d, em, {
        category, lat: request.lat, lng: request.lng, wardCode: request.wardCode, zone: request.zone, address: request.address,
        postcode: request.postcode, openedAt: request.createdAt, answers: request.answers, source: request.source, actor,
      });
      await d.serviceRequestRepository.moveToWorkOrder([request.id], created.id, em);
      await d.photoRepository.moveReportPhotosToWorkOrder([request.id], created.id, em);
      const from = await d.workOrders.change(em, source, {
        expectedVersion: version,
        actor,
        event: { type: 'split', data: { requestId: request.id, requestReference: request.reference, toId: created.id, toReference: created.reference } },
      });
      return { from, created };
    });
    d.workOrders.announce(result.from);
    d.workOrders.announce(result.created, 'work_order.created');
    return result;
  }
}
