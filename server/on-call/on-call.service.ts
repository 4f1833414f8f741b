/**
 * Out-of-hours cover for the 24/7 (hazard) categories. When a hazard is
 * reported and no crew with its skill is on shift, the person on call by the
 * rota is emailed at once, the escalation is written into the job's history,
 * and the reporter is told the truth: when the next crew with that skill comes
 * on, and that the on-call officer has been alerted, instead of a deadline no
 * one is on duty to meet.
 *
 * Out of hours every hazard report escalates, so escalation is kept cheap.
 * The crews and the rota are kept in memory until they change
 * (CrewService.listCached, and `slots` here: every write through either
 * service, on any instance, drops the copy). The jobs escalated together (in
 * one turn of the event loop; on SQLite in one tenth of a second) are read in
 * one statement (grouped-reads.ts) and their `escalated` events written in
 * one (platform/group-commit.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/data-source.js';
import { InsertPlan } from '../../db/row-sql.js';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import type { Crew } from '../crews/crew.entity.js';
import type { CrewService } from '../crews/crew.service.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import { GroupCommit } from '../platform/group-commit.js';
import { ReadCache } from '../platform/read-cache.js';
import { addDays, isoWeekday, localParts, zonedInstant } from '../sla/local-time.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { SYSTEM_ACTOR, type WorkOrderService } from '../work-orders/work-order.service.js';
import { GroupedReads } from './grouped-reads.js';
import type { OnCallSlot } from './on-call.entity.js';
import type { OnCallRepository } from './on-call.repository.js';

export type OnCallInput = Pick<OnCallSlot, 'contactName' | 'email' | 'phone' | 'days' | 'start' | 'end'>;

/** An end not after the start runs past midnight, so the only slot without a length is one that ends when it starts. */
export const SLOT_WITHOUT_LENGTH = 'a slot must not start and end at the same time';

/** Whether a crew with the skill is on shift now, and when the next one comes on. */
export interface SkillCover {
  onShift: boolean;
  nextCrewAt: string | null;
  nextCrewName: string | null;
}

export interface OnCallServiceDeps {
  rota: OnCallRepository;
  crews: Pick<CrewService, 'listCached' | 'dutyAt'>;
  categories: Pick<CategoryService, 'findCached'>;
  workOrders: Pick<WorkOrderService, 'addEvents' | 'liveEventOf'>;
  workOrderRows: Pick<WorkOrderRepository, 'findRows'>;
  db: Pick<Database, 'transactionSyncedOffLoop' | 'statementSyncedOffLoop' | 'dialect'>;
  wardLocator: Pick<WardLocator, 'ward'>;
  mailer: Mailer;
  /** Live events, and the announcement that drops other instances' copies of the rota. */
  events: EventBus;
  clock: Clock;
  config: Pick<Config, 'timeZone' | 'publicBaseUrl' | 'councilName'>;
  logger: Logger;
}

/** An escalation's event on a job's history, and who was told (for its live event). */
interface EscalationEvent {
  wo: WorkOrder;
  note: string;
  data: Record<string, unknown>;
  onCallName: string | null;
}

/**
 * On SQLite, escalations wait this long for others to share their job read and their events' commit: out of
 * hours every hazard report escalates, and a commit for every few of them (its WAL written on the event loop,
 * about half a millisecond) cost intake a quarter of its reports a second, far more than the email being a tenth
 * of a second later costs the officer on call. On PostgreSQL the statements are the server's work and
 * gathering them into bursts measured slower, so escalations there go in the next turn (bench/intake/RESULTS.md).
 */
const SQLITE_ESCALATION_GATHER_MS = 100;

/** How long the rota read for escalations may be reused when nothing announced a change (every write through this service drops it at once). */
const ROTA_CACHE_MS = 5_000;

/** "Monday 30 November at 07:00"; one formatter per time zone (building one costs more than formatting). */
const LOCAL_TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

function localTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = LOCAL_TIME_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    LOCAL_TIME_FORMATS.set(timeZone, format);
  }
  return format;
}

export class OnCallService {
  private readonly inFlight = new Set<Promise<void>>();
  /** The rota for escalations and the resident's notice; `list` and `rota` (the office's pages) read it fresh. */
  private readonly slots: ReadCache<OnCallSlot[]>;
  /** The jobs to escalate, read together when several are asked for at once. */
  readonly escalatedJobs: GroupedReads<WorkOrder>;
  /** The `escalated` events, written in one statement when several arrive at once; each gives back what tells the live streams, to call once it is stored. */
  readonly escalationWrites: GroupCommit<EscalationEvent, () => void>;

