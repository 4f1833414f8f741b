/**
 * Plans crews' days with the VRPTW solver and publishes plans onto work
 * orders. A plan is first a draft (route_plan) a dispatcher can look at;
 * publishing assigns each job through the work-order change path, skipping
 * any job someone changed since the plan was made. Settings (key `planner`):
 * autoPublish, timeLimitMs, streetFactor, speedKmh, crewCostM, seed and
 * serviceMinutes (per category code, overriding the category's own figure).
 */
import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { FLY_TIP_SIZE_VOLUME } from '../categories/defra.js';
import type { Services } from '../composition-root.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { SettingEntity } from '../settings/setting.entity.js';
import { localParts } from '../sla/local-time.js';
import { WorkOrderEntity, type WorkOrder } from '../work-orders/work-order.entity.js';
import type { Actor } from '../work-orders/work-order.service.js';
import { planDayRoutes, type PlanCrew, type PlanJob } from './day-problem.js';
import { RoutePlanEntity, type PlannedAssignment, type RoutePlan } from './scheduling.entity.js';

export interface PlannerSettings {
  autoPublish: boolean;
  timeLimitMs: number;
  streetFactor: number;
  speedKmh: number;
  /** What using one more crew costs, in metres of driving: the planner prefers fewer crews unless it saves more than this. */
  crewCostM: number;
  seed: number;
  /** Minutes on site per category code, where the council's experience differs from the category default. */
  serviceMinutes: Record<string, number>;
}

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = Object.freeze({ autoPublish: false, timeLimitMs: 1_500, streetFactor: 1.3, speedKmh: 16, crewCostM: 3_000, seed: 1, serviceMinutes: {} });
export const PLANNER_SETTING_KEY = 'planner';

/** Statuses a planner may (re)place on a day; in-progress work stays where it is. */
const PLANNABLE = ['accepted', 'scheduled', 'reopened', 'assigned'] as const;

export function demandOf(wo: WorkOrder): number {
  const size = wo.wasteData?.size;
  return size ? (FLY_TIP_SIZE_VOLUME[size] ?? 1) : 1;
}

export class PlannerService {
  constructor(private readonly deps: () => Services) {}

  async settings(): Promise<PlannerSettings> {
    const row = await this.deps().db.manager.getRepository(SettingEntity).findOneBy({ key: PLANNER_SETTING_KEY });
    return { ...DEFAULT_PLANNER_SETTINGS, ...((row?.value as Partial<PlannerSettings>) ?? {}) };
  }

  /** Work orders that belong on `date`: unplaced open work, and what is already on that day but not started. */
  async plannableWorkOrders(date: string): Promise<WorkOrder[]> {
    const repo = this.deps().db.manager.getRepository(WorkOrderEntity);
    const unplaced = await repo.find({ where: { status: In([...PLANNABLE]), routeDate: IsNull(), mergedIntoId: IsNull() } });
    const onDay = await repo.find({ where: { status: In([...PLANNABLE]), routeDate: date } });
    return [...unplaced, ...onDay].sort((a, b) => a.reference.localeCompare(b.reference));
  }

