/**
 * The crew lead's steps on a job: start with a before photo, close with an
 * after photo and quantities (and Defra's fly-tip fields), not completed with
 * a reason, partial, extra photos. What each step does is in crew-job.steps.ts;
 * this service decides whether it may, and when it happened.
 *
 * A tablet may send a step long after it was tapped. If meanwhile the job was
 * cancelled, given to another crew or closed by someone else, the step is
 * refused with a specific 409, but the photos and numbers it carried are
 * still stored on the work order with an event: evidence is never lost.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { Category } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import { flyTipFieldsFromAnswers, recordsFlyTipReturn, type FlyTipFields } from '../categories/defra.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import { AppError, ConflictError, ForbiddenError, UnprocessableError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { PhotoKind } from '../photos/photo.entity.js';
import type { DeviceCapture, PhotoService, PreparedPhoto } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Actor, WorkOrderService } from '../work-orders/work-order.service.js';
import {
  believableTap,
  cameToCrewAt,
  CANCELLED,
  checkNotCompletedReason,
  checkHazardCount,
  checkQuantities,
  checkStepNeeds,
  CLOSED_BY_CREW,
  crewOf,
  firstAnswers,
  PHOTO_KIND,
  stepTime,
  wasEverCrews,
  type CrewAction,
  type NotCompletedReason,
} from './crew-job.rules.js';
import { STEPS } from './crew-job.steps.js';
import { confirmFlyTipFields, needsReportedFields, type WasteDataInput } from './fly-tip-fields.js';

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
  /** The tablet's position (and its accuracy) and clock when the photo was taken. */
  device?: DeviceCapture;
  /** Why the crew kept a photo the tablet warned would be flagged; travels with the photo to the office. */
  photoReason?: string | null;
  /** The crew lead ticked "tell the resident": the note becomes public text. */
  tellResident?: boolean;
}

export interface CrewJobServiceDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  clock: Clock;
  workOrders: Pick<WorkOrderService, 'get' | 'change' | 'addEvent' | 'announce' | 'eventsOf'>;
  workOrderRepository: Pick<WorkOrderRepository, 'findLastMoveInto'>;
  serviceRequestRepository: Pick<ServiceRequestRepository, 'findOfWorkOrder'>;
  crewRepository: Pick<CrewRepository, 'findCrewById'>;
  categories: Pick<CategoryService, 'find'>;
  photos: Pick<PhotoService, 'prepare' | 'save' | 'ofWorkOrder'>;
}

export class CrewJobService {
  constructor(private readonly deps: CrewJobServiceDeps) {}

  /** One crew step. Resolves to the updated work order; refusals are AppErrors (409s after keeping the evidence). */
  async act(input: CrewActionInput): Promise<WorkOrder> {
    const d = this.deps;
    const crewId = crewOf(input.user);
    const actor: Actor = { userId: input.user.id, label: input.user.name };
    const first = await d.workOrders.get(input.workOrderId);
    if (first.crewId !== crewId && !wasEverCrews(await d.workOrders.eventsOf(first.id), crewId)) {
      throw new ForbiddenError('This job is not on your crew’s list.', 'NOT_YOUR_CREW');
    }
    const category = await d.categories.find(first.categoryCode);
    const quantities = input.quantities ? checkQuantities(category, input.quantities) : undefined;
    if (input.action === 'not_completed') checkNotCompletedReason(input.reason, input.note);
    // Refuse what cannot succeed before the costly image work; the same rules run again under the lock.
    if (!(await this.conflictOf(first, crewId, input.action))) await this.checkStep(first, input, category, input.photo !== null);
    const prepared = input.photo ? await this.preparePhoto(first, input, crewId) : null;

    let refusal: AppError | null = null;
    const touched: WorkOrder[] = [];
    await d.db.transaction(async (em) => {
      await d.db.lock(em, `wo:${first.id}`);
      const wo = await d.workOrders.get(first.id, em);
      refusal = await this.conflictOf(wo, crewId, input.action, em);
      if (refusal) {
        await this.keepEvidence(em, wo, input, quantities, prepared, refusal, actor);
        // Not a change of the work order (its version stays, so the office's open edits stay valid), but the board should refresh.
        touched.push(wo);
        return;
      }
      touched.push(...(await this.apply(em, wo, input, category, quantities, prepared, actor)));
    });
    for (const wo of touched) d.workOrders.announce(wo);
    if (refusal) throw refusal;
    return touched.at(-1)!;
  }

  /**
   * The photo's renditions are made outside the transaction; its evidence flags compare it with the job's place and start.
   * A photo for a job already closed is an extra whatever it was sent as: the proof was fixed at closure.
   */
  private async preparePhoto(wo: WorkOrder, input: CrewActionInput, crewId: string): Promise<PreparedPhoto> {
    const now = this.deps.clock.now().toISOString();
    const kind = input.action === 'photo' ? (input.photoKind ?? 'extra') : PHOTO_KIND[input.action];
    const closed = CLOSED_BY_CREW.includes(wo.status) || CANCELLED.includes(wo.status);
    return this.deps.photos.prepare(input.photo!, {
      ownerKey: `wo:${wo.id}`,
      workOrderId: wo.id,
      kind: closed ? 'extra' : kind,
      uploadedBy: input.user.id,
      device: input.device ? { ...input.device, capturedAt: input.device.capturedAt ?? input.capturedAt ?? null } : input.capturedAt ? { capturedAt: input.capturedAt } : null,
      crewReason: input.photoReason ?? null,
      job: {
        lat: wo.lat,
        lng: wo.lng,
        startedAt: input.action === 'start' ? await this.stepTimeOf(wo, crewId, input.capturedAt, now) : (wo.startedAt ?? now),
      },
    });
  }

