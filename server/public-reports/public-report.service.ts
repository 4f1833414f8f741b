/**
 * What anyone may see of reports, without logging in: open reports near a
 * point (so a resident can follow one instead of reporting it again) and one
 * report's public page. Built only from public fields: the reference, the
 * category, the status in words, the place as the office reviewed it (or the
 * nearest postcode), when it was reported, the accepted after photo. Never a
 * reporter's name, email or phone, never their free text or landmark text.
 *
 * Following: a resident leaves an email address and hears when the report is
 * closed; the address is stored like a reporter's contact (office only) and
 * every email carries an unsubscribe link.
 */
import type { Logger } from 'pino';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import { PUBLIC_STATUS, publicPlaceOf } from '../intake/public-status.js';
import { errorTextForLog, type Mailer } from '../mail/mailer.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import { boundingBox, haversineMetres } from '../platform/geo.js';
import { newRowId, secureRandomBytes } from '../platform/ids.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { isVerifiedFixed, publicStatusOf } from '../work-orders/evidence.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { isOpen, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import type { FollowerRepository } from './follower.repository.js';
import { publicAfterPhoto } from './public-after-photo.js';

/** How far "nearby" reaches, and how many reports the list shows at most. */
const NEARBY_RADIUS_M = 250;
const NEARBY_LIMIT = 20;

/** Public positions are rounded to about 10 m: enough to find the spot, no more. */
const roundCoord = (v: number) => Math.round(v * 1e4) / 1e4;

export interface NearbyReport {
  reference: string;
  categoryCode: string;
  categoryName: string;
  status: WorkOrderStatus;
  statusText: string;
  place: string;
  reportedAt: string;
  lat: number;
  lng: number;
  distanceM: number;
}

export interface NearbyAnswer {
  /** The point asked about: its nearest postcode and ward (null outside every ward). */
  point: { postcode: string | null; ward: { code: string; name: string } | null };
  reports: NearbyReport[];
}

export interface PublicReport {
  reference: string;
  categoryCode: string;
  categoryName: string;
  place: string;
  ward: { code: string; name: string };
  lat: number;
  lng: number;
  reportedAt: string;
  status: WorkOrderStatus;
  statusText: string;
  open: boolean;
  fixed: boolean;
  closedAt: string | null;
  /** The office's moderated public summary. */
  publicSummary: string | null;
  history: { at: string; text: string }[];
  afterPhoto: { url: string; thumbUrl: string } | null;
}

export interface PublicReportServiceDeps {
  requests: Pick<ServiceRequestRepository, 'findByReference' | 'findOfWorkOrders'>;
  workOrderRows: Pick<WorkOrderRepository, 'findById' | 'openInBox' | 'publicEventsOf'>;
  followers: FollowerRepository;
  categories: Pick<CategoryService, 'find' | 'findCached'>;
  wardLocator: Pick<WardLocator, 'ward' | 'wardAt'>;
  postcodes: Pick<PostcodeService, 'nearest'>;
  photos: Pick<PhotoService, 'ofWorkOrder'>;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'councilName' | 'publicBaseUrl'>;
  logger: Logger;
}

function historyText(type: string, toStatus: string | null): string | null {
  if (type === 'evidence_accepted') return PUBLIC_STATUS.completed;
  if (toStatus) return PUBLIC_STATUS[toStatus as WorkOrderStatus] ?? null;
  if (type === 'merged') return PUBLIC_STATUS.duplicate;
  if (type === 'still_there') return 'A resident said it is still there';
  return null;
}

export class PublicReportService {
  constructor(private readonly deps: PublicReportServiceDeps) {}

  async nearby(lat: number, lng: number): Promise<NearbyAnswer> {
    const d = this.deps;
    const wardRef = d.wardLocator.wardAt(lat, lng);
    const postcode = await d.postcodes.nearest(lat, lng);
    const candidates = (await d.workOrderRows.openInBox(boundingBox(lat, lng, NEARBY_RADIUS_M), 200))
      .map((wo) => ({ wo, distanceM: Math.round(haversineMetres(lat, lng, wo.lat, wo.lng)) }))
      .filter((c) => c.distanceM <= NEARBY_RADIUS_M)
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, NEARBY_LIMIT);
    const requests = await d.requests.findOfWorkOrders(candidates.map((c) => c.wo.id));
    const reports: NearbyReport[] = [];
    for (const { wo, distanceM } of candidates) {
      const category = await d.categories.findCached(wo.categoryCode);
      // A report's public reference is its first resident or partner report's; planned sweeps are not reports.
      const first = requests.find((r) => r.workOrderId === wo.id && r.source !== 'sweep');
      if (!first) continue;
      reports.push({
        reference: first.reference,
        categoryCode: wo.categoryCode,
        categoryName: category?.name ?? wo.categoryCode,
        status: publicStatusOf(wo),
        statusText: PUBLIC_STATUS[publicStatusOf(wo)],
        place: await this.placeOf(wo),
        reportedAt: wo.openedAt,
        lat: roundCoord(wo.lat),
        lng: roundCoord(wo.lng),
        distanceM,
      });
    }
    return { point: { postcode, ward: wardRef ? { code: wardRef.code, name: wardRef.name } : null }, reports };
  }

  async report(reference: string): Promise<PublicReport> {
    const d = this.deps;
    const { wo } = await this.find(reference);
    const category = await d.categories.find(wo.categoryCode);
    const wardName = d.wardLocator.ward(wo.wardCode)?.name ?? wo.wardCode;
    const events = await d.workOrderRows.publicEventsOf(wo.id);
    // Closed on photos the office has not accepted yet: still in progress in public, and the closure is not told.
    const verified = isVerifiedFixed(wo);
    const status = publicStatusOf(wo);
    const history: PublicReport['history'] = [];
    for (const e of events) {
      if (e.toStatus === 'completed' && !verified) continue;
      const text = e.type === 'created' ? 'Reported' : historyText(e.type, e.toStatus);
      if (text && history.at(-1)?.text !== text) history.push({ at: e.createdAt, text });
    }
    const after = publicAfterPhoto(wo, await d.photos.ofWorkOrder(wo.id));
    return {
      reference: reference.toUpperCase(),
      categoryCode: wo.categoryCode,
      categoryName: category?.name ?? wo.categoryCode,
      place: await this.placeOf(wo),
      ward: { code: wo.wardCode, name: wardName },
      lat: roundCoord(wo.lat),
      lng: roundCoord(wo.lng),
      reportedAt: wo.openedAt,
      status,
      statusText: PUBLIC_STATUS[status],
      open: isOpen(status),
      fixed: verified,
      closedAt: isOpen(status) ? null : (wo.closedAt ?? null),
      publicSummary: wo.publicSummary,
      history,
      afterPhoto: after ? { url: `/api/photos/${after.id}?size=full`, thumbUrl: `/api/photos/${after.id}?size=thumb` } : null,
    };
  }

  /** Subscribes an email address to a report's updates (once per address and report). */
  async follow(reference: string, rawEmail: string): Promise<{ reference: string; following: true }> {
    const d = this.deps;
    const email = rawEmail.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ValidationError('Enter an email address like name@example.com.', { field: 'email' }, 'INVALID_EMAIL');
    const { request, wo } = await this.find(reference);
    // What the public sees: a job whose photos are still being checked is in progress, so it can be followed.
    const shown = publicStatusOf(wo);
    if (!isOpen(shown)) {
      throw new ConflictError('REPORT_CLOSED', `Report ${request.reference} is already closed (${PUBLIC_STATUS[shown].toLowerCase()}), so there are no updates to follow. If the problem is there, please report it.`);
    }
    if (await d.followers.findActive(wo.id, email)) return { reference: request.reference, following: true };
    const row = {
      id: newRowId(),
      workOrderId: wo.id,
      reference: request.reference,
      email,
      unsubscribeToken: secureRandomBytes(24).toString('base64url'),
      createdAt: d.clock.now().toISOString(),
      unsubscribedAt: null,
    };
    await d.followers.insert(row);
    const category = (await d.categories.find(wo.categoryCode))?.name ?? wo.categoryCode;
    try {
      await d.mailer.send({
        to: email,
        subject: `You are following report ${request.reference}`,
        text: [
          `You are now following report ${request.reference} (${category.toLowerCase()} at ${await this.placeOf(wo)}).`,
          'We will email you when it is closed. Thank you for not reporting it twice.',
          '',
          `See it here: ${this.publicUrl(request.reference)}`,
          '',
          `Stop these emails: ${this.unsubscribeUrl(row.unsubscribeToken)}`,
          '',
          d.config.councilName,
        ].join('\n'),
      });
    } catch (err) {
      // The subscription stands; the address never goes to the log.
      d.logger.warn({ reference: request.reference, error: errorTextForLog(err) }, 'follow confirmation not sent');
    }
    return { reference: request.reference, following: true };
  }

  async unsubscribe(token: string): Promise<{ reference: string; unsubscribed: true }> {
    const d = this.deps;
    const row = token.length >= 20 ? await d.followers.findByToken(token) : null;
    if (!row) throw new NotFoundError('UNSUBSCRIBE_NOT_FOUND', 'We cannot find that subscription. Check that you copied the whole link.');
    await d.followers.unsubscribe(row.id, d.clock.now().toISOString());
    return { reference: row.reference, unsubscribed: true };
  }

  private placeOf(wo: WorkOrder): Promise<string> {
    return publicPlaceOf(wo, this.deps);
  }

  publicUrl(reference: string): string {
    return `${this.deps.config.publicBaseUrl}/reports/${encodeURIComponent(reference)}`;
  }

  unsubscribeUrl(token: string): string {
    return `${this.deps.config.publicBaseUrl}/unsubscribe/${token}`;
  }

  private async find(reference: string): Promise<{ request: ServiceRequest; wo: WorkOrder }> {
    const d = this.deps;
    const ref = reference.trim().toUpperCase();
    const request = /^KB-\d{2}-\d{6}$/.test(ref) ? await d.requests.findByReference(ref) : null;
    const wo = request?.workOrderId ? await d.workOrderRows.findById(request.workOrderId) : null;
    if (!request || !wo) throw new NotFoundError('REPORT_NOT_FOUND', `There is no report ${ref}. Check the reference, for example KB-26-000123.`);
    return { request, wo };
  }
}
