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
import type { WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { open311DateTime, type XmlRecord } from './open311.format.js';
import type { Open311Repository } from './open311.repository.js';
import { open311Status } from './open311.status.js';

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
    const fixedIds = [...workOrders.values()].filter((w) => w.status === 'completed').map((w) => w.id);
    const afterPhotos = await this.afterPhotoUrls(fixedIds);
    const notes = await this.latestPublicNotes(woIds);
    const sent = new Map((await deps.open311Rows.requestExtrasOf(rows.map((r) => r.id))).map((o) => [o.serviceRequestId, o]));

    return rows.map((r) => {
      const wo = r.workOrderId ? workOrders.get(r.workOrderId) : undefined;
      const status = open311Status(wo?.status);
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
        address: r.address ?? r.postcode ?? null,
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

  /** The latest after photo of each fixed work order, as a URL anyone can open (the photo route serves fixed jobs' photos publicly). */
  async afterPhotoUrls(workOrderIds: string[]): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    if (!workOrderIds.length) return urls;
    for (const p of await this.deps.photos.afterPhotosOf(workOrderIds)) urls.set(p.workOrderId!, `${this.deps.config.publicBaseUrl}/api/photos/${p.id}?size=full`);
    return urls;
  }

  private async latestPublicNotes(workOrderIds: string[]): Promise<Map<string, string>> {
    const notes = new Map<string, string>();
    if (!workOrderIds.length) return notes;
    for (const e of await this.deps.workOrderRows.notedEventsOf(workOrderIds)) if (e.isPublic && e.note) notes.set(e.workOrderId, e.note);
    return notes;
  }
}
