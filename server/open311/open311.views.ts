/**
 * What Open311 shows of a request and of an update. Built only from the
 * request, its work order, public notes, after photos and what the sender
 * sent itself: never from request_contact, so no reporter's name, email or
 * phone can leave through Open311.
 */
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import { isVerifiedFixed, proofOf, publicStatusOf } from '../work-orders/evidence.js';
import type { WorkOrder, WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { open311DateTime, type XmlRecord } from './open311.format.js';
import type { Open311Repository } from './open311.repository.js';
import { open311Status, PUBLIC_STATE_EVENTS, PUBLIC_UPDATE, publicNoteOf, publicStatusAfter } from './open311.status.js';

export interface Open311ViewsDeps {
  workOrderRows: WorkOrderRepository;
  photos: PhotoRepository;
  open311Rows: Open311Repository;
  categories: Pick<CategoryService, 'list'>;
  config: Pick<Config, 'councilName' | 'publicBaseUrl' | 'timeZone'>;
}

export class Open311Views {
  constructor(private readonly deps: Open311ViewsDeps) {}

  /** An instant as Open311 writes it: local time with its offset. */
  date(iso: string | null | undefined): string | null {
    return open311DateTime(iso, this.deps.config.timeZone);
  }

  async requests(rows: ServiceRequest[]): Promise<XmlRecord[]> {
    if (!rows.length) return [];
    const { deps } = this;
    const woIds = [...new Set(rows.map((r) => r.workOrderId).filter((id): id is string => !!id))];
    const workOrders = new Map((await deps.workOrderRows.findAllByIds(woIds)).map((w) => [w.id, w]));
    const categories = new Map((await deps.categories.list({ includeInactive: true })).map((c) => [c.code, c]));
    // Fixed (and its photo) only once the office has accepted the evidence; before that the request is in progress.
    const afterPhotos = await this.afterPhotoUrls([...workOrders.values()].filter(isVerifiedFixed));
    const notes = await this.latestPublicNotes([...workOrders.values()]);
    const sent = new Map((await deps.open311Rows.requestExtrasOf(rows.map((r) => r.id))).map((o) => [o.serviceRequestId, o]));

    return rows.map((r) => {
      const wo = r.workOrderId ? workOrders.get(r.workOrderId) : undefined;
      const status = open311Status(wo ? publicStatusOf(wo) : null);
      return {
        service_request_id: r.reference,
        status: status.status,
        status_notes: (wo && notes.get(wo.id)) ?? status.defaultNote,
        service_name: categories.get(r.categoryCode)?.name ?? r.categoryCode,
        service_code: r.categoryCode,
        // Only text that is already public: a moderated summary, or what an Open311 sender published itself.
        description: r.publicSummary ?? (r.source === 'open311' ? r.description : null),
        agency_responsible: deps.config.councilName,
        service_notice: null,
        requested_datetime: this.date(r.createdAt),
        // A report that joined an older work order was still updated no earlier than it arrived.
        updated_datetime: this.date(wo && wo.updatedAt > r.createdAt ? wo.updatedAt : r.createdAt),
        expected_datetime: this.date(wo?.dueAt),
        // Likewise the place: a web reporter's own landmark text is unreviewed (it can name a house or a person), so theirs is the office-reviewed place or the postcode.
        address: (r.source === 'open311' ? r.address : wo?.publicPlace) ?? r.postcode ?? null,
        address_id: null,
        zipcode: r.postcode ?? null,
        lat: r.lat,
        long: r.lng,
        media_url: (wo && afterPhotos.get(wo.id)) ?? sent.get(r.id)?.mediaUrls[0] ?? null,
        // Not in GeoReport v2 (clients ignore unknown elements): the report's public page, for people to follow it.
        url: `${deps.config.publicBaseUrl}/reports/${encodeURIComponent(r.reference)}`,
      };
    });
  }

  update(e: WorkOrderEvent, r: ServiceRequest, status: string, description: string, mediaUrl: string | null): XmlRecord {
    return {
      update_id: String(e.id),
      service_request_id: r.reference,
      status,
      updated_datetime: this.date(e.createdAt),
      description,
      media_url: mediaUrl,
    };
  }

  /**
   * The after photo fixed as each job's proof at closure, as a URL anyone can
   * open (the photo route serves accepted proof publicly). Photos sent later
   * never replace it. Give only jobs whose evidence is accepted.
   */
  async afterPhotoUrls(workOrders: WorkOrder[]): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    if (!workOrders.length) return urls;
    const url = (id: string) => `${this.deps.config.publicBaseUrl}/api/photos/${id}?size=full`;
    const unfixed: WorkOrder[] = [];
    for (const wo of workOrders) {
      if (wo.proofAfterId) urls.set(wo.id, url(wo.proofAfterId));
      else unfixed.push(wo);
    }
    if (unfixed.length) {
      const photos = await this.deps.photos.findByWorkOrders(unfixed.map((w) => w.id));
      for (const wo of unfixed) {
        const after = proofOf(wo, photos.filter((p) => p.workOrderId === wo.id)).after;
        if (after) urls.set(wo.id, url(after.id));
      }
    }
    return urls;
  }

  /**
   * The latest public note of the latest public state: the note of the event that put each work order where the
   * public sees it, or an update the office wrote for residents since then; else null.
   */
  private async latestPublicNotes(workOrders: WorkOrder[]): Promise<Map<string, string>> {
    const notes = new Map<string, string>();
    if (!workOrders.length) return notes;
    const current = new Map(workOrders.map((w) => [w.id, publicStatusOf(w)]));
    const last = new Map<string, WorkOrderEvent>();
    for (const e of await this.deps.workOrderRows.stateEventsOf([...current.keys()], [...PUBLIC_STATE_EVENTS, PUBLIC_UPDATE])) {
      if (e.type === PUBLIC_UPDATE ? last.has(e.workOrderId) || publicNoteOf(e) !== null : publicStatusAfter(e) === current.get(e.workOrderId)) last.set(e.workOrderId, e);
    }
    for (const [id, e] of last) {
      const note = publicNoteOf(e);
      if (note) notes.set(id, note);
    }
    return notes;
  }
}
