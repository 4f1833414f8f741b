/**
 * "Still there?": the reporter of a closed job says the problem is still (or
 * again) there, from the tracking page or the link in the closure email.
 *
 * The choice: the SAME work order is reopened, not a new one filed. The job
 * keeps its history (the crew's before/after photos, the first report), every
 * reporter and follower of it hears when it closes again, and Open311 clients
 * see the same request move back to open. The dispatcher sees it first: a
 * reopened job leaves the crew it had (it goes back to the unassigned pile),
 * is marked high priority, and its deadline is the category's response time
 * again, counted from the resident's word, so it sorts ahead of work that has
 * been waiting less urgently. The resident's note goes on the job as an
 * internal note (their words are office-only, like their description); the
 * public history says only "A resident said it is still there".
 *
 * Refused (409, a machine code and plain words) when it makes no sense:
 * the job is still open (STILL_OPEN: there is nothing to reopen yet), or it
 * closed more than STILL_THERE_DAYS ago (CLOSED_TOO_LONG_AGO: a new report is
 * the honest way, it may be a new problem).
 */
import type { Database } from '../../db/data-source.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import type { SlaService } from '../sla/sla.service.js';
import type { WorkOrderService } from '../work-orders/work-order.service.js';
import { isOpen, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import type { ServiceRequestRepository } from './service-request.repository.js';
import { PUBLIC_STATUS } from './public-status.js';

/** How long after closure a reporter can reopen their job. */
const STILL_THERE_DAYS = 28;

export interface StillThereDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  requests: Pick<ServiceRequestRepository, 'findByTrackingToken'>;
  workOrders: Pick<WorkOrderService, 'get' | 'change' | 'addEvent' | 'announce'>;
  photos: Pick<PhotoService, 'ingest'>;
  sla: Pick<SlaService, 'atRiskFrom'>;
  clock: Clock;
}

export interface StillThereAnswer {
  reference: string;
  decision: 'reopened';
  status: WorkOrderStatus;
  statusText: string;
  dueAt: string;
}

/** Why "still there?" cannot be used now, in words for the resident (null: it can). */
export function stillThereRefusal(wo: { status: WorkOrderStatus; closedAt: string | null; updatedAt: string } | null, now: Date): { code: string; message: string } | null {
  if (!wo || isOpen(wo.status)) {
    return {
      code: 'STILL_OPEN',
      message: `Your report is still open (${PUBLIC_STATUS[wo?.status ?? 'new'].toLowerCase()}): a crew has not finished with it yet, so there is nothing to reopen. If you gave us your email address, we will tell you when it is closed.`,
    };
  }
  const closedAt = Date.parse(wo.closedAt ?? wo.updatedAt);
  if (now.getTime() - closedAt > STILL_THERE_DAYS * 86_400_000) {
    return {
      code: 'CLOSED_TOO_LONG_AGO',
      message: `This report was closed more than ${STILL_THERE_DAYS} days ago, so it may be a new problem. Please make a new report and we will look at it afresh.`,
    };
  }
  return null;
}

export class StillThereService {
  constructor(private readonly deps: StillThereDeps) {}

  async report(token: string, input: { note: string; photo?: Buffer | null }): Promise<StillThereAnswer> {
    const d = this.deps;
    const note = input.note.trim();
    if (!note) throw new ValidationError('Tell us briefly what is still there.', { field: 'note' }, 'NOTE_REQUIRED');
    const request = token.length >= 20 ? await d.requests.findByTrackingToken(token) : null;
    if (!request) throw new NotFoundError('TRACKING_NOT_FOUND', 'We cannot find a report with that tracking link. Check that you copied all of it.');
    const first = request.workOrderId ? await d.workOrders.get(request.workOrderId).catch(() => null) : null;
    const refusal = stillThereRefusal(first, d.clock.now());
    if (refusal) throw new ConflictError(refusal.code, refusal.message);
    // The photo is checked and stored before the change, so a bad photo refuses the whole request.
    const photo = input.photo?.length
      ? await d.photos.ingest(input.photo, { ownerKey: `sr:${request.id}`, requestId: request.id, workOrderId: first!.id, kind: 'report' })
      : null;
    const updated = await d.db.transaction(async (em) => {
      await d.db.lock(em, `wo:${first!.id}`);
      const wo = await d.workOrders.get(first!.id, em);
      const again = stillThereRefusal(wo, d.clock.now());
      if (again) throw new ConflictError(again.code, again.message);
      const now = d.clock.now().toISOString();
      const responseMs = Math.max(3_600_000, Date.parse(wo.dueAt) - Date.parse(wo.openedAt));
      const dueAt = new Date(Date.parse(now) + responseMs).toISOString();
      const next = await d.workOrders.change(em, wo, {
        to: 'reopened',
        patch: {
          crewId: null, routeDate: null, routePosition: null, plannedStartAt: null,
          priority: wo.priority === 'urgent' ? 'urgent' : 'high',
          openedAt: now, dueAt, atRiskAt: d.sla.atRiskFrom(now, dueAt), deadlineState: 'on_time',
        },
        event: { type: 'still_there', isPublic: true, data: { requestReference: request.reference, photoId: photo?.id ?? null, previousStatus: wo.status } },
        actor: { userId: null, label: `Resident (${request.reference})` },
      });
      await d.workOrders.addEvent(em, wo.id, { type: 'note', note: `Resident says it is still there: ${note}`, isPublic: false, actor: { userId: null, label: `Resident (${request.reference})` } });
      return next;
    });
    d.workOrders.announce(updated);
    return { reference: request.reference, decision: 'reopened', status: updated.status, statusText: PUBLIC_STATUS[updated.status], dueAt: updated.dueAt };
  }
}
