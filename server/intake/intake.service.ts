/**
 * The front door: a report from a resident, a partner, Open311 or a member of
 * staff becomes a service request attached to a work order (a new one, or an
 * open one of the same category close by) with its ward, zone and deadline.
 *
 * The "find a nearby open work order, else create one" step runs inside intake's
 * group commit (group-commit.ts), whose batches are serial (SQLite: one
 * connection; PostgreSQL: one advisory lock across every instance), so two
 * identical reports arriving together still end on one work order.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { Category } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { AppError, UnprocessableError, ValidationError } from '../errors.js';
import type { Principal } from '../http/principal.js';
import type { ReporterNotifications } from '../notifications/reporter-notifications.js';
import type { PhotoService, PreparedPhoto } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import { boundingBox, haversineMetres } from '../platform/geo.js';
import { newRowId, secureRandomBytes } from '../platform/ids.js';
import { compactPostcode, type PostcodeService } from '../postcodes/postcode.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { NewWorkOrder } from '../work-orders/work-order.factory.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Actor, WorkOrderService } from '../work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { checkAnswers, type AnswerProblem } from './answers.js';
import { GroupCommit } from './group-commit.js';
import type { RequestSource, ServiceRequest } from './service-request.entity.js';
import type { ServiceRequestRepository } from './service-request.repository.js';

export interface IntakeInput {
  categoryCode: string;
  lat?: number | null;
  lng?: number | null;
  postcode?: string | null;
  address?: string | null;
  description: string;
  answers?: Record<string, unknown>;
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  source: Exclude<RequestSource, 'sweep'>;
  /** The sender's own id (FixMyStreet's report id): a resend with the same id returns the first answer. */
  externalId?: string | null;
  photos?: Buffer[];
}

export interface IntakeActor {
  kind: Principal['kind'] | 'system';
  label: string;
  userId?: string | null;
  apiClientId?: string | null;
}

export interface IntakeResult {
  serviceRequestId: string;
  reference: string;
  trackingToken: string;
  workOrderId: string;
  workOrderReference: string;
  categoryCode: string;
  ward: { code: string; name: string };
  dueAt: string;
  status: WorkOrderStatus;
  /** True when the report joined an open work order instead of creating one. */
  joinedExisting: boolean;
  /** Set when the sender had already sent this externalId: nothing new was stored. */
  replayed: boolean;
}

export const MAX_REPORT_PHOTOS = 3;
const MAX_DESCRIPTION = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

export function intakeActorOf(p: Principal): IntakeActor {
  if (p.kind === 'user') return { kind: 'user', label: p.user.name, userId: p.user.id };
  if (p.kind === 'partner') return { kind: 'partner', label: p.client.name, apiClientId: p.client.id };
  return { kind: 'anonymous', label: 'Member of the public' };
}

interface Located {
  lat: number;
  lng: number;
  postcode: string | null;
  ward: { code: string; name: string };
  zone: number;
}

export interface IntakeServiceDeps {
  /** Transactions, grouped (group-commit.ts). */
  db: Pick<Database, 'dialect' | 'transaction' | 'transactionSyncedOffLoop'>;
  requests: Pick<ServiceRequestRepository, 'findByExternalId' | 'allocateRequestReference' | 'insertForIntake' | 'insertContactForIntake'>;
  /** The duplicate check's reads. */
  workOrderRows: Pick<WorkOrderRepository, 'openCandidatesInBox' | 'loadForIntake'>;
  workOrders: Pick<WorkOrderService, 'get' | 'addEvent' | 'announce'>;
  /** Opens a new work order inside the report's transaction, as every new work order starts (work-order.factory.ts). */
  openWorkOrder: (em: EntityManager, spec: NewWorkOrder) => Promise<WorkOrder>;
  categories: Pick<CategoryService, 'findCached'>;
  postcodes: Pick<PostcodeService, 'lookup'>;
  wardLocator: Pick<WardLocator, 'wardAt' | 'zoneAt' | 'ward'>;
  photos: Pick<PhotoService, 'prepareDeferred' | 'saveForNewReport' | 'renderSoon'>;
  notifications: Pick<ReporterNotifications, 'reportReceived'>;
  clock: Clock;
  config: Pick<Config, 'timeZone' | 'councilName'>;
}

export class IntakeService {
  private readonly commits: GroupCommit;

  constructor(private readonly deps: IntakeServiceDeps) {
    this.commits = new GroupCommit(deps.db);
  }

  /** Reports written and transactions used on SQLite (how well group commit batches). */
  get commitStats(): { batches: number; items: number } {
    return { ...this.commits.stats };
  }

