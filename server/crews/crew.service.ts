/**
 * Crews: who they are, where their depot is, what they can do and when they
 * work. A crew's day is the ordered list of work orders with its id and that
 * date (work_order.crew_id, route_date, route_position).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/data-source.js';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, UnprocessableError } from '../errors.js';
import type { Principal } from '../http/principal.js';
import type { Clock } from '../platform/clock.js';
import type { CacheChannel } from '../platform/event-bus.js';
import { ReadCache } from '../platform/read-cache.js';
import { addDays, isoWeekday, localParts, zonedInstant } from '../sla/local-time.js';
import type { UserService } from '../users/user.service.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Crew, CrewSkill, ShiftException, ShiftPattern } from './crew.entity.js';
import type { CrewRepository } from './crew.repository.js';

export interface CrewInput {
  name: string;
  depotLat: number;
  depotLng: number;
  leadUserId?: string | null;
  members?: string[];
  skills: CrewSkill[];
  capacity?: number;
  shift: ShiftPattern;
  exceptions?: ShiftException[];
  active?: boolean;
}

/** The crew's working window on one date, as instants; null when not on duty. */
export interface ShiftWindow {
  start: string;
  end: string;
}

export function shiftOn(crew: Pick<Crew, 'shift' | 'exceptions' | 'active'>, date: string, timeZone: string): ShiftWindow | null {
  if (!crew.active) return null;
  const exception = crew.exceptions.find((e) => e.date === date);
  if (exception && !exception.available) return null;
  if (!exception && !crew.shift.days.includes(isoWeekday(date))) return null;
  const start = exception?.start ?? crew.shift.start;
  const end = exception?.end ?? crew.shift.end;
  return { start: zonedInstant(date, start, timeZone).toISOString(), end: zonedInstant(date, end, timeZone).toISOString() };
}

/** What CrewService uses. */
export interface CrewServiceDeps {
  crews: CrewRepository;
  workOrders: WorkOrderRepository;
  users: Pick<UserService, 'findActiveById'>;
  db: Pick<Database, 'transaction'>;
  clock: Clock;
  timeZone: string;
  /** Tells other instances when a crew changes, and hears when they change one. */
  cache?: CacheChannel;
}

/**
 * How long the active crews read for a hot path may be reused when nothing announced a change: every
 * write through this service (on any instance) drops the copy at once; this bounds a change made
 * another way (the demo seed writes crews through the repository, before the app serves; a hand edit).
 */
const CREW_CACHE_MS = 5_000;

export class CrewService {
  /** The active crews for hot paths (every out-of-hours hazard's cover check). */
  private readonly activeCrews: ReadCache<Crew[]>;

  constructor(private readonly deps: CrewServiceDeps) {
    this.activeCrews = new ReadCache(() => deps.crews.listCrews(false), { topic: 'crews', channel: deps.cache, maxAgeMs: CREW_CACHE_MS });
  }

  /** Today's date where the council is (Europe/London). */
  today(): string {
    return localParts(this.deps.clock.now(), this.deps.timeZone).date;
  }

  async list(opts: { includeInactive?: boolean } = {}): Promise<Crew[]> {
    return this.deps.crews.listCrews(opts.includeInactive ?? false);
  }

  /**
   * The active crews, as `list()`, for hot paths: kept in memory until a crew is created, changed or
   * retired through this service on any instance. Shared: callers must not change what it returns.
   */
  listCached(): Promise<Crew[]> {
    return this.activeCrews.get();
  }

  async get(id: string): Promise<Crew> {
    const crew = await this.deps.crews.findCrewById(id);
    if (!crew) throw new NotFoundError('CREW_NOT_FOUND', 'There is no such crew.');
    return crew;
  }

  /** Crew leads may only look at their own crew. */
  assertCanSee(principal: Principal, crew: Crew): void {
    if (principal.kind !== 'user') throw new ForbiddenError();
    if (principal.user.role !== 'crew_lead') return;
    if (principal.user.crewId === crew.id || crew.leadUserId === principal.user.id) return;
    throw new ForbiddenError('You can only see your own crew.', 'NOT_YOUR_CREW');
  }

  /** A crew's lead must be an active crew-lead account. */
  private async assertLead(leadUserId: string | null | undefined): Promise<void> {
    if (!leadUserId) return;
    const user = await this.deps.users.findActiveById(leadUserId);
    if (!user || user.role !== 'crew_lead') {
      throw new UnprocessableError('LEAD_NOT_CREW_LEAD', 'The lead must be an active user with the crew lead role.', { leadUserId });
    }
  }

