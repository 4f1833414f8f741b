/**
 * Manual dispatch: assign a work order to a crew's day at a position, move it
 * to another crew or position, or take it off. Every change goes through the
 * work-order change path (version check → 409 STALE_VERSION, state machine →
 * 409 INVALID_TRANSITION, one event row), and a crew without the category's
 * skill is refused with 422 SKILL_REQUIRED. Positions are 1-based and dense
 * within a crew's day; shifting neighbours is recorded on them too.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { CategoryService } from '../categories/category.service.js';
import { ConflictError, StaleVersionError, UnprocessableError } from '../errors.js';
import type { EventBus } from '../platform/event-bus.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Actor, WorkOrderService } from '../work-orders/work-order.service.js';
import { assertTransition } from '../work-orders/work-order.state.js';
import type { Crew } from './crew.entity.js';
import type { CrewService } from './crew.service.js';

export interface AssignInput {
  crewId: string;
  version: number;
  /** 1 = first job of the day; omitted or past the end = last. */
  position?: number;
  /** YYYY-MM-DD, Europe/London; default today. */
  date?: string;
}

/** What DispatchService uses. */
export interface DispatchServiceDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  workOrders: Pick<WorkOrderService, 'get' | 'change' | 'announce'>;
  workOrderRepo: Pick<WorkOrderRepository, 'findCrewDay'>;
  crews: Pick<CrewService, 'get' | 'today'>;
  categories: Pick<CategoryService, 'get'>;
  events: Pick<EventBus, 'publish'>;
}

export class DispatchService {
  constructor(private readonly deps: DispatchServiceDeps) {}

  private async assertSkill(crew: Crew, categoryCode: string): Promise<void> {
    const category = await this.deps.categories.get(categoryCode);
    if (!crew.skills.includes(category.requiredSkill as Crew['skills'][number])) {
      throw new UnprocessableError('SKILL_REQUIRED', `${crew.name} cannot take ${category.name} jobs: it needs the "${category.requiredSkill}" skill.`, {
        requiredSkill: category.requiredSkill,
        crewSkills: crew.skills,
      });
    }
  }

  async assign(workOrderId: string, input: AssignInput, actor: Actor): Promise<WorkOrder> {
    const crew = await this.deps.crews.get(input.crewId);
    if (!crew.active) throw new ConflictError('CREW_INACTIVE', `${crew.name} is retired and cannot take work.`);
    const date = input.date ?? this.deps.crews.today();
    const touched: WorkOrder[] = [];
    const previous: { day: { crewId: string; date: string } | null } = { day: null };
    const updated = await this.deps.db.transaction(async (em) => {
      await this.deps.db.lock(em, `wo:${workOrderId}`);
      let wo = await this.deps.workOrders.get(workOrderId, em);
      previous.day = wo.crewId && wo.routeDate ? { crewId: wo.crewId, date: wo.routeDate } : null;
      // Checked before anything else so the loser of a race hears STALE_VERSION, not a side effect of the winner's move.
      if (wo.version !== input.version) throw new StaleVersionError('work order', wo.version);
      await this.assertSkill(crew, wo.categoryCode);
      const sameDay = wo.crewId === crew.id && wo.routeDate === date;
      if (!sameDay && wo.status === 'in_progress') {
        throw new ConflictError('WORK_IN_PROGRESS', 'This job is in progress; the crew must finish or hand it back before it moves.');
      }
      await this.lockDay(em, crew.id, date);
      if (wo.crewId && wo.routeDate && !sameDay) await this.lockDay(em, wo.crewId, wo.routeDate);
      const from = { crewId: wo.crewId, date: wo.routeDate, position: wo.routePosition };
      let expectedVersion: number | undefined = input.version;
      if (wo.status === 'new') {
        // Assigning an untriaged job is the dispatcher accepting it: recorded as its own step.
        wo = await this.deps.workOrders.change(em, wo, { expectedVersion, to: 'accepted', event: { type: 'status', note: 'Accepted on assignment' }, actor });
        expectedVersion = undefined;
      }
      const to = wo.status === 'assigned' || wo.status === 'in_progress' ? undefined : 'assigned';
      // The state machine words the refusal for closed jobs (409 INVALID_TRANSITION) before any neighbour moves.
      if (to) assertTransition(wo.status, to);
      const dayList = (await this.dayList(em, crew.id, date)).filter((o) => o.id !== wo.id);
      const index = Math.max(0, Math.min((input.position ?? dayList.length + 1) - 1, dayList.length));
      wo = await this.deps.workOrders.change(em, wo, {
        expectedVersion,
        to,
        patch: { crewId: crew.id, routeDate: date, routePosition: index + 1, plannedStartAt: sameDay ? wo.plannedStartAt : null },
        event: {
          type: sameDay ? 'route_position' : 'assigned',
          note: sameDay ? `Moved to position ${index + 1}` : `Assigned to ${crew.name} for ${date}`,
          isPublic: !sameDay && !from.crewId,
          data: { crewId: crew.id, crewName: crew.name, date, position: index + 1, from },
        },
        actor,
      });
      dayList.splice(index, 0, wo);
      touched.push(...(await this.renumber(em, dayList, actor, wo.id)));
      if (from.crewId && from.date && !sameDay) {
        touched.push(...(await this.renumber(em, await this.dayList(em, from.crewId, from.date), actor)));
      }
      return wo;
    });
    this.announce(updated, touched, [{ crewId: crew.id, date }]);
    const left = previous.day;
    if (left && (left.crewId !== crew.id || left.date !== date)) this.announceLeft(updated, left);
    return updated;
  }

