/**
 * The one way a work order changes: load, check the expected version, check
 * the transition against the state machine and set the fields it says the new
 * status sets (closedAt, startedAt, outcome…), write the row with version+1
 * (guarded by `WHERE version = expected`, so two racing writers cannot both
 * win), write one event row, and tell live listeners after commit.
 * Dispatcher actions, the crew API, the planner and Open311 all call `change`.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { InsertPlan } from '../../db/row-sql.js';
import type { Config } from '../config.js';
import { NotFoundError, StaleVersionError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import type { WorkOrder, WorkOrderEvent } from './work-order.entity.js';
import type { WorkOrderRepository } from './work-order.repository.js';
import { assertTransition, TRANSITION_EFFECTS, type TransitionContext, type WorkOrderStatus } from './work-order.state.js';

export interface Actor {
  userId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, label: 'Kerbside (automatic)' });

/** An event to add to a work order's history. */
export interface NewEvent {
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actor: Actor;
  note?: string | null;
  isPublic?: boolean;
  data?: Record<string, unknown> | null;
}

export interface ChangeSpec {
  /** When given, the caller's copy must still be current (else 409 STALE_VERSION). */
  expectedVersion?: number;
  /**
   * New status; checked against the state machine, and its fields set as the
   * state machine says (closedAt, startedAt…), even when the work order is
   * already in it. Omit for changes that keep the status and its fields.
   */
  to?: WorkOrderStatus;
  /** When the change happened, for the status's fields (default: now). */
  at?: string;
  /** Why the work order closed, for the status's outcome fields. */
  outcome?: TransitionContext['outcome'];
  /** Other fields to set (never id/version/status); they win over the status's own. */
  patch?: Partial<Omit<WorkOrder, 'id' | 'version' | 'status'>>;
  event: { type: string; note?: string | null; isPublic?: boolean; data?: Record<string, unknown> | null };
  actor: Actor;
}

export class WorkOrderService {
  constructor(
    private readonly db: Pick<Database, 'transaction' | 'lock' | 'manager'>,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly config: Pick<Config, 'atRiskShare'>,
    private readonly repo: Pick<WorkOrderRepository, 'findById' | 'insertMany' | 'updateIfVersion' | 'insertEvent' | 'insertEvents' | 'eventsOf'>,
  ) {}

  async get(id: string, em: EntityManager = this.db.manager): Promise<WorkOrder> {
    const wo = await this.repo.findById(id, em);
    if (!wo) throw new NotFoundError('WORK_ORDER_NOT_FOUND', 'There is no such work order.');
    return wo;
  }

  /** Runs `change` in its own transaction and publishes the live event after commit. */
  async changeById(id: string, spec: ChangeSpec | ((wo: WorkOrder) => ChangeSpec | Promise<ChangeSpec>)): Promise<WorkOrder> {
    const updated = await this.db.transaction(async (em) => {
      await this.db.lock(em, `wo:${id}`);
      const wo = await this.get(id, em);
      return this.change(em, wo, typeof spec === 'function' ? await spec(wo) : spec);
    });
    this.announce(updated);
    return updated;
  }

  /** Inside a caller's transaction. The caller publishes with `announce` after commit. */
  async change(em: EntityManager, wo: WorkOrder, spec: ChangeSpec): Promise<WorkOrder> {
    if (spec.expectedVersion !== undefined && spec.expectedVersion !== wo.version) throw new StaleVersionError('work order', wo.version);
    const from = wo.status;
    if (spec.to && spec.to !== from) assertTransition(from, spec.to);
    const now = this.clock.now().toISOString();
    const effects = spec.to ? TRANSITION_EFFECTS[spec.to]({ at: spec.at ?? now, outcome: spec.outcome }) : {};
    const next: WorkOrder = { ...wo, ...effects, ...(spec.patch ?? {}), status: spec.to ?? from, updatedAt: now, version: wo.version + 1 };
    if (!(await this.repo.updateIfVersion(next, wo.version, em))) {
      const current = await this.get(wo.id, em);
      throw new StaleVersionError('work order', current.version);
    }
    await this.addEvent(em, wo.id, {
      type: spec.event.type,
      fromStatus: spec.to && spec.to !== from ? from : null,
      toStatus: spec.to && spec.to !== from ? spec.to : null,
      actor: spec.actor,
      note: spec.event.note ?? null,
      isPublic: spec.event.isPublic ?? false,
      data: spec.event.data ?? null,
    });
    return next;
  }

  async addEvent(em: EntityManager, workOrderId: string, e: NewEvent): Promise<void> {
    await this.repo.insertEvent(this.eventRow(workOrderId, e), em);
  }

  /** Several events at once, in the order given (now, or as part of a plan written later). */
  async addEvents(target: EntityManager | InsertPlan, events: { workOrderId: string; event: NewEvent }[]): Promise<void> {
    await this.repo.insertEvents(events.map((e) => this.eventRow(e.workOrderId, e.event)), target);
  }

  private eventRow(workOrderId: string, e: NewEvent): Omit<WorkOrderEvent, 'id'> {
    return {
      workOrderId,
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      actorUserId: e.actor.userId,
      actorLabel: e.actor.label,
      note: e.note ?? null,
      isPublic: e.isPublic ?? false,
      data: e.data ?? null,
      createdAt: this.clock.now().toISOString(),
    };
  }

  /** Stores work orders the factory built, each with its first event, then `thenEvents` (in the same statement). */
  async insertMany(
    target: EntityManager | InsertPlan,
    created: { wo: WorkOrder; created: { actor: Actor; data: Record<string, unknown> } }[],
    thenEvents: { workOrderId: string; event: NewEvent }[] = [],
  ): Promise<void> {
    await this.repo.insertMany(created.map((c) => c.wo), target);
    await this.addEvents(target, [
      ...created.map((c) => ({ workOrderId: c.wo.id, event: { type: 'created', toStatus: c.wo.status, actor: c.created.actor, isPublic: true, data: c.created.data } })),
      ...thenEvents,
    ]);
  }

  announce(wo: WorkOrder, type = 'work_order.updated'): void {
    this.events.publish(this.liveEventOf(wo, type));
  }

  /** What the live streams are told of a work order's change. */
  liveEventOf(wo: WorkOrder, type = 'work_order.updated'): LiveEvent {
    return { type, workOrderId: wo.id, crewId: wo.crewId, wardCode: wo.wardCode, data: { status: wo.status, version: wo.version, categoryCode: wo.categoryCode } };
  }

  /**
   * Live events of work orders about to be written with `plan` (EventBus.publishWith: on PostgreSQL they
   * commit with it). Call each function returned once the plan has committed.
   */
  announceWith(plan: InsertPlan, changed: { wo: WorkOrder; type: string }[]): (() => void)[] {
    return this.events.publishWith(plan, changed.map(({ wo, type }) => this.liveEventOf(wo, type)));
  }

  async eventsOf(workOrderId: string, em: EntityManager = this.db.manager): Promise<WorkOrderEvent[]> {
    return this.repo.eventsOf(workOrderId, em);
  }

  get atRiskShare(): number {
    return this.config.atRiskShare;
  }
}
