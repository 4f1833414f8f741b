/**
 * Every 10 minutes: new urgent jobs (sharps, condoms: hazard categories) that
 * nobody has placed yet go into today's running route of the nearest on-duty
 * crew with the skill, at the cheapest point of what it has not started yet,
 * and that crew is told live. Nearest is measured from where the crew is now:
 * its job in progress, else its last finished job today, else its depot.
 * Crews are tried nearest first; one whose shift would end before it could
 * finish its remaining jobs plus this one (and drive back) is passed over. A
 * job no crew can take stays for a dispatcher, who hears about it live.
 */
import { In, IsNull } from 'typeorm';
import type { Services } from '../composition-root.js';
import type { Crew } from '../crews/crew.entity.js';
import { haversineMetres, streetMetres, travelMinutes, type TravelModel } from '../scheduling/travel.js';
import { localParts } from '../sla/local-time.js';
import { WorkOrderEntity, type WorkOrder } from '../work-orders/work-order.entity.js';
import { SYSTEM_ACTOR } from '../work-orders/work-order.service.js';
import type { JobDefinition } from './job.js';

type Point = { lat: number; lng: number };
const dist = (a: Point, b: Point) => haversineMetres(a.lat, a.lng, b.lat, b.lng);

function whereNow(crew: Crew, day: WorkOrder[]): Point {
  const inProgress = day.find((wo) => wo.status === 'in_progress');
  if (inProgress) return inProgress;
  const done = day.filter((wo) => wo.completedAt).sort((a, b) => a.completedAt!.localeCompare(b.completedAt!)).at(-1);
  return done ?? { lat: crew.depotLat, lng: crew.depotLng };
}

/** 1-based position in the whole day that adds least driving among the stops not yet started. */
export function cheapestPosition(from: Point, day: WorkOrder[], job: Point, depot: Point): number {
  const firstOpen = day.findIndex((wo) => wo.status === 'assigned');
  const startIndex = firstOpen < 0 ? day.length : firstOpen;
  const pending = day.slice(startIndex).filter((wo) => wo.status === 'assigned');
  const stops: Point[] = [from, ...pending, depot];
  let best = 0;
  let bestCost = Infinity;
  for (let i = 0; i < stops.length - 1; i++) {
    const cost = dist(stops[i], job) + dist(job, stops[i + 1]) - dist(stops[i], stops[i + 1]);
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return startIndex + best + 1;
}

/** Whether the crew, starting now from where it is, can do its pending jobs with `job` at `position` and be back by the end of its shift. */
function fitsShift(crew: Crew, day: WorkOrder[], position: number, job: WorkOrder, now: Date, shiftEnd: number, serviceMinutes: (wo: WorkOrder) => number, travel: TravelModel): boolean {
  const route = [...day];
  route.splice(position - 1, 0, job);
  const pending = route.filter((wo) => wo === job || wo.status === 'assigned');
  let at: Point = whereNow(crew, day);
  let t = now.getTime();
  for (const wo of pending) {
    t += (travelMinutes(streetMetres(at, wo, travel), travel) + serviceMinutes(wo)) * 60_000;
    at = wo;
  }
  t += travelMinutes(streetMetres(at, { lat: crew.depotLat, lng: crew.depotLng }, travel), travel) * 60_000;
  return t <= shiftEnd;
}

async function onDutyCrews(deps: Services, now: Date, date: string): Promise<Crew[]> {
  return (await deps.crews.list()).filter((crew) => {
    const shift = deps.crews.shiftOn(crew, date);
    return shift && Date.parse(shift.start) <= now.getTime() && now.getTime() < Date.parse(shift.end);
  });
}

export const urgentInsertJob: JobDefinition = {
  name: 'urgent-insert',
  schedule: '*/10 * * * *',
  catchUp: false,
  description: 'Put new urgent jobs into the running route of the nearest crew with the skill and notify it',
  async run(deps, { now, dryRun }) {
    const date = localParts(now, deps.config.timeZone).date;
    const categories = (await deps.categories.list({ includeInactive: true })).filter((c) => c.hazard);
    const urgent = await deps.db.manager.getRepository(WorkOrderEntity).find({
      where: { categoryCode: In(categories.map((c) => c.code)), status: In(['new', 'accepted', 'reopened']), crewId: IsNull(), mergedIntoId: IsNull() },
      order: { dueAt: 'ASC' },
    });
    const crews = await onDutyCrews(deps, now, date);
    const settings = await deps.planner.settings();
    const travel: TravelModel = { streetFactor: settings.streetFactor, speedKmh: settings.speedKmh };
    const allCategories = new Map((await deps.categories.list({ includeInactive: true })).map((c) => [c.code, c.serviceMinutes]));
    const serviceMinutes = (wo: WorkOrder) => settings.serviceMinutes[wo.categoryCode] ?? allCategories.get(wo.categoryCode) ?? 20;
    const placed: { reference: string; crew: string; position: number }[] = [];
    const unplaced: string[] = [];
    for (const wo of urgent) {
      const skill = categories.find((c) => c.code === wo.categoryCode)!.requiredSkill;
      const candidates: { crew: Crew; day: WorkOrder[]; distance: number }[] = [];
      for (const crew of crews.filter((c) => c.skills.includes(skill as Crew['skills'][number]))) {
        const day = await deps.crews.dayOf(crew.id, date);
        candidates.push({ crew, day, distance: dist(whereNow(crew, day), wo) });
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
  },
};