  async create(input: CrewInput): Promise<Crew> {
    await this.assertLead(input.leadUserId);
    const crew: Crew = {
      id: randomUUID(),
      name: input.name,
      depotLat: input.depotLat,
      depotLng: input.depotLng,
      leadUserId: input.leadUserId ?? null,
      members: input.members ?? [],
      skills: [...new Set(input.skills)],
      capacity: input.capacity ?? 20,
      shift: input.shift,
      exceptions: input.exceptions ?? [],
      active: input.active ?? true,
      createdAt: this.deps.clock.now().toISOString(),
      version: 1,
    };
    await this.deps.db.transaction(async (em) => {
      if (await this.deps.crews.findCrewByName(crew.name, em)) throw new ConflictError('CREW_NAME_TAKEN', `There is already a crew called "${crew.name}".`);
      await this.deps.crews.insertCrew(crew, em);
    });
    this.activeCrews.changed();
    return crew;
  }

  async update(id: string, version: number, patch: Partial<CrewInput>): Promise<Crew> {
    await this.assertLead(patch.leadUserId);
    const updated = await this.deps.db.transaction(async (em) => {
      const crew = await this.deps.crews.findCrewById(id, em);
      if (!crew) throw new NotFoundError('CREW_NOT_FOUND', 'There is no such crew.');
      if (crew.version !== version) throw new StaleVersionError('crew', crew.version);
      if (patch.name && patch.name !== crew.name && (await this.deps.crews.findCrewByName(patch.name, em))) {
        throw new ConflictError('CREW_NAME_TAKEN', `There is already a crew called "${patch.name}".`);
      }
      const next: Crew = { ...crew, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), version: crew.version + 1 };
      if (patch.skills) next.skills = [...new Set(patch.skills)];
      if (!(await this.deps.crews.updateCrewIfVersion(next, version, em))) throw new StaleVersionError('crew', crew.version + 1);
      return next;
    });
    this.activeCrews.changed();
    return updated;
  }

  /** Retires a crew (kept for history: past work orders still name it). Refused while it has open work assigned. */
  async retire(id: string): Promise<Crew> {
    const retired = await this.deps.db.transaction(async (em) => {
      const crew = await this.deps.crews.findCrewById(id, em);
      if (!crew) throw new NotFoundError('CREW_NOT_FOUND', 'There is no such crew.');
      const open = await this.deps.workOrders.countOnCrewWithStatus(id, ['assigned', 'in_progress'], em);
      if (open > 0) throw new ConflictError('CREW_HAS_WORK', `This crew still has ${open} open job(s). Move or unassign them first.`, { open });
      await this.deps.crews.setCrewActive(id, false, crew.version + 1, em);
      return { ...crew, active: false, version: crew.version + 1 };
    });
    this.activeCrews.changed();
    return retired;
  }

  /** The crew's ordered work orders on a date. */
  async dayOf(crewId: string, date: string): Promise<WorkOrder[]> {
    return this.deps.workOrders.findCrewDay(crewId, date);
  }

  shiftOn(crew: Crew, date: string): ShiftWindow | null {
    return shiftOn(crew, date, this.deps.timeZone);
  }

  /** The shift the crew is on at `at`, else its next one within a fortnight (null: none planned). */
  dutyAt(crew: Crew, at: Date = this.deps.clock.now()): CrewDuty {
    return crewDutyAt(crew, at, this.deps.timeZone);
  }

  /** Every active crew's duty now: the board's "on shift / next on" and the assign warning. */
  async availability(): Promise<(CrewDuty & { crewId: string; name: string; skills: CrewSkill[] })[]> {
    const now = this.deps.clock.now();
    return (await this.list()).map((c) => ({ crewId: c.id, name: c.name, skills: c.skills, ...this.dutyAt(c, now) }));
  }
}

export interface CrewDuty {
  onShift: boolean;
  /** The shift it is on now, else the next one (null: none in the next 14 days). */
  shift: ShiftWindow | null;
}

export function crewDutyAt(crew: Pick<Crew, 'shift' | 'exceptions' | 'active'>, at: Date, timeZone: string): CrewDuty {
  const today = localParts(at, timeZone).date;
  for (let i = 0; i <= 14; i++) {
    const w = shiftOn(crew, addDays(today, i), timeZone);
    if (!w || Date.parse(w.end) <= at.getTime()) continue;
    return { onShift: Date.parse(w.start) <= at.getTime(), shift: w };
  }
  return { onShift: false, shift: null };
}