  /** With `dryRun` the plan is computed and returned but not stored, published or announced. */
  async planDay(date: string, opts: { trigger: RoutePlan['trigger']; actor: Actor; dryRun?: boolean }): Promise<RoutePlan> {
    const deps = this.deps();
    const settings = await this.settings();
    const now = deps.clock.now();
    const isToday = localParts(now, deps.config.timeZone).date === date;
    const crews: PlanCrew[] = [];
    for (const crew of await deps.crews.list()) {
      const shift = deps.crews.shiftOn(crew, date);
      if (!shift) continue;
      const start = Math.max(Date.parse(shift.start), isToday ? now.getTime() : 0);
      if (start >= Date.parse(shift.end)) continue;
      crews.push({ id: crew.id, depotLat: crew.depotLat, depotLng: crew.depotLng, capacity: crew.capacity, skills: crew.skills, shiftStart: start, shiftEnd: Date.parse(shift.end) });
    }
    const workOrders = await this.plannableWorkOrders(date);
    const categories = new Map((await deps.categories.list({ includeInactive: true })).map((c) => [c.code, c]));
    const jobs: PlanJob[] = workOrders.map((wo) => {
      const category = categories.get(wo.categoryCode);
      return {
        id: wo.id,
        lat: wo.lat,
        lng: wo.lng,
        serviceMinutes: settings.serviceMinutes[wo.categoryCode] ?? category?.serviceMinutes ?? 20,
        demand: demandOf(wo),
        requiredSkill: category?.requiredSkill ?? 'general',
        readyAt: Date.parse(wo.openedAt),
        dueAt: Date.parse(wo.dueAt),
      };
    });
    const plan = planDayRoutes(jobs, crews, {
      travel: { streetFactor: settings.streetFactor, speedKmh: settings.speedKmh },
      seed: settings.seed,
      timeLimitMs: settings.timeLimitMs,
      maxIterations: 5_000,
      vehicleCost: settings.crewCostM,
    });
    const byId = new Map(workOrders.map((wo) => [wo.id, wo]));
    const assignments: PlannedAssignment[] = plan.routes.flatMap((r) =>
      r.stops.map((s) => ({ workOrderId: s.jobId, version: byId.get(s.jobId)!.version, crewId: r.crewId, position: s.position, plannedStartAt: new Date(s.plannedStartAt).toISOString(), late: s.late })),
    );
    const row: RoutePlan = {
      id: randomUUID(),
      routeDate: date,
      status: 'draft',
      trigger: opts.trigger,
      createdAt: now.toISOString(),
      createdBy: opts.actor.label,
      publishedAt: null,
      publishedBy: null,
      summary: { jobs: jobs.length, planned: assignments.length, late: plan.late, unplanned: plan.unplanned, crewsUsed: plan.crewsUsed, distanceKm: Math.round(plan.distanceM / 100) / 10, elapsedMs: plan.elapsedMs },
      assignments,
    };
    if (opts.dryRun) return row;
    await deps.db.transaction(async (em) => {
      await em.getRepository(RoutePlanEntity).update({ routeDate: date, status: 'draft' }, { status: 'superseded' });
      await em.getRepository(RoutePlanEntity).insert(row as never);
    });
    deps.events.publish({ type: 'plan.drafted', data: { planId: row.id, date, planned: assignments.length, unplanned: plan.unplanned.length } });
    if (opts.trigger === 'cron' && settings.autoPublish) return this.publish(row.id, opts.actor);
    return row;
  }

  async get(id: string): Promise<RoutePlan> {
    const plan = await this.deps().db.manager.getRepository(RoutePlanEntity).findOneBy({ id });
    if (!plan) throw new NotFoundError('PLAN_NOT_FOUND', 'There is no such plan.');
    return plan;
  }

  async list(date: string): Promise<RoutePlan[]> {
    return this.deps().db.manager.getRepository(RoutePlanEntity).find({ where: { routeDate: date }, order: { createdAt: 'DESC' } });
  }

  /** Puts a draft onto the crews' days. Jobs changed since planning are skipped and listed. */
  async publish(id: string, actor: Actor): Promise<RoutePlan> {
    const deps = this.deps();
    const changed: WorkOrder[] = [];
    const skipped: string[] = [];
    const plan = await deps.db.transaction(async (em) => {
      const repo = em.getRepository(RoutePlanEntity);
      const plan = await repo.findOneBy({ id });
      if (!plan) throw new NotFoundError('PLAN_NOT_FOUND', 'There is no such plan.');
      if (plan.status !== 'draft') throw new ConflictError('PLAN_NOT_DRAFT', `This plan is ${plan.status}; make a new plan instead.`, { status: plan.status });
      for (const a of plan.assignments) {
        await deps.db.lock(em, `wo:${a.workOrderId}`);
        const wo = await em.getRepository(WorkOrderEntity).findOneBy({ id: a.workOrderId });
        if (!wo || wo.version !== a.version) {
          skipped.push(a.workOrderId);
          continue;
        }
        changed.push(
          await deps.workOrders.change(em, wo, {
            expectedVersion: a.version,
            to: wo.status === 'assigned' ? undefined : 'assigned',
            patch: { crewId: a.crewId, routeDate: plan.routeDate, routePosition: a.position, plannedStartAt: a.plannedStartAt },
            event: { type: 'planned', note: `Planned for ${plan.routeDate}, job ${a.position}${a.late ? ' (after its deadline)' : ''}`, data: { planId: plan.id, crewId: a.crewId, position: a.position, plannedStartAt: a.plannedStartAt, late: a.late } },
            actor,
          }),
        );
      }
      const published: RoutePlan = {
        ...plan,
        status: 'published',
        publishedAt: deps.clock.now().toISOString(),
        publishedBy: actor.label,
        summary: { ...plan.summary, published: changed.length, skipped },
      };
      await repo.update({ id }, { status: published.status, publishedAt: published.publishedAt, publishedBy: published.publishedBy, summary: published.summary } as never);
      return published;
    });
    for (const wo of changed) deps.workOrders.announce(wo, 'work_order.assignment');
    for (const crewId of new Set(changed.map((wo) => wo.crewId))) deps.events.publish({ type: 'route.changed', crewId, data: { date: plan.routeDate, planId: plan.id } });
    return plan;
  }
}
