/**
 * Plans crews' days with the VRPTW solver and publishes plans onto work
 * orders. A plan is first a draft (route_plan) a dispatcher can look at;
 * publishing assigns each job through the work-order change path, skipping
 * any job someone changed since the plan was made. Settings (`planner`):
 * autoPublish, timeLimitMs, streetFactor, speedKmh, crewCostM, seed and
 * serviceMinutes (per category code, overriding the category's own figure).
 *
 * Urgent jobs (hazard categories) do not wait for the morning plan: every few
 * minutes the ones nobody has placed go into today's running route of the
 * nearest on-duty crew with the skill, at the cheapest point of what it has
 * not started yet, and that crew is told live. Crews are tried nearest first;
 * one whose shift would end before it could finish its remaining jobs plus
 * this one (and drive back) is passed over. A job no crew can take stays for
 * a dispatcher, who hears about it live.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/data-source.js';
import type { CategoryService } from '../categories/category.service.js';
import { FLY_TIP_SIZE_VOLUME } from '../categories/defra.js';
import type { Crew } from '../crews/crew.entity.js';
import type { CrewService } from '../crews/crew.service.js';
import type { DispatchService } from '../crews/dispatch.service.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { SettingsService } from '../settings/settings.service.js';
import { localParts } from '../sla/local-time.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { SYSTEM_ACTOR, type Actor, type WorkOrderService } from '../work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { planDayRoutes, type PlanCrew, type PlanJob } from './day-problem.js';
import type { PlannedAssignment, RoutePlan, UnplannedReason } from './scheduling.entity.js';
import type { SchedulingRepository } from './scheduling.repository.js';
import type { TravelModel } from './travel.js';
import { cheapestPosition, distanceMetres, fitsShift, whereNow } from './urgent-route.js';

/** Statuses a planner may (re)place on a day; in-progress work stays where it is. */
const PLANNABLE: readonly WorkOrderStatus[] = ['accepted', 'scheduled', 'reopened', 'assigned'];
/** Statuses of an urgent job still waiting for a crew. */
const URGENT_WAITING: readonly WorkOrderStatus[] = ['new', 'accepted', 'reopened'];

function demandOf(wo: WorkOrder): number {
  const size = wo.wasteData?.size;
  return size ? (FLY_TIP_SIZE_VOLUME[size] ?? 1) : 1;
}

/** What PlannerService uses. */
export interface PlannerServiceDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  plans: Pick<SchedulingRepository, 'insertDraftPlan' | 'findPlan' | 'listPlans' | 'markPlanPublished'>;
  workOrderRepo: Pick<WorkOrderRepository, 'findUnplacedWithStatus' | 'findOnDayWithStatus' | 'findById' | 'findUncrewedByCategory'>;
  workOrders: Pick<WorkOrderService, 'change' | 'announce'>;
  crews: Pick<CrewService, 'list' | 'shiftOn' | 'dayOf'>;
  categories: Pick<CategoryService, 'list'>;
  dispatch: Pick<DispatchService, 'assign'>;
  settings: Pick<SettingsService, 'get'>;
  events: Pick<EventBus, 'publish'>;
  clock: Clock;
  logger: Logger;
  timeZone: string;
}

export class PlannerService {
  constructor(private readonly deps: PlannerServiceDeps) {}

  /** Work orders that belong on `date`: unplaced open work, and what is already on that day but not started. */
  private async plannableWorkOrders(date: string): Promise<WorkOrder[]> {
    const unplaced = await this.deps.workOrderRepo.findUnplacedWithStatus(PLANNABLE);
    const onDay = await this.deps.workOrderRepo.findOnDayWithStatus(PLANNABLE, date);
    return [...unplaced, ...onDay].sort((a, b) => a.reference.localeCompare(b.reference));
  }

  /** The scheduled morning plan for the local date of `now`, as a job summary. */
  async planScheduledDay(now: Date, dryRun: boolean): Promise<{ date: string; planId: string | null; status: RoutePlan['status']; planned: number; late: number; unplanned: number }> {
    const date = localParts(now, this.deps.timeZone).date;
    const plan = await this.planDay(date, { trigger: 'cron', actor: SYSTEM_ACTOR, dryRun });
    return { date, planId: dryRun ? null : plan.id, status: plan.status, planned: plan.summary.planned, late: plan.summary.late.length, unplanned: plan.summary.unplanned.length };
  }

