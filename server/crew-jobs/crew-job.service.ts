/**
 * The crew lead's side of a job: today's list, start with a before photo,
 * close with an after photo and quantities (and Defra's fly-tip fields), not
 * completed with a reason, partial, extra photos. Every step is one change
 * through WorkOrderService (state machine + event row).
 *
 * A tablet may send a step long after it was tapped. If meanwhile the job was
 * cancelled, given to another crew or closed by someone else, the step is
 * refused with a specific 409, but the photos and numbers it carried are
 * still stored on the work order with an event: evidence is never lost.
 */
import type { EntityManager } from 'typeorm';
import { Brackets, In } from 'typeorm';
import { FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES, ENFORCEMENT_ACTIONS, flyTipFieldsFromAnswers } from '../categories/defra.js';
import type { Category } from '../categories/category.entity.js';
import type { Services } from '../composition-root.js';
import { CrewEntity } from '../crews/crew.entity.js';
import { AppError, ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import { ServiceRequestEntity, type ServiceRequest } from '../intake/service-request.entity.js';
import type { Photo, PhotoKind } from '../photos/photo.entity.js';
import type { PreparedPhoto } from '../photos/photo.service.js';
import { WorkOrderEntity, WorkOrderEventEntity, type WorkOrder, type WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { Actor } from '../work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { photoView, type PhotoView } from '../work-orders/work-order.view.js';

export const NOT_COMPLETED_REASONS = ['no_access', 'vehicle_blocking', 'needs_specialist', 'not_found', 'unsafe', 'other'] as const;
export type NotCompletedReason = (typeof NOT_COMPLETED_REASONS)[number];

export type CrewAction = 'start' | 'complete' | 'not_completed' | 'partial' | 'photo';

export interface WasteDataInput {
  size?: string;
  wasteType?: string;
  landType?: string;
  enforcement?: string | null;
}

export interface CrewActionInput {
  action: CrewAction;
  workOrderId: string;
  user: SessionUser;
  photo: Buffer | null;
  /** For `photo`: which kind the extra photo is (default extra). */
  photoKind?: PhotoKind;
  quantities?: Record<string, number>;
  wasteData?: WasteDataInput;
  reason?: NotCompletedReason;
  note?: string | null;
  /** When the crew lead tapped, by the tablet's clock (ISO); the step may arrive much later from offline. */
  capturedAt?: string;
}

/** How far ahead of the server a tablet's clock may run before its times are not believed. */
const CLOCK_SKEW_MS = 2 * 60_000;

const FLY_TIP_CATEGORY = 'fly-tipping';
const CANCELLED: readonly WorkOrderStatus[] = ['cancelled', 'duplicate', 'rejected', 'not_responsible'];
const CLOSED_BY_CREW: readonly WorkOrderStatus[] = ['completed', 'not_completed'];
/** Statuses a crew's list shows whatever their route date: work in their hands. */
const IN_HAND: readonly WorkOrderStatus[] = ['assigned', 'in_progress'];

const PHOTO_KIND: Record<Exclude<CrewAction, 'photo'>, PhotoKind> = { start: 'before', complete: 'after', partial: 'after', not_completed: 'extra' };

export interface CrewJobJson {
  id: string;
  reference: string;
  status: WorkOrderStatus;
  version: number;
  routeDate: string | null;
  routePosition: number | null;
  plannedStartAt: string | null;
  priority: WorkOrder['priority'];
  dueAt: string;
  deadlineState: WorkOrder['deadlineState'];
  location: { lat: number; lng: number; address: string | null; postcode: string | null; wardCode: string };
  category: { code: string; name: string; icon: string; hazard: boolean; requiresBeforePhoto: boolean; quantities: Category['quantities']; questions: Category['questions'] };
  answers: Record<string, unknown>;
  /** The moderated summary, else what the first resident wrote. */
  description: string | null;
  descriptions: string[];
  notes: { at: string; by: string; text: string }[];
  reportPhotos: PhotoView[];
  /** The crew's own evidence so far (before/after/extra), as in the work-order view. */
  photos: PhotoView[];
  quantities: Record<string, number>;
  wasteData: Record<string, string> | null;
  startedAt: string | null;
  completedAt: string | null;
}

export class CrewJobService {
  constructor(private readonly deps: Services) {}

  /** YYYY-MM-DD in the council's zone. */
  todayDate(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.deps.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.deps.clock.now());
  }

  private crewOf(user: SessionUser): string {
    if (user.role !== 'crew_lead' || !user.crewId) throw new ForbiddenError('You are not the lead of a crew, so you have no crew jobs.', 'NOT_YOUR_CREW');
    return user.crewId;
  }

  /** The crew's day in route order, with what the tablet needs to work without signal. */
  async jobsForToday(user: SessionUser): Promise<{ date: string; crew: { id: string; name: string }; jobs: CrewJobJson[] }> {
    const crewId = this.crewOf(user);
    const date = this.todayDate();
    const em = this.deps.db.manager;
    const crew = await em.getRepository(CrewEntity).findOneBy({ id: crewId });
    const orders = await em
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('wo')
      .where('wo.crew_id = :crewId', { crewId })
      .andWhere(new Brackets((q) => q.where('wo.route_date = :date', { date }).orWhere('wo.status IN (:...inHand)', { inHand: IN_HAND })))
      .getMany();
    orders.sort(
      (a, b) =>
        (a.routeDate ?? '').localeCompare(b.routeDate ?? '') ||
        (a.routePosition ?? Number.MAX_SAFE_INTEGER) - (b.routePosition ?? Number.MAX_SAFE_INTEGER) ||
        a.dueAt.localeCompare(b.dueAt) ||
        a.reference.localeCompare(b.reference),
    );
    const categories = new Map((await this.deps.categories.list({ includeInactive: true })).map((c) => [c.code, c]));
    // A handful of queries for the whole day, not a handful per job: the tablet refreshes this often on a poor line.
    const ids = orders.map((o) => o.id);
    const requests = ids.length ? await em.getRepository(ServiceRequestEntity).find({ where: { workOrderId: In(ids) }, order: { createdAt: 'ASC', reference: 'ASC' } }) : [];
    const photos = await this.deps.photos.ofMany({ workOrderIds: ids, requestIds: requests.map((r) => r.id) }, em);
    const notes = ids.length ? await em.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: In(ids), type: 'note' }, order: { id: 'ASC' } }) : [];
    const jobs = orders.map((wo) => {
      const own = requests.filter((r) => r.workOrderId === wo.id);
      const requestIds = new Set(own.map((r) => r.id));
      return this.jobJson(wo, categories.get(wo.categoryCode), {
        requests: own,
        reportPhotos: photos.filter((p) => p.requestId !== null && requestIds.has(p.requestId)),
        crewPhotos: photos.filter((p) => p.workOrderId === wo.id),
        noteEvents: notes.filter((e) => e.workOrderId === wo.id),
      });
    });
    return { date, crew: { id: crewId, name: crew?.name ?? '' }, jobs };
  }

  private jobJson(
    wo: WorkOrder,
    category: Category | undefined,
    related: { requests: ServiceRequest[]; reportPhotos: Photo[]; crewPhotos: Photo[]; noteEvents: WorkOrderEvent[] },
  ): CrewJobJson {
    const { requests, reportPhotos, crewPhotos, noteEvents } = related;
    const answers: Record<string, unknown> = {};
    for (const r of requests) for (const [k, v] of Object.entries(r.answers ?? {})) if (!(k in answers)) answers[k] = v;
    return {
      id: wo.id,
      reference: wo.reference,
      status: wo.status,
      version: wo.version,
      routeDate: wo.routeDate,
      routePosition: wo.routePosition,
      plannedStartAt: wo.plannedStartAt,
      priority: wo.priority,
      dueAt: wo.dueAt,
      deadlineState: wo.deadlineState,
      location: { lat: wo.lat, lng: wo.lng, address: wo.address, postcode: wo.postcode, wardCode: wo.wardCode },
      category: {
        code: wo.categoryCode,
        name: category?.name ?? wo.categoryCode,
        icon: category?.icon ?? 'bin',
        hazard: category?.hazard ?? false,
        requiresBeforePhoto: category?.requiresBeforePhoto ?? true,
        quantities: category?.quantities ?? [],
        // The options (Defra's fly-tip lists among them) for confirming or correcting answers offline.
        questions: category?.questions ?? [],
      },
      answers,
      description: wo.publicSummary ?? (requests.find((r) => r.description?.trim())?.description ?? null),
      // What residents wrote (never who they are: contact details live in another table and are not read here).
      descriptions: requests.map((r) => r.description).filter((d) => d && d.trim()),
      notes: noteEvents.flatMap((e) => (e.note ? [{ at: e.createdAt, by: e.actorLabel, text: e.note }] : [])),
      reportPhotos: reportPhotos.map(photoView),
      photos: crewPhotos.map(photoView),
      quantities: wo.quantities ?? {},
      wasteData: wo.wasteData ?? (wo.categoryCode === FLY_TIP_CATEGORY ? wasteDataFromAnswers(answers) : null),
      startedAt: wo.startedAt,
      completedAt: wo.completedAt,
    };
  }

  /** One crew step. Resolves to the updated work order; refusals are AppErrors (409s after keeping the evidence). */
  async act(input: CrewActionInput): Promise<WorkOrder> {
    const crewId = this.crewOf(input.user);
    const actor: Actor = { userId: input.user.id, label: input.user.name };
    const first = await this.deps.workOrders.get(input.workOrderId);
    if (first.crewId !== crewId && !(await this.wasEverCrews(first.id, crewId))) {
      throw new ForbiddenError('This job is not on your crew’s list.', 'NOT_YOUR_CREW');
    }
    const category = await this.deps.categories.find(first.categoryCode);
    const quantities = input.quantities ? checkQuantities(category, input.quantities) : undefined;
    if (input.action === 'not_completed') {
      if (!input.reason) throw new ValidationError('Say why the job could not be done.', { fields: [{ field: 'reason', message: 'Required' }] });
      if (input.reason === 'other' && !input.note?.trim()) throw new ValidationError('With reason "other", add a note saying what stopped the job.', { fields: [{ field: 'note', message: 'Required for other' }] });
    }
    // Refuse what cannot succeed before the costly image work; the same rules run again under the lock.
    if (!(await this.conflictOf(this.deps.db.manager, first, crewId, input.action))) {
      await this.assertCanApply(this.deps.db.manager, first, input, category, input.photo !== null);
    }
    const kind = input.action === 'photo' ? (input.photoKind ?? 'extra') : PHOTO_KIND[input.action];
    const now = this.deps.clock.now().toISOString();
    const prepared = input.photo
      ? await this.deps.photos.prepare(input.photo, {
          ownerKey: `wo:${first.id}`,
          workOrderId: first.id,
          kind,
          uploadedBy: input.user.id,
          job: {
            lat: first.lat,
            lng: first.lng,
            startedAt: input.action === 'start' ? await this.stepTime(this.deps.db.manager, first, crewId, input.capturedAt, now) : (first.startedAt ?? now),
          },
        })
      : null;

    let refusal: AppError | null = null;
    const touched: WorkOrder[] = [];
    await this.deps.db.transaction(async (em) => {
      await this.deps.db.lock(em, `wo:${first.id}`);
      const wo = await this.deps.workOrders.get(first.id, em);
      refusal = await this.conflictOf(em, wo, crewId, input.action);
      if (refusal) {
        const photo = prepared ? await this.deps.photos.save(em, prepared) : null;
        await this.deps.workOrders.addEvent(em, wo.id, {
          type: 'crew_evidence',
          actor,
          note: `Sent by the crew after the job changed (${refusal.code}); kept for the office.`,
          data: {
            action: input.action,
            refusedWith: refusal.code,
            photoIds: photo ? [photo.id] : [],
            photoKind: photo?.kind ?? null,
            quantities: quantities ?? null,
            wasteData: input.wasteData ?? null,
            reason: input.reason ?? null,
            note: input.note ?? null,
            capturedAt: input.capturedAt ?? null,
            receivedAt: this.deps.clock.now().toISOString(),
          },
        });
        // Not a change of the work order (its version stays, so the office's open edits stay valid), but the board should refresh.
        touched.push(wo);
        return;
      }
      touched.push(...(await this.apply(em, wo, input, category, quantities, prepared, actor)));
    });
    for (const wo of touched) this.deps.workOrders.announce(wo);
    if (refusal) throw refusal;
    return touched.at(-1)!;
  }

  private async apply(
    em: EntityManager,
    wo: WorkOrder,
    input: CrewActionInput,
    category: Category | null,
    quantities: Record<string, number> | undefined,
    prepared: PreparedPhoto | null,
    actor: Actor,
  ): Promise<WorkOrder[]> {
    await this.assertCanApply(em, wo, input, category, prepared !== null);
    const receivedAt = this.deps.clock.now().toISOString();
    /** When the step happened: the tablet's tap time if believable, else now (see stepTime). */
    const now = await this.stepTime(em, wo, this.crewOf(input.user), input.capturedAt, receivedAt);
    const changed: WorkOrder[] = [];
    const photo = prepared ? await this.deps.photos.save(em, prepared) : null;
    if (input.action === 'complete' && photo?.kind === 'before') {
      // The same bytes as the before photo: proof of nothing, and the pattern of a job closed without being done.
      throw new UnprocessableError('AFTER_SAME_AS_BEFORE', 'The after photo is the same picture as the before photo. Take a new photo of the cleared site.');
    }
    const photoIds = photo ? [photo.id] : [];
    const timing = { at: now, receivedAt, ...(input.capturedAt !== undefined && input.capturedAt !== now ? { capturedAt: input.capturedAt } : {}) };
    const photoData = { ...(photo ? { photoIds, photoFlags: photo.flags } : { photoIds }), ...timing };
    /** Before/after photos' quality flags add up on the work order: the dispatcher and the councillor PDF count them. */
    const flagged = (current: WorkOrder): Partial<WorkOrder> =>
      photo && (photo.kind === 'before' || photo.kind === 'after') && photo.flags.some((f) => !current.evidenceFlags?.includes(f))
        ? { evidenceFlags: [...new Set([...(current.evidenceFlags ?? []), ...photo.flags])] }
        : {};

    /** complete/partial from "assigned" (allowed only when the category needs no before photo): start first. */
    const ensureStarted = async (current: WorkOrder): Promise<WorkOrder> => {
      if (current.status !== 'assigned') return current;
      const started = await this.deps.workOrders.change(em, current, {
        to: 'in_progress',
        at: now,
        event: { type: 'started', note: 'Work started', isPublic: true, data: { photoIds: [], implicit: true, ...timing } },
        actor,
      });
      changed.push(started);
      return started;
    };

    switch (input.action) {
      case 'start': {
        if (wo.status === 'in_progress' || wo.status === 'partially_completed') {
          // Already started (a second tap, or coming back to a partial job): keep the photo, move nothing.
          changed.push(await this.deps.workOrders.change(em, wo, { patch: flagged(wo), event: { type: 'photo', note: 'Before photo added', data: { ...photoData, kind: 'before' } }, actor }));
          break;
        }
        changed.push(
          await this.deps.workOrders.change(em, wo, {
            to: 'in_progress',
            at: now,
            patch: flagged(wo),
            event: { type: 'started', note: input.note ?? 'Work started', isPublic: true, data: photoData },
            actor,
          }),
        );
        break;
      }
      case 'complete': {
        const wasteData = wo.categoryCode === FLY_TIP_CATEGORY ? await this.confirmWasteData(em, wo, input.wasteData, true) : wo.wasteData;
        const current = await ensureStarted(wo);
        const startedAt = current.startedAt ?? now;
        const done = await this.deps.workOrders.change(em, current, {
          to: 'completed',
          at: now,
          outcome: { note: input.note ?? null },
          patch: { quantities: { ...(current.quantities ?? {}), ...(quantities ?? {}) }, wasteData, ...flagged(current) },
          event: {
            type: 'completed',
            note: 'Cleared',
            isPublic: true,
            data: {
              ...photoData,
              quantities: quantities ?? {},
              wasteData,
              wasteDataCorrected: wo.categoryCode === FLY_TIP_CATEGORY && JSON.stringify(wasteData) !== JSON.stringify(wo.wasteData),
              note: input.note ?? null,
              timeOnSiteMinutes: minutesBetween(startedAt, now),
              timeToClearMinutes: minutesBetween(current.openedAt, now),
            },
          },
          actor,
        });
        changed.push(done);
        break;
      }
      case 'partial': {
        const wasteData = wo.categoryCode === FLY_TIP_CATEGORY && input.wasteData ? await this.confirmWasteData(em, wo, input.wasteData, false) : wo.wasteData;
        const current = await ensureStarted(wo);
        changed.push(
          await this.deps.workOrders.change(em, current, {
            // Named even when already partly done: a later visit's time, reason and note replace the earlier ones.
            to: 'partially_completed',
            at: now,
            outcome: { reason: input.reason ?? null, note: input.note ?? null },
            patch: { quantities: { ...(current.quantities ?? {}), ...(quantities ?? {}) }, wasteData, ...flagged(current) },
            event: { type: 'partially_completed', note: input.note ?? 'Partly done', data: { ...photoData, quantities: quantities ?? {}, reason: input.reason ?? null } },
            actor,
          }),
        );
        break;
      }
      case 'not_completed': {
        changed.push(
          await this.deps.workOrders.change(em, wo, {
            to: 'not_completed',
            at: now,
            outcome: { reason: input.reason!, note: input.note ?? null },
            patch: quantities ? { quantities: { ...(wo.quantities ?? {}), ...quantities } } : {},
            event: { type: 'not_completed', note: input.note ?? null, data: { ...photoData, reason: input.reason, quantities: quantities ?? null } },
            actor,
          }),
        );
        break;
      }
      case 'photo': {
        changed.push(await this.deps.workOrders.change(em, wo, { patch: flagged(wo), event: { type: 'photo', note: input.note ?? null, data: { ...photoData, kind: photo?.kind ?? input.photoKind ?? 'extra' } }, actor }));
        break;
      }
    }
    return changed;
  }

  /** The step's own requirements: the photo it needs, a started job, Defra's fly-tip fields. */
  private async assertCanApply(em: EntityManager, wo: WorkOrder, input: CrewActionInput, category: Category | null, hasPhoto: boolean): Promise<void> {
    const requiresBefore = category?.requiresBeforePhoto ?? true;
    switch (input.action) {
      case 'start':
        if (!hasPhoto && requiresBefore) throw new UnprocessableError('PHOTO_REQUIRED', 'Take a before photo to start this job.');
        return;
      case 'complete':
        if (!hasPhoto) throw new UnprocessableError('PHOTO_REQUIRED', 'Take an after photo to close this job as fixed.');
        if (wo.status === 'assigned' && requiresBefore) throw new UnprocessableError('NOT_STARTED', 'Start the job with a before photo first.');
        if (wo.categoryCode === FLY_TIP_CATEGORY) await this.confirmWasteData(em, wo, input.wasteData, true);
        return;
      case 'partial':
        if (wo.status === 'assigned' && requiresBefore) throw new UnprocessableError('NOT_STARTED', 'Start the job with a before photo first.');
        if (wo.categoryCode === FLY_TIP_CATEGORY && input.wasteData) await this.confirmWasteData(em, wo, input.wasteData, false);
        return;
      case 'photo':
        if (!hasPhoto) throw new UnprocessableError('PHOTO_REQUIRED', 'Attach the photo in the field "photo".');
        return;
      case 'not_completed':
        return;
    }
  }

  /** A specific 409 when the job moved under the tablet's feet; null when the step may go ahead. */
  private async conflictOf(em: EntityManager, wo: WorkOrder, crewId: string, action: CrewAction): Promise<AppError | null> {
    if (CANCELLED.includes(wo.status)) {
      return new ConflictError('JOB_CANCELLED', `Job ${wo.reference} was ${wo.status === 'duplicate' ? 'merged as a duplicate' : wo.status.replace('_', ' ')} by the office. What you sent has been kept.`, { status: wo.status });
    }
    if (wo.crewId !== crewId) {
      const crew = wo.crewId ? await em.getRepository(CrewEntity).findOneBy({ id: wo.crewId }) : null;
      const where = crew ? `to ${crew.name}` : 'back to the office';
      return new ConflictError('JOB_REASSIGNED', `Job ${wo.reference} was moved ${where}. What you sent has been kept.`, { crewId: wo.crewId, crewName: crew?.name ?? null });
    }
    if (action !== 'photo' && CLOSED_BY_CREW.includes(wo.status)) {
      const closer = await em.getRepository(WorkOrderEventEntity).findOne({ where: { workOrderId: wo.id, toStatus: wo.status }, order: { id: 'DESC' } });
      return new ConflictError(
        'ALREADY_COMPLETED',
        `Job ${wo.reference} was already closed (${wo.status.replace('_', ' ')})${closer ? ` by ${closer.actorLabel}` : ''}. What you sent has been kept.`,
        { status: wo.status, closedBy: closer?.actorLabel ?? null, closedAt: wo.closedAt },
      );
    }
    return null;
  }

  /**
   * When a step happened. A tablet that was offline sends its steps later, so
   * the tap time it recorded (`capturedAt`) is used, unless its clock cannot be
   * right: ahead of ours by more than the allowed skew, or earlier than the job
   * reached this crew or than the step before (start, partial). Then: now.
   */
  private async stepTime(em: EntityManager, wo: WorkOrder, crewId: string, capturedAt: string | undefined, now: string): Promise<string> {
    const captured = capturedAt === undefined ? NaN : Date.parse(capturedAt);
    const received = Date.parse(now);
    if (!Number.isFinite(captured) || captured > received + CLOCK_SKEW_MS) return now;
    const notBefore = [wo.openedAt, wo.startedAt, wo.closedAt, await this.cameToCrewAt(em, wo.id, crewId)].reduce<number>(
      (latest, at) => (at ? Math.max(latest, Date.parse(at)) : latest),
      -Infinity,
    );
    if (captured < notBefore) return now;
    return new Date(Math.min(captured, received)).toISOString();
  }

  /** When the job last came to this crew from elsewhere (reordering the same crew's day does not count). */
  private async cameToCrewAt(em: EntityManager, workOrderId: string, crewId: string): Promise<string | null> {
    let holder: unknown = null;
    let since: string | null = null;
    for (const e of await this.deps.workOrders.eventsOf(workOrderId, em)) {
      const data = (e.data ?? {}) as { crewId?: unknown };
      const next = e.type === 'unassigned' ? null : typeof data.crewId === 'string' ? data.crewId : holder;
      if (next !== holder && next === crewId) since = e.createdAt;
      holder = next;
    }
    return since;
  }

  /** The crew had this job at some point (assigned to it, or moved away from it). */
  private async wasEverCrews(workOrderId: string, crewId: string): Promise<boolean> {
    const events = await this.deps.workOrders.eventsOf(workOrderId);
    return events.some((e) => {
      const d = (e.data ?? {}) as { crewId?: unknown; from?: { crewId?: unknown } };
      return d.crewId === crewId || d.from?.crewId === crewId;
    });
  }

  /** Defra's three fields for a cleared fly-tip: the crew's values, else what was reported; each from Defra's list. */
  private async confirmWasteData(em: EntityManager, wo: WorkOrder, given: WasteDataInput | undefined, required: boolean): Promise<Record<string, string>> {
    let known: Record<string, string> = { ...(wo.wasteData ?? {}) };
    if (!known.size || !known.wasteType || !known.landType) {
      const requests = await em.getRepository(ServiceRequestEntity).find({ where: { workOrderId: wo.id }, order: { createdAt: 'ASC' } });
      const answers: Record<string, unknown> = {};
      for (const r of requests) for (const [k, v] of Object.entries(r.answers ?? {})) if (!(k in answers)) answers[k] = v;
      known = { ...wasteDataFromAnswers(answers), ...known };
    }
    const merged: Record<string, string> = { ...known };
    for (const [field, value] of Object.entries(given ?? {})) if (typeof value === 'string' && value) merged[field] = value;
    if (given?.enforcement === null) delete merged.enforcement;
    const problems: { field: string; message: string }[] = [];
    const lists = { size: FLY_TIP_SIZES, wasteType: FLY_TIP_WASTE_TYPES, landType: FLY_TIP_LAND_TYPES, enforcement: ENFORCEMENT_ACTIONS } as const;
    for (const [field, list] of Object.entries(lists)) {
      const value = merged[field];
      if (value === undefined) {
        if (required && field !== 'enforcement') problems.push({ field: `wasteData.${field}`, message: 'Required for a fly-tip (Defra WasteDataFlow)' });
      } else if (!list.some((o) => o.key === value)) {
        problems.push({ field: `wasteData.${field}`, message: `Not one of Defra's values: ${list.map((o) => o.key).join(', ')}` });
      }
    }
    if (problems.length) throw new ValidationError(`Please check the fly-tip details: ${problems[0]!.field} ${problems[0]!.message.toLowerCase()}.`, { fields: problems }, 'WASTE_DATA_INVALID');
    const out: Record<string, string> = {};
    for (const field of ['size', 'wasteType', 'landType', 'enforcement']) if (merged[field]) out[field] = merged[field]!;
    return out;
  }
}

function wasteDataFromAnswers(answers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof answers.size === 'string') out.size = answers.size;
  if (typeof answers.waste_type === 'string') out.wasteType = answers.waste_type;
  if (typeof answers.land_type === 'string') out.landType = answers.land_type;
  return out;
}

/** Quantities must be the category's own fields, each within its range. */
export function checkQuantities(category: Category | null, given: Record<string, number>): Record<string, number> {
  const fields = category?.quantities ?? [];
  const problems: { field: string; message: string }[] = [];
  for (const [code, value] of Object.entries(given)) {
    const field = fields.find((f) => f.code === code);
    if (!field) problems.push({ field: `quantities.${code}`, message: `Not recorded for this category (expected one of: ${fields.map((f) => f.code).join(', ') || 'none'})` });
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < field.min || value > field.max) {
      problems.push({ field: `quantities.${code}`, message: `Must be a number from ${field.min} to ${field.max}` });
    }
  }
  if (problems.length) throw new ValidationError(`Please check ${problems[0]!.field}: ${problems[0]!.message}.`, { fields: problems }, 'QUANTITIES_INVALID');
  return { ...given };
}

function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}