  /** A refused step's photo and numbers, stored on the work order with a `crew_evidence` event for the office. */
  private async keepEvidence(
    em: EntityManager,
    wo: WorkOrder,
    input: CrewActionInput,
    quantities: Record<string, number> | undefined,
    prepared: PreparedPhoto | null,
    refusal: AppError,
    actor: Actor,
  ): Promise<void> {
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
    const wasteData = await this.checkStep(wo, input, category, prepared !== null, em);
    const receivedAt = this.deps.clock.now().toISOString();
    const at = await this.stepTimeOf(wo, crewOf(input.user), input.capturedAt, receivedAt, em);
    const photo = prepared ? await this.deps.photos.save(em, prepared) : null;
    if (input.action === 'complete' && photo?.kind === 'before') {
      // The same bytes as the before photo: proof of nothing, and the pattern of a job closed without being done.
      throw new UnprocessableError('AFTER_SAME_AS_BEFORE', 'The after photo is the same picture as the before photo. Take a new photo of the cleared site.');
    }
    const changed: WorkOrder[] = [];
    const requiresBefore = category?.requiresBeforePhoto ?? true;
    const proofBefore =
      input.action === 'complete' ? (await this.deps.photos.ofWorkOrder(wo.id, em)).filter((p) => p.kind === 'before' && p.id !== photo?.id).at(-1) ?? null : null;
    await STEPS[input.action]({
      requiresBefore,
      proofBefore,
      wo,
      note: input.note,
      reason: input.reason,
      quantities,
      wasteData,
      flyTip: recordsFlyTipReturn(category),
      photo,
      photoKind: input.photoKind,
      publicNote: input.tellResident && input.note?.trim() ? input.note.trim() : null,
      at,
      timing: { at, receivedAt, ...(input.capturedAt !== undefined && input.capturedAt !== at ? { capturedAt: input.capturedAt } : {}) },
      change: async (current, spec) => {
        const next = await this.deps.workOrders.change(em, current, { ...spec, actor });
        changed.push(next);
        return next;
      },
    });
    return changed;
  }

  /**
   * The step's own requirements (the photo it needs, a started job, Defra's
   * fly-tip fields). Resolves to the Defra fields the step leaves on the work order.
   */
  private async checkStep(wo: WorkOrder, input: CrewActionInput, category: Category | null, hasPhoto: boolean, em?: EntityManager): Promise<FlyTipFields | null> {
    checkStepNeeds(input.action, wo, category, hasPhoto);
    if (input.action === 'complete') checkHazardCount(category, { ...(wo.quantities ?? {}), ...(input.quantities ?? {}) });
    if (!recordsFlyTipReturn(category)) return wo.wasteData;
    if (input.action === 'complete') return this.confirmFlyTip(wo, category, input.wasteData, true, em);
    if (input.action === 'partial' && input.wasteData) return this.confirmFlyTip(wo, category, input.wasteData, false, em);
    return wo.wasteData;
  }

  /** Defra's fields for a fly-tip: the crew's values, else what was stored or reported; each from Defra's list. */
  private async confirmFlyTip(wo: WorkOrder, category: Category | null, given: WasteDataInput | undefined, required: boolean, em?: EntityManager): Promise<FlyTipFields> {
    let known: FlyTipFields = { ...(wo.wasteData ?? {}) };
    if (needsReportedFields(known)) {
      const answers = firstAnswers(await this.deps.serviceRequestRepository.findOfWorkOrder(wo.id, em));
      known = { ...flyTipFieldsFromAnswers(category, answers), ...known };
    }
    return confirmFlyTipFields(known, given, required);
  }

  /** A specific 409 when the job moved under the tablet's feet; null when the step may go ahead. */
  private async conflictOf(wo: WorkOrder, crewId: string, action: CrewAction, em?: EntityManager): Promise<AppError | null> {
    if (CANCELLED.includes(wo.status)) {
      return new ConflictError('JOB_CANCELLED', `Job ${wo.reference} was ${wo.status === 'duplicate' ? 'merged as a duplicate' : wo.status.replace('_', ' ')} by the office. What you sent has been kept.`, { status: wo.status });
    }
    if (wo.crewId !== crewId) {
      const crew = wo.crewId ? await this.deps.crewRepository.findCrewById(wo.crewId, em) : null;
      const where = crew ? `to ${crew.name}` : 'back to the office';
      return new ConflictError('JOB_REASSIGNED', `Job ${wo.reference} was moved ${where}. What you sent has been kept.`, { crewId: wo.crewId, crewName: crew?.name ?? null });
    }
    if (action !== 'photo' && CLOSED_BY_CREW.includes(wo.status)) {
      const closer = await this.deps.workOrderRepository.findLastMoveInto(wo.id, wo.status, em);
      return new ConflictError(
        'ALREADY_COMPLETED',
        `Job ${wo.reference} was already closed (${wo.status.replace('_', ' ')})${closer ? ` by ${closer.actorLabel}` : ''}. What you sent has been kept.`,
        { status: wo.status, closedBy: closer?.actorLabel ?? null, closedAt: wo.closedAt },
      );
    }
    return null;
  }

  /** When the step happened: the tablet's tap time if believable, else when it was received (see stepTime). */
  private async stepTimeOf(wo: WorkOrder, crewId: string, capturedAt: string | undefined, receivedAt: string, em?: EntityManager): Promise<string> {
    const captured = believableTap(capturedAt, receivedAt);
    if (captured === null) return receivedAt;
    const cameToCrew = cameToCrewAt(await this.deps.workOrders.eventsOf(wo.id, em), crewId);
    return stepTime(captured, receivedAt, [wo.openedAt, wo.startedAt, wo.closedAt, cameToCrew]);
  }
}
