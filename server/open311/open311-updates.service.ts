/**
 * mySociety's servicerequestupdates: the feed of status changes an Open311
 * client pulls, and the residents' comments it pushes.
 */
import type { Database } from '../../db/data-source.js';
import type { ApiClient } from '../api-clients/api-client.entity.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Config } from '../config.js';
import type { Clock } from '../platform/clock.js';
import type { WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { WorkOrderService } from '../work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { Open311Error, XmlList, type XmlRecord } from './open311.format.js';
import type { Open311Update } from './open311.entity.js';
import { residentUpdateOf, updatesWindow, type Params, type ResidentUpdate } from './open311.params.js';
import type { Open311Repository } from './open311.repository.js';
import { open311Status, PUBLIC_STATE_EVENTS, PUBLIC_UPDATE, publicNoteOf, publicStatusAfter, publicStatusBefore } from './open311.status.js';
import type { Open311Views } from './open311.views.js';

const MAX_UPDATES = 1000;
/** The event a work order gets when another one's requests are merged into it (server/work-orders/triage.service.ts). */
const MERGED_IN = 'merged_in';
const MERGED_NOTE = 'This problem had already been reported; your report has been joined to that one and will be updated with it.';

export interface Open311UpdatesServiceDeps {
  /** The resident update's transaction, under the work order's lock. */
  db: Pick<Database, 'transaction' | 'lock'>;
  requests: ServiceRequestRepository;
  workOrderRows: WorkOrderRepository;
  workOrders: Pick<WorkOrderService, 'addEvent' | 'announce'>;
  open311Rows: Open311Repository;
  views: Open311Views;
  clock: Clock;
  /** A client's date without an offset is the council's local time. */
  config: Pick<Config, 'timeZone'>;
}

export class Open311UpdatesService {
  constructor(private readonly deps: Open311UpdatesServiceDeps) {}

  /**
   * GET servicerequestupdates: one update per status change a resident would
   * notice (a change of Open311 status, or a public note), for every request
   * attached to the work order at the time; update_id is the event's id. A
   * request merged into another work order is told so once (with that work
   * order's status) and then follows it, never hearing "duplicate": its
   * problem is still being dealt with.
   */
  async updates(params: Params): Promise<XmlList> {
    const { deps } = this;
    const { start, end } = updatesWindow(params, deps.clock.now(), deps.config.timeZone);
    const events = await deps.workOrderRows.statusEventsBetween(start, end, [MERGED_IN, PUBLIC_UPDATE, ...PUBLIC_STATE_EVENTS], MAX_UPDATES * 2);
    // A change the public can see: its Open311 status moves, or it carries words written for residents. A work
    // order's "created" event is the request's own creation, which the sender knows about, unless the request was
    // accepted on arrival (hazards): then the client hears "investigating".
    const extendedOf = (s: WorkOrderStatus | null) => open311Status(s).extended;
    const changes = events.filter((e) => {
      if (e.type === MERGED_IN || e.type === PUBLIC_UPDATE) return true;
      const after = publicStatusAfter(e);
      if (e.type === 'created') return after !== null && extendedOf(after) !== 'open';
      return extendedOf(after) !== extendedOf(publicStatusBefore(e)) || publicNoteOf(e) !== null;
    });
    if (!changes.length) return new XmlList('request_update', []);
    const woIds = [...new Set(changes.map((e) => e.workOrderId))];
    const byWorkOrder = new Map<string, ServiceRequest[]>();
    for (const r of await deps.requests.findAttachedToAny(woIds)) byWorkOrder.set(r.workOrderId!, [...(byWorkOrder.get(r.workOrderId!) ?? []), r]);
    // The merge that brought a request to its current work order, if one did: earlier events there were not about it.
    const joinedBy = new Map<string, number>();
    for (const m of await deps.workOrderRows.eventsOfTypeOn(woIds, MERGED_IN)) {
      for (const ref of movedReferences(m)) joinedBy.set(ref, m.id);
    }
    // The photo is the proof fixed at closure, sent with the update that makes the job fixed in public.
    const fixedIds = [...new Set(changes.filter((e) => publicStatusAfter(e) === 'completed').map((e) => e.workOrderId))];
    const afterPhotos = await deps.views.afterPhotoUrls(fixedIds.length ? await deps.workOrderRows.findAllByIds(fixedIds) : []);
    // Merges and public notes carry the status the public saw just before them (evidence under review reads as in
    // progress, as everywhere): the state events of their work orders, read once for all of them.
    const carrying = changes.filter((e) => e.type === MERGED_IN || e.type === PUBLIC_UPDATE);
    const stateEvents = carrying.length ? await deps.workOrderRows.stateEventsOf([...new Set(carrying.map((e) => e.workOrderId))], [...PUBLIC_STATE_EVENTS]) : [];
    const shownBefore = (e: WorkOrderEvent): WorkOrderStatus => {
      const before = stateEvents.filter((s) => s.workOrderId === e.workOrderId && s.id < e.id).at(-1);
      return (before && publicStatusAfter(before)) ?? 'new';
    };

    const out: XmlRecord[] = [];
    for (const e of changes) {
      const attached = byWorkOrder.get(e.workOrderId) ?? [];
      if (e.type === MERGED_IN) {
        const status = open311Status(shownBefore(e));
        for (const r of attached.filter((r) => joinedBy.get(r.reference) === e.id)) out.push(deps.views.update(e, r, status.extended, MERGED_NOTE, null));
      } else if (e.type === PUBLIC_UPDATE) {
        // Words for residents with no change of state: sent with the status the work order was in.
        const status = open311Status(shownBefore(e));
        for (const r of attached) {
          if (r.createdAt > e.createdAt || e.id < (joinedBy.get(r.reference) ?? 0)) continue;
          out.push(deps.views.update(e, r, status.extended, publicNoteOf(e) ?? status.defaultNote, null));
        }
      } else {
        const status = open311Status(publicStatusAfter(e));
        const mediaUrl = status.extended === 'fixed' ? (afterPhotos.get(e.workOrderId) ?? null) : null;
        for (const r of attached) {
          if (r.createdAt > e.createdAt || e.id < (joinedBy.get(r.reference) ?? 0)) continue;
          out.push(deps.views.update(e, r, status.extended, publicNoteOf(e) ?? status.defaultNote, mediaUrl));
        }
      }
      if (out.length >= MAX_UPDATES) return new XmlList('request_update', out.slice(0, MAX_UPDATES));
    }
    return new XmlList('request_update', out);
  }

  /**
   * POST servicerequestupdates: a resident's comment from the client's site.
   * Stored once per (client, update_id); put on the work order's timeline for
   * the dispatcher (not public, not a status change: a resident saying
   * "fixed" or "still there" is for staff to act on).
   */
  async postUpdate(params: Params, client: Pick<ApiClient, 'id' | 'name'>): Promise<string> {
    const { deps } = this;
    const update = residentUpdateOf(params, deps.config.timeZone);
    const { externalUpdateId } = update;
    const existing = await deps.open311Rows.findUpdate(client.id, externalUpdateId);
    if (existing) return sameUpdate(existing, update);
    const request = await deps.requests.findByReference(update.reference);
    if (!request) throw new Open311Error(404, `There is no service request "${update.reference.slice(0, 60)}".`);

    try {
      const id = await deps.db.transaction(async (em) => {
        if (request.workOrderId) await deps.db.lock(em, `wo:${request.workOrderId}`);
        const again = await deps.open311Rows.findUpdate(client.id, externalUpdateId, em);
        if (again) return sameUpdateRow(again, update);
        const rowId = await deps.open311Rows.insertUpdate(
          {
            apiClientId: client.id,
            externalUpdateId,
            serviceRequestId: request.id,
            workOrderId: request.workOrderId,
            status: update.status,
            description: update.description,
            mediaUrl: update.mediaUrl,
            clientUpdatedAt: update.updatedAt,
            createdAt: deps.clock.now().toISOString(),
          },
          em,
        );
        if (request.workOrderId) {
          await deps.workOrders.addEvent(em, request.workOrderId, {
            type: 'resident_update',
            actor: { userId: null, label: client.name },
            note: update.description || null,
            isPublic: false,
            data: { requestReference: request.reference, residentStatus: update.status, mediaUrl: update.mediaUrl, open311UpdateId: rowId },
          });
        }
        return rowId;
      });
      if (request.workOrderId) {
        const wo = await deps.workOrderRows.findById(request.workOrderId);
        if (wo) deps.workOrders.announce(wo);
      }
      return updateIdOf(id);
    } catch (err) {
      // Two deliveries of the same update racing: the unique key kept one; answer with it.
      const winner = await deps.open311Rows.findUpdate(client.id, externalUpdateId);
      if (winner) return sameUpdate(winner, update);
      throw err;
    }
  }
}

/**
 * A repeated update_id is a retry only if it says the same thing; a client
 * reusing the id for different content is refused, not silently dropped.
 */
function sameUpdateRow(stored: Open311Update, update: ResidentUpdate): number {
  if (stored.status !== update.status || stored.description !== update.description || (stored.mediaUrl ?? null) !== update.mediaUrl) {
    throw new Open311Error(409, `update_id "${update.externalUpdateId.slice(0, 60)}" was already used for a different update; give each update its own id.`);
  }
  return stored.id;
}

function sameUpdate(stored: Open311Update, update: ResidentUpdate): string {
  return updateIdOf(sameUpdateRow(stored, update));
}

function movedReferences(mergedIn: WorkOrderEvent): string[] {
  const refs = mergedIn.data?.requests;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Our id for a resident's update, prefixed so it can never equal a status
 * update's event id: FixMyStreet stores it as the comment's external id and
 * skips any fetched update with the same id on that report.
 */
function updateIdOf(rowId: number): string {
  return `ru-${rowId}`;
}