  async submit(input: IntakeInput, actor: IntakeActor): Promise<IntakeResult> {
    const d = this.deps;
    const problems: AnswerProblem[] = [];
    const description = typeof input.description === 'string' ? input.description.trim() : '';
    if (!description) problems.push({ field: 'description', message: 'please tell us what you saw' });
    else if (description.length > MAX_DESCRIPTION) problems.push({ field: 'description', message: `must be at most ${MAX_DESCRIPTION} characters` });
    const contact = this.checkContact(input.contact, problems);
    if ((input.photos?.length ?? 0) > MAX_REPORT_PHOTOS) problems.push({ field: 'photos', message: `at most ${MAX_REPORT_PHOTOS} photos` });
    if (input.address && input.address.length > 300) problems.push({ field: 'address', message: 'must be at most 300 characters' });

    const reported = await this.category(input.categoryCode);
    if (!reported || !reported.active) {
      throw new UnprocessableError('UNKNOWN_CATEGORY', `We don't take reports of type "${input.categoryCode}". Choose one of the listed categories.`, { field: 'categoryCode' });
    }
    const checked = checkAnswers(reported, input.answers ?? {}, { ignoreUnknown: input.source === 'open311' });
    problems.push(...checked.problems);
    if (problems.length) {
      const first = problems[0];
      const code = problems.every((p) => p.field.startsWith('answers.')) ? 'INVALID_ANSWERS' : 'VALIDATION_FAILED';
      throw new ValidationError(`Please check ${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { in: 'body', fields: problems }, code);
    }
    const category = checked.routedTo ? ((await this.category(checked.routedTo)) ?? reported) : reported;
    const where = await this.locate(input);

    if (actor.apiClientId && input.externalId) {
      const previous = await d.requests.findByExternalId(actor.apiClientId, input.externalId);
      if (previous) return this.replay(previous);
    }

    // Photos are checked and stored before the transaction (a bad photo refuses the whole report) and
    // rendered after the answer; rows are written inside it.
    const requestId = newRowId();
    const photos: PreparedPhoto[] = [];
    for (const bytes of input.photos ?? []) {
      const prepared = await d.photos.prepareDeferred(bytes, { ownerKey: `sr:${requestId}`, requestId, kind: 'report', uploadedBy: actor.userId ?? null });
      // The same picture sent twice in one report is one photo (its file is stored by content, so once too).
      if (!photos.some((p) => p.row.sha256 === prepared.row.sha256)) photos.push(prepared);
    }

    const woActor: Actor = { userId: actor.userId ?? null, label: actor.label };
    const outcome = await this.commits.run(async (em) => {
      if (actor.apiClientId && input.externalId) {
        // Checked again under the lock: two resends racing each other still store one request.
        const previous = await d.requests.findByExternalId(actor.apiClientId, input.externalId, em);
        if (previous) return { replay: previous } as const;
      }
      const now = d.clock.now();
      const nowIso = now.toISOString();
      let wo = await this.nearestOpen(em, category, where.lat, where.lng);
      const joined = wo !== null;
      wo ??= await d.openWorkOrder(em, {
        category, lat: where.lat, lng: where.lng, wardCode: where.ward.code, zone: where.zone, address: input.address?.trim() || null,
        postcode: where.postcode, openedAt: nowIso, answers: checked.answers, source: input.source, actor: woActor,
      });
      const request: ServiceRequest = {
        id: requestId,
        reference: await d.requests.allocateRequestReference(now, d.config.timeZone, em),
        trackingToken: secureRandomBytes(24).toString('base64url'),
        categoryCode: category.code,
        workOrderId: wo.id,
        source: input.source,
        apiClientId: actor.apiClientId ?? null,
        externalId: input.externalId ?? null,
        lat: where.lat,
        lng: where.lng,
        postcode: where.postcode,
        address: input.address?.trim() || null,
        description,
        publicSummary: null,
        answers: checked.answers,
        wardCode: where.ward.code,
        zone: where.zone,
        createdAt: nowIso,
      };
      await d.requests.insertForIntake(request, em);
      if (contact) await d.requests.insertContactForIntake({ requestId: request.id, ...contact }, em);
      for (const photo of photos) await d.photos.saveForNewReport(em, { ...photo, row: { ...photo.row, workOrderId: wo.id } });
      if (joined) {
        // The work order itself does not change, so no version bump: a dispatcher's open copy stays valid.
        await d.workOrders.addEvent(em, wo.id, { type: 'report_added', actor: woActor, data: { requestId: request.id, requestReference: request.reference, source: input.source } });
      }
      return { wo, request, joined, replay: undefined };
    });

    if (outcome.replay) return this.replay(outcome.replay);
    d.photos.renderSoon(photos.filter((p) => !p.existing && p.row.pending).map((p) => p.row.id));
    d.workOrders.announce(outcome.wo, outcome.joined ? 'work_order.updated' : 'work_order.created');
    if (contact?.email) d.notifications.reportReceived(outcome.request.id);
    return {
      serviceRequestId: outcome.request.id,
      reference: outcome.request.reference,
      trackingToken: outcome.request.trackingToken,
      workOrderId: outcome.wo.id,
      workOrderReference: outcome.wo.reference,
      categoryCode: category.code,
      ward: where.ward,
      dueAt: outcome.wo.dueAt,
      status: outcome.wo.status,
      joinedExisting: outcome.joined,
      replayed: false,
    };
  }

  private checkContact(c: IntakeInput['contact'], problems: AnswerProblem[]): { name: string | null; email: string | null; phone: string | null } | null {
    if (!c) return null;
    const name = c.name?.trim() || null;
    const email = c.email?.trim().toLowerCase() || null;
    const phone = c.phone?.trim() || null;
    if (name && name.length > 200) problems.push({ field: 'contact.name', message: 'must be at most 200 characters' });
    if (email && (email.length > 320 || !EMAIL.test(email))) problems.push({ field: 'contact.email', message: 'is not an email address' });
    if (phone && !/^\+?[0-9 ()-]{6,40}$/.test(phone)) problems.push({ field: 'contact.phone', message: 'is not a phone number' });
    return name || email || phone ? { name, email, phone } : null;
  }

  private async locate(input: IntakeInput): Promise<Located> {
    const d = this.deps;
    const hasLat = input.lat !== undefined && input.lat !== null;
    const hasLng = input.lng !== undefined && input.lng !== null;
    if (hasLat !== hasLng) throw new ValidationError('Please give both lat and lng, or a postcode.', { fields: [{ field: hasLat ? 'lng' : 'lat', message: 'is required with the other coordinate' }] }, 'LOCATION_INCOMPLETE');
    let postcode: string | null = null;
    if (input.postcode) {
      const compact = compactPostcode(input.postcode);
      if (!UK_POSTCODE.test(compact)) throw new ValidationError(`"${input.postcode}" is not a UK postcode.`, { fields: [{ field: 'postcode', message: 'is not a UK postcode' }] }, 'INVALID_POSTCODE');
      postcode = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
    }
    let lat: number;
    let lng: number;
    if (hasLat) {
      lat = Number(input.lat);
      lng = Number(input.lng);
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        throw new ValidationError('That location is not a valid latitude and longitude.', { fields: [{ field: 'lat', message: 'must be a latitude/longitude pair' }] }, 'INVALID_LOCATION');
      }
    } else if (postcode) {
      try {
        const found = await d.postcodes.lookup(postcode);
        lat = found.lat;
        lng = found.lng;
        postcode = found.postcode;
      } catch (e) {
        if (e instanceof AppError && e.code === 'POSTCODE_NOT_FOUND') throw new UnprocessableError('POSTCODE_NOT_FOUND', e.message, { field: 'postcode' });
        throw e;
      }
    } else {
      throw new ValidationError('Please tell us where it is: drop a pin on the map or give a postcode.', { fields: [{ field: 'lat', message: 'a location or postcode is required' }] }, 'LOCATION_REQUIRED');
    }
    const ward = d.wardLocator.wardAt(lat, lng);
    if (!ward) {
      throw new UnprocessableError(
        'OUTSIDE_AREA',
        `That place is outside the area ${d.config.councilName} looks after, so we can't send a crew there. Please check the pin on the map, or report it to the council for that area.`,
        { lat, lng },
      );
    }
    return { lat, lng, postcode, ward, zone: d.wardLocator.zoneAt(lat, lng) };
  }

