/**
 * What a reporter sees with their tracking token: their own report, the work
 * order's status and its public events. No staff names or notes, no contact
 * details, nothing about other reporters.
 */
import type { CategoryService } from '../categories/category.service.js';
import { NotFoundError } from '../errors.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { FIXED_STATUSES, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import type { ServiceRequestRepository } from './service-request.repository.js';

/** Words a resident understands, one per status. */
export const PUBLIC_STATUS: Readonly<Record<WorkOrderStatus, string>> = Object.freeze({
  new: 'Received',
  accepted: 'Accepted: a crew will be sent',
  scheduled: 'Scheduled',
  assigned: 'A crew has it on today\u2019s list',
  in_progress: 'A crew is on site',
  completed: 'Cleared',
  not_completed: 'Closed: not cleared',
  partially_completed: 'Closed: partly cleared',
  rejected: 'Closed: no action',
  cancelled: 'Cancelled',
  duplicate: 'Joined with another report of the same problem',
  not_responsible: 'Closed: not the council\u2019s responsibility',
  reopened: 'Reopened',
});

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
}

function eventText(type: string, toStatus: string | null): string {
  if (toStatus) return PUBLIC_STATUS[toStatus as WorkOrderStatus] ?? toStatus;
  if (type === 'merged') return PUBLIC_STATUS.duplicate;
  if (type === 'public_update') return 'Update from the council';
  return 'Updated';
}

export interface TrackingServiceDeps {
  requests: ServiceRequestRepository;
  workOrderRows: WorkOrderRepository;
  categories: Pick<CategoryService, 'find'>;
  wardLocator: Pick<WardLocator, 'ward'>;
  photos: Pick<PhotoService, 'ofWorkOrder'>;
}

export class TrackingService {
  constructor(private readonly deps: TrackingServiceDeps) {}

  async view(token: string): Promise<TrackingView> {
    const { deps } = this;
    const request = token.length >= 20 ? await deps.requests.findByTrackingToken(token) : null;
    if (!request) throw new NotFoundError('TRACKING_NOT_FOUND', 'We cannot find a report with that tracking link. Check that you copied all of it.');
    const wo = request.workOrderId ? await deps.workOrderRows.findIfAny(request.workOrderId) : null;
    const category = await deps.categories.find(request.categoryCode);
    const events = wo ? await deps.workOrderRows.publicEventsOf(wo.id) : [];
    const status = wo?.status ?? 'new';
    const fixed = FIXED_STATUSES.includes(status);
    const photos = fixed && wo ? (await deps.photos.ofWorkOrder(wo.id)).filter((p) => p.kind === 'before' || p.kind === 'after') : [];
    return {
      reference: request.reference,
      categoryCode: request.categoryCode,
      categoryName: category?.name ?? request.categoryCode,
      description: request.description,
      ward: { code: request.wardCode, name: deps.wardLocator.ward(request.wardCode)?.name ?? request.wardCode },
      reportedAt: request.createdAt,
      status,
      statusText: PUBLIC_STATUS[status],
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
          // Only a dispatcher's rejection, cancellation and public update are written for the reporter; other notes stay internal.
          note: e.type === 'rejected' || e.type === 'public_update' || e.type === 'cancelled' ? e.note : null,
        })),
      ],
      photos: photos.map((p) => ({ id: p.id, kind: p.kind, url: `/api/photos/${p.id}?size=full`, thumbUrl: `/api/photos/${p.id}?size=thumb` })),
    };
  }
}