  constructor(private readonly deps: OnCallServiceDeps) {
    this.slots = new ReadCache(() => deps.rota.list(), { topic: 'on-call', channel: deps.events, maxAgeMs: ROTA_CACHE_MS });
    const gatherMs = deps.db.dialect === 'sqlite' ? SQLITE_ESCALATION_GATHER_MS : 0;
    this.escalatedJobs = new GroupedReads((ids) => deps.workOrderRows.findRows(ids), gatherMs);
    // Only an event: the job's own columns do not change, so no version bump (a dispatcher's open copy stays valid).
    // The events and their live events (the job's page reloads on "updated"; the dispatcher's board shows
    // "oncall.escalated") in one statement: on PostgreSQL the live events' rows and NOTIFYs go with the events.
    this.escalationWrites = new GroupCommit(
      deps.db,
      async (em, events) => {
        const plan = new InsertPlan();
        await deps.workOrders.addEvents(
          plan,
          events.map((e) => ({ workOrderId: e.wo.id, event: { type: 'escalated', note: e.note, data: e.data, actor: SYSTEM_ACTOR } })),
        );
        const perEscalation = 2;
        const published = deps.events.publishWith(
          plan,
          events.flatMap((e) => [
            deps.workOrders.liveEventOf(e.wo, 'work_order.updated'),
            { type: 'oncall.escalated', workOrderId: e.wo.id, wardCode: e.wo.wardCode, data: { reference: e.wo.reference, onCall: e.onCallName } },
          ]),
        );
        await plan.write(em);
        return events.map((_, i) => () => published.slice(i * perEscalation, (i + 1) * perEscalation).forEach((tell) => tell()));
      },
      { oneStatement: true, maxBatch: 128, gatherMs },
    );
  }

  list(): Promise<OnCallSlot[]> {
    return this.deps.rota.list();
  }

  async create(input: OnCallInput): Promise<OnCallSlot> {
    const slot: OnCallSlot = { id: randomUUID(), ...input, phone: input.phone ?? null, days: [...new Set(input.days)].sort(), createdAt: this.deps.clock.now().toISOString(), version: 1 };
    await this.deps.rota.insert(slot);
    this.slots.changed();
    return slot;
  }