  private category(code: string): Promise<Category | null> {
    return this.deps.categories.findCached(code);
  }

  private async nearestOpen(em: EntityManager, category: Category, lat: number, lng: number): Promise<WorkOrder | null> {
    // Only id and position for the candidates; the full row for the winner.
    const candidates = await this.deps.workOrderRows.openCandidatesInBox(boundingBox(lat, lng, category.dedupeRadiusM), category.code, em);
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const c of candidates) {
      const distance = haversineMetres(lat, lng, Number(c.lat), Number(c.lng));
      if (distance <= category.dedupeRadiusM && distance < bestDistance) {
        best = c.id;
        bestDistance = distance;
      }
    }
    return best ? this.deps.workOrderRows.loadForIntake(best, em) : null;
  }

  private async replay(previous: ServiceRequest): Promise<IntakeResult> {
    const d = this.deps;
    const wo = await d.workOrders.get(previous.workOrderId!);
    const ward = d.wardLocator.ward(previous.wardCode);
    return {
      serviceRequestId: previous.id,
      reference: previous.reference,
      trackingToken: previous.trackingToken,
      workOrderId: wo.id,
      workOrderReference: wo.reference,
      categoryCode: previous.categoryCode,
      ward: { code: previous.wardCode, name: ward?.name ?? previous.wardCode },
      dueAt: wo.dueAt,
      status: wo.status,
      joinedExisting: false,
      replayed: true,
    };
  }
}