  /** With `dryRun` the plan is computed and returned but not stored, published or announced. */
  async planDay(date: string, opts: { trigger: RoutePlan['trigger']; actor: Actor; dryRun?: boolean }): Promise<RoutePlan> {
    const deps = this.deps;
    const settings = await deps.settings.get('planner');
    const now = deps.clock.now();
    const isToday = localParts(now, deps.timeZone).date === date;
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
      summary: {
        jobs: jobs.length, planned: assignments.length, late: plan.late, unplanned: plan.unplanned, crewsUsed: plan.crewsUsed, distanceKm: Math.round(plan.distanceM / 100) / 10, elapsedMs: plan.elapsedMs,
        reasons: explainUnplanned(plan.unplanned.map((id) => byId.get(id)!), jobs, crews, categories, now, deps.timeZone),
        crewsOnShift: crews.length,
      },
      assignments,
    };
    if (opts.dryRun) return row;
    await deps.db.transaction((em) => deps.plans.insertDraftPlan(row, em));
    deps.events.publish({ type: 'plan.drafted', data: { planId: row.id, date, planned: assignments.length, unplanned: plan.unplanned.length } });
    if (opts.trigger === 'cron' && settings.autoPublish && assignments.length) return this.publish(row.id, opts.actor);
    return row;
  }

  async get(id: string): Promise<RoutePlan> {
    const plan = await this.deps.plans.findPlan(id);
    if (!plan) throw new NotFoundError('PLAN_NOT_FOUND', 'There is no such plan.');
    return plan;
  }

  async list(date: string): Promise<RoutePlan[]> {
    return this.deps.plans.listPlans(date);
  }

  /** Puts a draft onto the crews' days. Jobs changed since planning are skipped and listed. */
  async publish(id: string, actor: Actor): Promise<RoutePlan> {
    const deps = this.deps;
    const changed: WorkOrder[] = [];
    const skipped: string[] = [];
    const plan = await deps.db.transaction(async (em) => {
      const plan = await deps.plans.findPlan(id, em);
      if (!plan) throw new NotFoundError('PLAN_NOT_FOUND', 'There is no such plan.');
      if (plan.status !== 'draft') throw new ConflictError('PLAN_NOT_DRAFT', `This plan is ${plan.status}; make a new plan instead.`, { status: plan.status });
      if (!plan.assignments.length) throw new ConflictError('PLAN_EMPTY', 'This plan puts no job on any crew, so there is nothing to publish. See why each job could not be planned.');
      for (const a of plan.assignments) {
        await deps.db.lock(em, `wo:${a.workOrderId}`);
        const wo = await deps.workOrderRepo.findById(a.workOrderId, em);
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
      await deps.plans.markPlanPublished(published, em);
      return published;
    });
    for (const wo of changed) deps.workOrders.announce(wo, 'work_order.assignment');
    for (const crewId of new Set(changed.map((wo) => wo.crewId))) deps.events.publish({ type: 'route.changed', crewId, data: { date: plan.routeDate, planId: plan.id } });
    return plan;
  }

  /** Puts each waiting urgent job into the running route of the nearest on-duty crew with the skill and room in its shift, and tells that crew. */
  async insertUrgentJobs(now: Date, dryRun: boolean): Promise<{ urgent: number; placed: { reference: string; crew: string; position: number }[]; unplaced: string[] }> {
    const deps = this.deps;
    const date = localParts(now, deps.timeZone).date;
    const allCategories = await deps.categories.list({ includeInactive: true });
    const hazards = allCategories.filter((c) => c.hazard);
    const urgent = await deps.workOrderRepo.findUncrewedByCategory(hazards.map((c) => c.code), URGENT_WAITING);
    const crews = (await deps.crews.list()).filter((crew) => {
      const shift = deps.crews.shiftOn(crew, date);
      return shift && Date.parse(shift.start) <= now.getTime() && now.getTime() < Date.parse(shift.end);
    });
    const settings = await deps.settings.get('planner');
    const travel: TravelModel = { streetFactor: settings.streetFactor, speedKmh: settings.speedKmh };
    const categoryMinutes = new Map(allCategories.map((c) => [c.code, c.serviceMinutes]));
    const serviceMinutes = (wo: WorkOrder) => settings.serviceMinutes[wo.categoryCode] ?? categoryMinutes.get(wo.categoryCode) ?? 20;
    const placed: { reference: string; crew: string; position: number }[] = [];
    const unplaced: string[] = [];
    // Each crew's day is read once per run and again only after this run put a job on it (not once per urgent job).
    const days = new Map<string, WorkOrder[]>();
    const dayOf = async (crewId: string) => {
      let day = days.get(crewId);
      if (!day) days.set(crewId, (day = await deps.crews.dayOf(crewId, date)));
      return day;
    };
    for (const wo of urgent) {
      const skill = hazards.find((c) => c.code === wo.categoryCode)!.requiredSkill;
      const candidates: { crew: Crew; day: WorkOrder[]; distance: number }[] = [];
      for (const crew of crews.filter((c) => c.skills.includes(skill as Crew['skills'][number]))) {
        const day = await dayOf(crew.id);
        candidates.push({ crew, day, distance: distanceMetres(whereNow(crew, day), wo) });
      }
      candidates.sort((a, b) => a.distance - b.distance);
      let nearest: (typeof candidates)[number] | null = null;
      let position = 0;
      for (const c of candidates) {
        const at = cheapestPosition(whereNow(c.crew, c.day), c.day, wo, { lat: c.crew.depotLat, lng: c.crew.depotLng });
        const shiftEnd = Date.parse(deps.crews.shiftOn(c.crew, date)!.end);
        if (fitsShift(c.crew, c.day, at, wo, now, shiftEnd, serviceMinutes, travel)) {
          nearest = c;
          position = at;
          break;
        }
      }
      if (!nearest) {
        unplaced.push(wo.reference);
        if (!dryRun) deps.events.publish({ type: 'urgent.unplaced', workOrderId: wo.id, wardCode: wo.wardCode, data: { reference: wo.reference, reason: candidates.length ? 'no crew with the skill has room left in its shift' : 'no crew with the skill is on duty' } });
        continue;
      }
      placed.push({ reference: wo.reference, crew: nearest.crew.name, position });
      if (dryRun) continue;
      days.delete(nearest.crew.id);
      try {
        await deps.dispatch.assign(wo.id, { crewId: nearest.crew.id, version: wo.version, position, date }, SYSTEM_ACTOR);
        deps.events.publish({ type: 'crew.notified', crewId: nearest.crew.id, workOrderId: wo.id, data: { reason: 'urgent', reference: wo.reference, position, date } });
      } catch (err) {
        // A dispatcher got there first (STALE_VERSION) or the job closed: nothing to do.
        deps.logger.warn({ err, workOrder: wo.reference }, 'urgent insert skipped');
        placed.pop();
      }
    }
    return { urgent: urgent.length, placed, unplaced };
  }
}

