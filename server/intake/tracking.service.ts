/**
 * What a reporter sees with their tracking token: their own report, the work
 * order's status and its public events. No staff names or notes, no contact
 * details, nothing about other reporters.
 */
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import { NotFoundError } from '../errors.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { Clock } from '../platform/clock.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { isVerifiedFixed, proofOf, publicStatusOf } from '../work-orders/evidence.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { PUBLIC_STATUS, publicPlaceOf } from './public-status.js';
import { nextStep, type NextStep } from './next-step.js';
import type { ServiceRequestRepository } from './service-request.repository.js';
import { stillThereRefusal } from './still-there.service.js';

export interface TrackingView {
  reference: string;
  categoryCode: string;
  categoryName: string;
  description: string;
  ward: { code: string; name: string };
  reportedAt: string;
  status: WorkOrderStatus;
  statusText: string;
  fixed: boolean;
  dueAt: string | null;
  closedAt: string | null;
  publicSummary: string | null;
  timeline: { at: string; status: WorkOrderStatus | null; text: string; note: string | null }[];
  /** Before/after evidence, once the job is cleared. */
  photos: { id: string; kind: string; url: string; thumbUrl: string }[];
  /** Where it is: the reported point and its public description (office-reviewed place, else the nearest postcode). */
  location: { lat: number; lng: number; place: string };
  /** The reporter's own photos, served through their tracking link only. */
  ownPhotos: { id: string; url: string; thumbUrl: string }[];
  /** What happens next and by when, from the status, the deadline and the crews' duty hours. */
  nextStep: NextStep;
  /** Updates the office wrote for the public. */
  updates: { at: string; text: string }[];
  /** The report's public page (anyone may see it; no personal data). */
  publicPath: string;
  /** Whether "still there?" can be used now, and why not. */
  stillThere: { allowed: boolean; code: string | null; message: string | null };
}

/** A job the crew closed whose photos the office is still checking. */
const UNDER_REVIEW_TEXT = 'A crew has been; the council is checking the photos';

function eventText(type: string, toStatus: string | null): string {
  if (type === 'still_there') return 'You told us it is still there: reopened';
  if (type === 'evidence_accepted') return PUBLIC_STATUS.completed;
  if (toStatus) return PUBLIC_STATUS[toStatus as WorkOrderStatus] ?? toStatus;
  if (type === 'merged') return PUBLIC_STATUS.duplicate;
  if (type === 'public_update') return 'Update from the council';
  return 'Updated';
}

