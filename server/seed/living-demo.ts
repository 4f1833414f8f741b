/**
 * What makes `npm start` look like a council at work whatever the day and
 * hour: cover crews for the late evening, the night and Sunday (the day crews
 * work Monday to Saturday, 07:00–15:00), a duty officer on the on-call rota
 * for the 24/7 categories, and today's routes planned and published at start
 * when no plan for today has been published yet. Idempotent; demo only.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Crew } from '../crews/crew.entity.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import type { CrewService } from '../crews/crew.service.js';
import type { OnCallService } from '../on-call/on-call.service.js';
import type { Clock } from '../platform/clock.js';
import type { PlannerService } from '../scheduling/planner.service.js';
import { SYSTEM_ACTOR } from '../work-orders/work-order.service.js';
import { DEMO_DEPOT } from './demo.js';

/** Cover crews: with the day crews someone with the sharps skill is on shift at every hour of the week. */
export function demoCoverCrews(now: string): Crew[] {
  const crew = (name: string, shift: Crew['shift'], members: string[]): Crew => ({
    id: randomUUID(), name, depotLat: DEMO_DEPOT.lat, depotLng: DEMO_DEPOT.lng, leadUserId: null, members,
    skills: ['sharps', 'fly-tip-van', 'general'], capacity: 20, shift, exceptions: [], active: true, createdAt: now, version: 1,
  });
  return [
    crew('Crew 4 – Late cover', { days: [1, 2, 3, 4, 5, 6, 7], start: '15:00', end: '23:59' }, ['Ade', 'Ruth']),
    crew('Crew 5 – Night cover', { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '07:00' }, ['Tom', 'Nia']),
    crew('Crew 6 – Sunday cover', { days: [7], start: '07:00', end: '15:00' }, ['Bea', 'Kofi']),
  ];
}

export const DEMO_ON_CALL = { contactName: 'Duty officer (demo)', email: 'duty.officer@kerbside.test', phone: '0151 000 0000', days: [1, 2, 3, 4, 5, 6, 7], start: '18:00', end: '08:00' };

export interface LivingDemoDeps {
  crewRows: Pick<CrewRepository, 'seedFindByName' | 'seedInsert'>;
  crews: Pick<CrewService, 'today'>;
  onCall: Pick<OnCallService, 'list' | 'create'>;
  planner: Pick<PlannerService, 'list' | 'planDay' | 'publish'>;
  clock: Clock;
  logger: Pick<Logger, 'info'>;
}

export async function seedCoverCrews(deps: Pick<LivingDemoDeps, 'crewRows' | 'clock'>): Promise<string[]> {
  const created: string[] = [];
  for (const c of demoCoverCrews(deps.clock.now().toISOString())) {
    if (await deps.crewRows.seedFindByName(c.name)) continue;
    await deps.crewRows.seedInsert(c);
    created.push(c.name);
  }
  return created;
}

/** Cover crews and the duty officer, then today's routes: planned and published unless a plan for today already was. */
export async function startLivingDemo(deps: LivingDemoDeps): Promise<{ planned: number; unplanned: number } | null> {
  await seedCoverCrews(deps);
  if (!(await deps.onCall.list()).length) await deps.onCall.create(DEMO_ON_CALL);
  const today = deps.crews.today();
  if ((await deps.planner.list(today)).some((p) => p.status === 'published')) return null;
  const plan = await deps.planner.planDay(today, { trigger: 'manual', actor: SYSTEM_ACTOR });
  if (plan.assignments.length) await deps.planner.publish(plan.id, SYSTEM_ACTOR);
  deps.logger.info({ date: today, planned: plan.summary.planned, unplanned: plan.summary.unplanned.length }, 'demo: today’s routes planned and published');
  return { planned: plan.summary.planned, unplanned: plan.summary.unplanned.length };
}
