/**
 * The work order as JSON, for everyone who shows one: the office (GET
 * /api/work-orders/:id), the crew API and live updates. Who is looking
 * decides what is in it: reporters' contact details only for staff roles,
 * internal notes never for councillors.
 */
import type { Principal } from '../http/principal.js';
import type { RequestContact, ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import type { SlaService } from '../sla/sla.service.js';
import { STAFF_ROLES } from '../users/roles.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { Role } from '../users/roles.js';
import { evidenceStatusOf, FLAG_WORDS, proofFlags, proofOf } from './evidence.js';
import type { DeadlineState, EvidenceStatus, WorkOrder, WorkOrderEvent } from './work-order.entity.js';
import type { WorkOrderListRow, WorkOrderRepository } from './work-order.repository.js';
import { isOpen } from './work-order.state.js';

export interface PhotoView {
  id: string;
  kind: Photo['kind'];
  takenAt: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  /** Where the position and time came from: the photo's EXIF or the crew tablet. */
  positionSource: 'exif' | 'device' | null;
  timeSource: 'exif' | 'device' | null;
  accuracyM: number | null;
  /** What the crew said when keeping a photo the tablet warned about. */
  crewReason: string | null;
  flags: string[];
  width: number;
  height: number;
  createdAt: string;
  url: string;
  thumbUrl: string;
}

export interface ReportView {
  id: string;
  reference: string;
  source: ServiceRequest['source'];
  categoryCode: string;
  description: string;
  answers: Record<string, unknown>;
  lat: number;
  lng: number;
  address: string | null;
  postcode: string | null;
  createdAt: string;
  externalId: string | null;
  /** Staff roles only; absent otherwise. */
  contact?: { name: string | null; email: string | null; phone: string | null } | null;
}

export interface EventView {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorLabel: string;
  note: string | null;
  isPublic: boolean;
  data: Record<string, unknown> | null;
  createdAt: string;
}

export interface WorkOrderSummary {
  id: string;
  reference: string;
  status: WorkOrder['status'];
  categoryCode: string;
  ward: { code: string; name: string };
  zone: number;
  lat: number;
  lng: number;
  address: string | null;
  postcode: string | null;
  publicPlace: string | null;
  priority: WorkOrder['priority'];
  openedAt: string;
  dueAt: string;
  deadlineState: DeadlineState;
  crewId: string | null;
  routeDate: string | null;
  routePosition: number | null;
  version: number;
}

/** The job's proof and whether it may be shown as fixed (server/work-orders/evidence.ts). */
export interface EvidenceView {
  status: EvidenceStatus;
  /** Problem flags of the proof photos (empty when accepted clean). */
  flags: string[];
  /** The same flags in words, for the office. */
  flagWords: string[];
  before: PhotoView | null;
  after: PhotoView | null;
  /** The latest office review, if any. */
  review: { decision: 'accept' | 'reject'; note: string | null; by: string; at: string } | null;
}

/** The detail view: the summary plus the work order's own fields as stored, and its requests, history and photos. */
export interface WorkOrderView
  extends WorkOrderSummary,
    Pick<
      WorkOrder,
      | 'plannedStartAt' | 'startedAt' | 'completedAt' | 'closedAt' | 'outcomeReason' | 'outcomeNote' | 'quantities'
      | 'wasteData' | 'evidenceFlags' | 'publicSummary' | 'mergedIntoId' | 'sweepId' | 'createdAt' | 'updatedAt'
    > {
  reports: ReportView[];
  events: EventView[];
  photos: PhotoView[];
  evidence: EvidenceView;
}

/** What the summary needs: ward names and the live deadline state (the composition root's services satisfy it). */
export interface SummaryDeps {
  wardLocator: Pick<WardLocator, 'ward'>;
  sla: Pick<SlaService, 'stateAt'>;
  clock: Clock;
}

/**
 * Reporters' contact details are for the office only: crews need the place and
 * what was reported, never who reported it (and what a crew sees is also what
 * its idempotency records keep).
 */
function seesContact(viewer: Principal): boolean {
  return viewer.kind === 'user' && OFFICE_ROLES.includes(viewer.user.role);
}

const OFFICE_ROLES: readonly Role[] = STAFF_ROLES.filter((r) => r !== 'crew_lead');

function isStaff(viewer: Principal): boolean {
  return viewer.kind === 'user' && STAFF_ROLES.includes(viewer.user.role);
}

export function photoView(p: Photo): PhotoView {
  return {
    id: p.id,
    kind: p.kind,
    takenAt: p.takenAt,
    gpsLat: p.gpsLat,
    gpsLng: p.gpsLng,
    positionSource: p.positionSource ?? null,
    timeSource: p.timeSource ?? null,
    accuracyM: p.accuracyM ?? null,
    crewReason: p.crewReason ?? null,
    flags: p.flags,
    width: p.width,
    height: p.height,
    createdAt: p.createdAt,
    url: `/api/photos/${p.id}?size=full`,
    thumbUrl: `/api/photos/${p.id}?size=thumb`,
  };
}

/** Live for open work orders; for closed ones, whether they were closed in time. */
function currentDeadlineState(deps: Pick<SummaryDeps, 'sla' | 'clock'>, wo: WorkOrderListRow): DeadlineState {
  if (isOpen(wo.status)) return deps.sla.stateAt(wo.openedAt, wo.dueAt, deps.clock.now());
  const closed = wo.closedAt ?? wo.completedAt ?? wo.updatedAt;
  return closed > wo.dueAt ? 'overdue' : 'on_time';
}

export function workOrderSummary(deps: SummaryDeps, wo: WorkOrderListRow): WorkOrderSummary {
  return {
    id: wo.id,
    reference: wo.reference,
    status: wo.status,
    categoryCode: wo.categoryCode,
    ward: { code: wo.wardCode, name: deps.wardLocator.ward(wo.wardCode)?.name ?? wo.wardCode },
    zone: wo.zone,
    lat: wo.lat,
    lng: wo.lng,
    address: wo.address,
    postcode: wo.postcode,
    publicPlace: wo.publicPlace,
    priority: wo.priority,
    openedAt: wo.openedAt,
    dueAt: wo.dueAt,
    deadlineState: currentDeadlineState(deps, wo),
    crewId: wo.crewId,
    routeDate: wo.routeDate,
    routePosition: wo.routePosition,
    version: wo.version,
  };
}

function reportView(r: ServiceRequest, contact: RequestContact | undefined, withContact: boolean): ReportView {
  const view: ReportView = {
    id: r.id,
    reference: r.reference,
    source: r.source,
    categoryCode: r.categoryCode,
    description: r.description,
    answers: r.answers,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    postcode: r.postcode,
    createdAt: r.createdAt,
    externalId: r.externalId,
  };
  if (withContact) view.contact = contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null;
  return view;
}

function eventView(e: WorkOrderEvent): EventView {
  return { id: e.id, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actorLabel: e.actorLabel, note: e.note, isPublic: e.isPublic, data: e.data, createdAt: e.createdAt };
}

export interface WorkOrderViewsDeps extends SummaryDeps {
  workOrderRepository: Pick<WorkOrderRepository, 'eventsOf' | 'stateEventsOf'>;
  serviceRequestRepository: Pick<ServiceRequestRepository, 'findOfWorkOrder' | 'findContactsOf'>;
  photos: Pick<PhotoService, 'ofWorkOrder' | 'ofMany'>;
}

/** The work order in full, as the office, the crew API and dispatch answer it. */
export class WorkOrderViews {
  constructor(private readonly deps: WorkOrderViewsDeps) {}

  async detail(wo: WorkOrder, viewer: Principal): Promise<WorkOrderView> {
    const d = this.deps;
    const staff = isStaff(viewer);
    const withContact = seesContact(viewer);
    const requests = await d.serviceRequestRepository.findOfWorkOrder(wo.id);
    const contacts = withContact ? await d.serviceRequestRepository.findContactsOf(requests.map((r) => r.id)) : [];
    const byRequest = new Map(contacts.map((c) => [c.requestId, c]));
    const events = await d.workOrderRepository.eventsOf(wo.id);
    const photos = await d.photos.ofWorkOrder(wo.id);
    return {
      ...workOrderSummary(d, wo),
      plannedStartAt: wo.plannedStartAt,
      startedAt: wo.startedAt,
      completedAt: wo.completedAt,
      closedAt: wo.closedAt,
      outcomeReason: wo.outcomeReason,
      outcomeNote: wo.outcomeNote,
      quantities: wo.quantities,
      wasteData: wo.wasteData,
      evidenceFlags: wo.evidenceFlags,
      publicSummary: wo.publicSummary,
      mergedIntoId: wo.mergedIntoId,
      sweepId: wo.sweepId,
      createdAt: wo.createdAt,
      updatedAt: wo.updatedAt,
      reports: requests.map((r) => reportView(r, byRequest.get(r.id), withContact)),
      // Internal notes are for council staff; councillors see the rest of the history.
      events: events.filter((e) => staff || e.type !== 'note').map(eventView),
      photos: photos.map(photoView),
      evidence: evidenceView(wo, photos, events),
    };
  }

  /** Many jobs' ward and evidence in two queries (the office's review queue), not a full detail view each. */
  async evidenceOfMany(wos: WorkOrder[]): Promise<{ ward: WorkOrderSummary['ward']; evidence: EvidenceView }[]> {
    const d = this.deps;
    if (!wos.length) return [];
    const ids = wos.map((w) => w.id);
    const photos = await d.photos.ofMany({ workOrderIds: ids, requestIds: [] });
    // The reviews are all the evidence view reads of the history (a rejection is also a status change).
    const events = await d.workOrderRepository.stateEventsOf(ids, ['evidence_accepted', 'evidence_rejected']);
    return wos.map((wo) => ({
      ward: workOrderSummary(d, wo).ward,
      evidence: evidenceView(
        wo,
        photos.filter((p) => p.workOrderId === wo.id),
        events.filter((e) => e.workOrderId === wo.id),
      ),
    }));
  }
}

function evidenceView(wo: WorkOrder, photos: Photo[], events: WorkOrderEvent[]): EvidenceView {
  const status = evidenceStatusOf(wo);
  const proof = wo.status === 'completed' || wo.proofAfterId ? proofOf(wo, photos) : { before: null, after: null };
  const flags = status === 'none' ? [] : proofFlags(wo, proof);
  const reviewed = [...events].reverse().find((e) => e.type === 'evidence_accepted' || e.type === 'evidence_rejected');
  return {
    status,
    flags,
    flagWords: flags.map((f) => FLAG_WORDS[f] ?? f.replace(/_/g, ' ')),
    before: proof.before ? photoView(proof.before) : null,
    after: proof.after ? photoView(proof.after) : null,
    review: reviewed
      ? {
          decision: reviewed.type === 'evidence_accepted' ? 'accept' : 'reject',
          note: typeof reviewed.data?.reviewNote === 'string' ? reviewed.data.reviewNote : null,
          by: reviewed.actorLabel,
          at: reviewed.createdAt,
        }
      : null,
  };
}