function localWhen(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export interface TrackingServiceDeps {
  requests: Pick<ServiceRequestRepository, 'findByTrackingToken'>;
  workOrderRows: Pick<WorkOrderRepository, 'findById' | 'publicEventsOf'>;
  categories: Pick<CategoryService, 'find'>;
  wardLocator: Pick<WardLocator, 'ward'>;
  photos: Pick<PhotoService, 'ofWorkOrder' | 'ofMany'>;
  crews: Pick<CrewRepository, 'listCrews'>;
  postcodes: Pick<PostcodeService, 'nearest'>;
  clock: Clock;
  config: Pick<Config, 'timeZone'>;
}

export class TrackingService {
  constructor(private readonly deps: TrackingServiceDeps) {}

  async view(token: string): Promise<TrackingView> {
    const { deps } = this;
    const request = token.length >= 20 ? await deps.requests.findByTrackingToken(token) : null;
    if (!request) throw new NotFoundError('TRACKING_NOT_FOUND', 'We cannot find a report with that tracking link. Check that you copied all of it.');
    const wo = request.workOrderId ? await deps.workOrderRows.findById(request.workOrderId) : null;
    const category = await deps.categories.find(request.categoryCode);
    const events = wo ? await deps.workOrderRows.publicEventsOf(wo.id) : [];
    // A job closed on photos the office has not accepted yet is still in progress to the resident.
    const status = wo ? publicStatusOf(wo) : 'new';
    const fixed = !!wo && isVerifiedFixed(wo);
    const underReview = !!wo && wo.status === 'completed' && !fixed;
    // The proof fixed at closure only: photos sent later are staff-only extras.
    const proof = fixed && wo ? proofOf(wo, await deps.photos.ofWorkOrder(wo.id)) : null;
    const photos = proof ? [proof.before, proof.after].filter((p) => p !== null) : [];
    const own = (await deps.photos.ofMany({ workOrderIds: [], requestIds: [request.id] })).filter((p) => p.kind === 'report' && !p.flags.includes('unreadable'));
    const now = deps.clock.now();
    const when = (iso: string) => localWhen(iso, deps.config.timeZone);
    const refusal = stillThereRefusal(wo, now);
    const ownUrl = (id: string, size: string) => `/api/track/${encodeURIComponent(token)}/photos/${id}?size=${size}`;
    return {
      reference: request.reference,
      categoryCode: request.categoryCode,
      categoryName: category?.name ?? request.categoryCode,
      description: request.description,
      ward: { code: request.wardCode, name: deps.wardLocator.ward(request.wardCode)?.name ?? request.wardCode },
      reportedAt: request.createdAt,
      status,
      statusText: underReview ? UNDER_REVIEW_TEXT : PUBLIC_STATUS[status],
      fixed,
      dueAt: wo?.dueAt ?? null,
      closedAt: wo?.closedAt ?? wo?.completedAt ?? null,
      publicSummary: wo?.publicSummary ?? null,
      timeline: [
        { at: request.createdAt, status: null, text: 'You reported it', note: null },
        ...events.map((e) => ({
          at: e.createdAt,
          status: (e.toStatus as WorkOrderStatus | null) ?? null,
          text: eventText(e.type, e.toStatus),
          // Only a dispatcher's rejection, cancellation and public update are written for the reporter; other notes stay
          // internal. The events read are the public ones already; the flag is checked here too, as this is what a resident sees.
          note: e.isPublic && (e.type === 'rejected' || e.type === 'public_update' || e.type === 'cancelled') ? e.note : null,
        })),
      ],
      photos: photos.map((p) => ({ id: p.id, kind: p.kind, url: `/api/photos/${p.id}?size=full`, thumbUrl: `/api/photos/${p.id}?size=thumb` })),
      location: {
        lat: wo?.lat ?? request.lat,
        lng: wo?.lng ?? request.lng,
        // Public words only (the reviewed place or a postcode), as on the public page, since links get forwarded.
        place: await publicPlaceOf({ publicPlace: wo?.publicPlace ?? null, postcode: wo?.postcode ?? request.postcode, lat: request.lat, lng: request.lng, wardCode: request.wardCode }, deps),
      },
      ownPhotos: own.map((p) => ({ id: p.id, url: ownUrl(p.id, 'full'), thumbUrl: ownUrl(p.id, 'thumb') })),
      nextStep: nextStep(wo, await deps.crews.listCrews(false), now, deps.config.timeZone, when),
      updates: events.filter((e) => e.type === 'note' && e.isPublic && e.note).map((e) => ({ at: e.createdAt, text: e.note! })),
      publicPath: `/reports/${encodeURIComponent(request.reference)}`,
      stillThere: { allowed: !refusal, code: refusal?.code ?? null, message: refusal?.message ?? null },
    };
  }

  /** One of the reporter's own photos, only through their own tracking link (anything else reads as not found). */
  async ownPhoto(token: string, photoId: string): Promise<{ id: string }> {
    const request = token.length >= 20 ? await this.deps.requests.findByTrackingToken(token) : null;
    const own = request ? (await this.deps.photos.ofMany({ workOrderIds: [], requestIds: [request.id] })).find((p) => p.id === photoId && p.kind === 'report') : undefined;
    if (!own) throw new NotFoundError('PHOTO_NOT_FOUND', 'There is no such photo.');
    return own;
  }
}