/**
 * Why each job the solver left out could not be planned: no crew on shift at
 * all, none on shift with the job's skill, its deadline passed before any crew
 * with the skill could reach it, or the crews with the skill have no room
 * left (capacity or shift time).
 */
export function explainUnplanned(
  unplanned: WorkOrder[],
  jobs: PlanJob[],
  crews: PlanCrew[],
  categories: Map<string, { name: string; requiredSkill: string }>,
  now: Date,
  timeZone: string,
): UnplannedReason[] {
  const when = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  return unplanned.map((wo) => {
    const job = jobById.get(wo.id)!;
    const category = categories.get(wo.categoryCode);
    const what = category?.name ?? wo.categoryCode;
    const base = { workOrderId: wo.id, reference: wo.reference };
    if (!crews.length) return { ...base, code: 'no_crew_on_shift', message: 'No crew is on shift for the rest of this day.' };
    const able = crews.filter((c) => c.skills.includes(job.requiredSkill as PlanCrew['skills'][number]));
    if (!able.length) return { ...base, code: 'no_crew_with_skill', message: `No crew on shift has the "${job.requiredSkill}" skill ${what} needs.` };
    const earliest = Math.max(now.getTime(), Math.min(...able.map((c) => c.shiftStart)));
    if (job.dueAt <= earliest) return { ...base, code: 'deadline_passed', message: `Its deadline (${when(job.dueAt)}) has already passed and no crew with the "${job.requiredSkill}" skill has room to fit it in late.` };
    return { ...base, code: 'no_room', message: `The ${able.length === 1 ? 'crew' : `${able.length} crews`} with the "${job.requiredSkill}" skill ${able.length === 1 ? 'has' : 'have'} no room left in ${able.length === 1 ? 'its' : 'their'} shift or capacity.` };
  });
}