  async update(id: string, version: number, patch: Partial<OnCallInput>): Promise<OnCallSlot> {
    const slot = await this.deps.rota.findById(id);
    if (!slot) throw new NotFoundError('ON_CALL_SLOT_NOT_FOUND', 'There is no such on-call slot.');
    if (slot.version !== version) throw new StaleVersionError('on-call slot', slot.version);
    const next: OnCallSlot = { ...slot, ...patch, ...(patch.days ? { days: [...new Set(patch.days)].sort() } : {}), version: slot.version + 1 };
    // Adding a slot checks this in its request; a change may send only one end, so it is checked on the slot it makes.
    if (next.start === next.end) {
      const field = patch.end !== undefined ? 'end' : 'start';
      throw new ValidationError(`Please check ${field}: ${SLOT_WITHOUT_LENGTH}`, { in: 'body', fields: [{ field, message: SLOT_WITHOUT_LENGTH }] });
    }
    if (!(await this.deps.rota.updateIfVersion(next, version))) throw new StaleVersionError('on-call slot', slot.version + 1);
    this.slots.changed();
    return next;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.rota.remove(id))) throw new NotFoundError('ON_CALL_SLOT_NOT_FOUND', 'There is no such on-call slot.');
    this.slots.changed();
  }

  /** The whole rota and who is on call now, from one read of it. */
  async rota(): Promise<{ slots: OnCallSlot[]; nowOnCall: OnCallSlot | null }> {
    const slots = await this.deps.rota.list();
    return { slots, nowOnCall: this.coveringSlot(slots, this.deps.clock.now()) };
  }

  /** Who is on call at `at`: the slot covering it (one started yesterday may run past midnight). */
  private coveringSlot(slots: OnCallSlot[], at: Date): OnCallSlot | null {
    const tz = this.deps.config.timeZone;
    const today = localParts(at, tz).date;
    for (const slot of slots) {
      for (const day of [addDays(today, -1), today]) {
        if (!slot.days.includes(isoWeekday(day))) continue;
        const start = zonedInstant(day, slot.start, tz).getTime();
        const end = zonedInstant(slot.end > slot.start ? day : addDays(day, 1), slot.end, tz).getTime();
        if (start <= at.getTime() && at.getTime() < end) return slot;
      }
    }
    return null;
  }

  /** Crews with the skill: is one on shift at `at`, else which comes on first. */
  private coverAmong(crews: Crew[], skill: string, at: Date): SkillCover {
    let next: { at: string; crew: Crew } | null = null;
    for (const crew of crews) {
      if (!crew.skills.includes(skill as Crew['skills'][number])) continue;
      const duty = this.deps.crews.dutyAt(crew, at);
      if (duty.onShift) return { onShift: true, nextCrewAt: null, nextCrewName: crew.name };
      if (duty.shift && (!next || duty.shift.start < next.at)) next = { at: duty.shift.start, crew };
    }
    return { onShift: false, nextCrewAt: next?.at ?? null, nextCrewName: next?.crew.name ?? null };
  }

  /**
   * What the reporter of a new hazard is told beyond the deadline, when no crew
   * with the skill is on shift: null when one is (the deadline stands). Without
   * `at`, now.
   */
  async residentNotice(wo: Pick<WorkOrder, 'categoryCode'>, at?: Date): Promise<string | null> {
    const category = await this.deps.categories.findCached(wo.categoryCode);
    if (!category?.hazard) return null;
    const now = at ?? this.deps.clock.now();
    const cover = await this.cover(category.requiredSkill, now);
    if (cover.onShift) return null;
    const onCall = await this.onCallAt(now);
    const when = cover.nextCrewAt ? `The next crew that can deal with it comes on duty at ${this.localTime(cover.nextCrewAt)}.` : 'No crew that can deal with it is on the rota yet.';
    return `No crew is on duty right now. ${when} ${onCall ? 'Because it may be dangerous, our on-call officer has been alerted and will arrange for it to be made safe sooner if needed.' : 'Please keep away from it; if it is an immediate danger call 999.'}`;
  }

  /** Listens for new work orders. Called once by the composition root. */
  listen(): () => void {
    return this.deps.events.subscribe((e: LiveEvent) => {
      if (e.type === 'work_order.created' && e.workOrderId) this.track(this.escalateIfUncovered(e.workOrderId, typeof e.data?.categoryCode === 'string' ? e.data.categoryCode : undefined));
    });
  }

  /** Resolves when every escalation started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private track(p: Promise<void>): void {
    const tracked = p
      .catch((err: unknown) => this.deps.logger.error({ err: { message: (err as Error)?.message } }, 'on-call escalation failed'))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Whether a crew with the skill is on shift at `at`, from the crews kept in memory. */
  private async cover(skill: string, at: Date): Promise<SkillCover> {
    return this.coverAmong(await this.deps.crews.listCached(), skill, at);
  }

  /** Who is on call at `at`, from the rota kept in memory. */
  private async onCallAt(at: Date): Promise<OnCallSlot | null> {
    return this.coveringSlot(await this.slots.get(), at);
  }

  private async job(workOrderId: string): Promise<WorkOrder> {
    const wo = await this.escalatedJobs.read(workOrderId);
    if (!wo) throw new NotFoundError('WORK_ORDER_NOT_FOUND', 'There is no such work order.');
    return wo;
  }

  /** Emails the on-call contact about a hazard no crew is on shift for, and records it on the job. */
  async escalateIfUncovered(workOrderId: string, categoryCode?: string): Promise<void> {
    const d = this.deps;
    // Most new jobs are not hazards, and most hazards come in while a crew is on: decide both from the
    // (cached) category and the crews before reading the job itself.
    let wo = categoryCode ? null : await this.job(workOrderId);
    const category = await d.categories.findCached(categoryCode ?? wo!.categoryCode);
    if (!category?.hazard) return;
    const now = d.clock.now();
    const cover = await this.cover(category.requiredSkill, now);
    if (cover.onShift) return;
    wo ??= await this.job(workOrderId);
    const onCall = await this.onCallAt(now);
    const ward = d.wardLocator.ward(wo.wardCode)?.name ?? wo.wardCode;
    const place = wo.publicPlace ?? (wo.postcode ? `near ${wo.postcode}` : `${wo.lat.toFixed(5)}, ${wo.lng.toFixed(5)}`);
    const nextCrew = cover.nextCrewAt ? `${cover.nextCrewName} comes on duty at ${this.localTime(cover.nextCrewAt)}.` : 'No crew with the skill is on the rota.';
    // The mail goes first and the event after it: the event says the contact was emailed, and there is no
    // durable mail queue to put the mail in with the event. A failed send records nothing (and is logged).
    if (onCall) {
      await d.mailer.send({
        to: onCall.email,
        subject: `Out of hours: ${category.name} ${wo.reference}, ${place}`,
        text: [
          `${onCall.contactName},`,
          '',
          `${category.name} (${wo.reference}) was reported at ${this.localTime(wo.openedAt)} ${place} (${ward}).`,
          `No crew with the "${category.requiredSkill}" skill is on shift. ${nextCrew}`,
          `Deadline: ${this.localTime(wo.dueAt)}.`,
          '',
          `Map: https://www.openstreetmap.org/?mlat=${wo.lat}&mlon=${wo.lng}#map=18/${wo.lat}/${wo.lng}`,
          `Job: ${d.config.publicBaseUrl}/work-orders/${wo.id}`,
          '',
          `${d.config.councilName} — Kerbside on-call escalation`,
        ].join('\n'),
      });
    }
    const published = await this.escalationWrites.run({
      wo,
      note: onCall ? `Out of hours: no crew with the skill on shift; on-call ${onCall.contactName} emailed. ${nextCrew}` : `Out of hours: no crew with the skill on shift and nobody on call by the rota. ${nextCrew}`,
      data: { onCall: onCall ? { id: onCall.id, name: onCall.contactName } : null, nextCrewAt: cover.nextCrewAt },
      onCallName: onCall?.contactName ?? null,
    });
    // The job's history grew: an open job page reloads on this (the version is unchanged).
    published();
  }

  private localTime(iso: string): string {
    return localTimeFormat(this.deps.config.timeZone).format(new Date(iso));
  }
}