  async unassign(workOrderId: string, version: number, actor: Actor): Promise<WorkOrder> {
    const touched: WorkOrder[] = [];
    let day: { crewId: string; date: string } | null = null;
    const updated = await this.deps.db.transaction(async (em) => {
      await this.deps.db.lock(em, `wo:${workOrderId}`);
      const wo = await this.deps.workOrders.get(workOrderId, em);
      if (wo.version === version && !wo.crewId) throw new ConflictError('NOT_ASSIGNED', 'This job is not assigned to a crew.');
      if (wo.crewId && wo.routeDate) {
        day = { crewId: wo.crewId, date: wo.routeDate };
        await this.lockDay(em, wo.crewId, wo.routeDate);
      }
      const next = await this.deps.workOrders.change(em, wo, {
        expectedVersion: version,
        to: 'accepted',
        patch: { crewId: null, routeDate: null, routePosition: null, plannedStartAt: null },
        event: { type: 'unassigned', note: 'Taken off the crew’s day', data: { from: { crewId: wo.crewId, date: wo.routeDate, position: wo.routePosition } } },
        actor,
      });
      if (day) touched.push(...(await this.renumber(em, await this.dayList(em, day.crewId, day.date), actor)));
      return next;
    });
    this.announce(updated, touched, []);
    if (day) this.announceLeft(updated, day);
    return updated;
  }

  /** Work orders on one crew's day in route order. */
  private dayList(em: EntityManager, crewId: string, date: string): Promise<WorkOrder[]> {
    return this.deps.workOrderRepo.findCrewDay(crewId, date, em);
  }

  private lockDay(em: EntityManager, crewId: string, date: string): Promise<void> {
    return this.deps.db.lock(em, `crewday:${crewId}:${date}`);
  }

  /** Makes positions 1..n in list order, recording the shift on each neighbour that moved. */
  private async renumber(em: EntityManager, list: WorkOrder[], actor: Actor, skipId?: string): Promise<WorkOrder[]> {
    const changed: WorkOrder[] = [];
    for (const [i, wo] of list.entries()) {
      if (wo.id === skipId || wo.routePosition === i + 1) continue;
      changed.push(
        await this.deps.workOrders.change(em, wo, {
          patch: { routePosition: i + 1 },
          event: { type: 'route_position', note: `Now job ${i + 1} of the day`, data: { position: i + 1 } },
          actor,
        }),
      );
    }
    return changed;
  }

  /** The crew a job left hears about it too (its live stream filters on crew). */
  private announceLeft(wo: WorkOrder, day: { crewId: string; date: string }): void {
    this.deps.events.publish({ type: 'work_order.left_route', workOrderId: wo.id, crewId: day.crewId, wardCode: wo.wardCode, data: { date: day.date, status: wo.status } });
    this.deps.events.publish({ type: 'route.changed', crewId: day.crewId, data: { date: day.date } });
  }

  private announce(main: WorkOrder, touched: WorkOrder[], days: { crewId: string; date: string }[]): void {
    this.deps.workOrders.announce(main, 'work_order.assignment');
    for (const wo of touched) this.deps.workOrders.announce(wo);
    for (const d of days) this.deps.events.publish({ type: 'route.changed', crewId: d.crewId, data: { date: d.date } });
  }
}
