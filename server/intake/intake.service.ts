/**
 * The front door: a report from a resident, a partner, Open311 or a member of
 * staff becomes a service request attached to a work order (a new one, or an
 * open one of the same category close by) with its ward, zone and deadline.
 *
 * The "find a nearby open work order, else create one" step runs inside intake's
 * group commit (platform/group-commit.ts), whose batches are serial (SQLite: one
 * connection; PostgreSQL: one advisory lock across every instance), so two
 * identical reports arriving together still end on one work order.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { InsertPlan } from '../../db/row-sql.js';
import type { Category } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { AppError, UnprocessableError, ValidationError } from '../errors.js';
import type { Principal } from '../http/principal.js';
import type { ReporterNotifications } from '../notifications/reporter-notifications.js';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoService, PreparedPhoto } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import { boundingBox, haversineMetres } from '../platform/geo.js';
import { newRowId, newTimeLedToken } from '../platform/ids.js';
import { compactPostcode, type PostcodeService } from '../postcodes/postcode.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { NewWorkOrder } from '../work-orders/work-order.factory.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Actor, NewEvent, WorkOrderService } from '../work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { checkAnswers, type AnswerProblem } from './answers.js';
import { GroupCommit } from '../platform/group-commit.js';
import type { RequestContact, RequestSource, ServiceRequest } from './service-request.entity.js';
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
  /** Transactions, grouped (platform/group-commit.ts). */
  db: Pick<Database, 'transactionSyncedOffLoop' | 'statementSyncedOffLoop'>;
  requests: Pick<ServiceRequestRepository, 'findByExternalId' | 'findByExternalIds' | 'lockReferenceCounters' | 'insertManyForIntake' | 'insertContactsForIntake'>;
  /** The duplicate check's reads. */
  workOrderRows: Pick<WorkOrderRepository, 'openInBoxesForIntake'>;
  workOrders: Pick<WorkOrderService, 'get' | 'addEvents' | 'announceWith'>;
  /**
   * Opens new work orders inside the batch's transaction, as every new work order starts
   * (work-order.factory.ts), with the references given and further events written after their first.
   */
  openWorkOrders: (plan: InsertPlan, specs: NewWorkOrder[], opts: { references: string[]; thenEvents: { workOrderId: string; event: NewEvent }[] }) => Promise<WorkOrder[]>;
  categories: Pick<CategoryService, 'findCached'>;
  postcodes: Pick<PostcodeService, 'lookup'>;
  wardLocator: Pick<WardLocator, 'wardAt' | 'zoneAt' | 'ward'>;
  photos: Pick<PhotoService, 'prepareDeferred' | 'saveForNewReports' | 'renderSoon'>;
  notifications: Pick<ReporterNotifications, 'reportReceived'>;
  clock: Clock;
  config: Pick<Config, 'timeZone' | 'councilName'>;
}

/** A checked, located report waiting for its batch (platform/group-commit.ts). */
interface PendingReport {
  requestId: string;
  category: Category;
  where: Located;
  description: string;
  answers: Record<string, unknown>;
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  photos: PreparedPhoto[];
  source: IntakeInput['source'];
  address: string | null;
  apiClientId: string | null;
  externalId: string | null;
  actor: Actor;
}

/** A report as written: a replay of an earlier one, or its request on a work order, with the live event to publish (after commit). */
type Written = { replay: ServiceRequest } | { replay?: undefined; wo: WorkOrder; request: ServiceRequest; joined: boolean; announce: () => void };

export class IntakeService {
  private readonly commits: GroupCommit<PendingReport, Written>;

  constructor(private readonly deps: IntakeServiceDeps) {
    // PostgreSQL: batches of every instance take turns under one lock, which keeps the duplicate check race-free.
    this.commits = new GroupCommit(deps.db, (em, reports) => this.writeBatch(em, reports), { lock: 'intake' });
  }

  /** Reports written and transactions used (how well group commit batches). */
  get commitStats(): { batches: number; items: number; retried: number; writingMs: number } {
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

    const outcome = await this.commits.run({
      requestId,
      category,
      where,
      description,
      answers: checked.answers,
      contact,
      photos,
      source: input.source,
      address: input.address?.trim() || null,
      apiClientId: actor.apiClientId ?? null,
      externalId: input.externalId ?? null,
      actor: { userId: actor.userId ?? null, label: actor.label },
    });

    if (outcome.replay) return this.replay(outcome.replay);
    d.photos.renderSoon(photos.filter((p) => !p.existing && p.row.pending).map((p) => p.row.id));
    outcome.announce();
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

  /**
   * Writes a batch of reports in one transaction, in a fixed handful of statements whatever its size
   * (platform/group-commit.ts): under intake's lock, one duplicate-check read for every report (whole rows
   * of the open work orders near each) and one read of the reference counters, sent together; then one
   * write of everything (on PostgreSQL one statement, which carries the COMMIT: two round trips a batch). Reports
   * are decided in arrival order, each seeing the work orders opened by earlier ones in the batch, so two
   * identical reports still end on one job.
   */
  private async writeBatch(em: EntityManager, reports: PendingReport[]): Promise<Written[]> {
    const d = this.deps;
    const now = d.clock.now();
    const nowIso = now.toISOString();

    // Resends of a sender's own id, checked again under the lock (one read for the batch): two racing resends store one request.
    const keyOf = (r: PendingReport) => (r.apiClientId && r.externalId ? `${r.apiClientId}\n${r.externalId}` : null);
    // The batch's reads go together (on PostgreSQL in the round trip of its BEGIN): the duplicate checks, and the
    // reference counters, locked until commit; how many numbers each series gives is known only further down.
    const [sentBefore, candidates, counters] = await Promise.all([
      d.requests.findByExternalIds(
        reports.flatMap((r) => (r.apiClientId && r.externalId ? [{ apiClientId: r.apiClientId, externalId: r.externalId }] : [])),
        em,
      ),
      d.workOrderRows.openInBoxesForIntake(
        reports.map((r) => ({ categoryCode: r.category.code, box: boundingBox(r.where.lat, r.where.lng, r.category.dedupeRadiusM) })),
        em,
      ),
      d.requests.lockReferenceCounters(['KB', 'WO'], now, d.config.timeZone, em),
    ]);

    // Which work order each report goes to, deciding in order: the nearest open one of its category within
    // its radius, among those stored and those opened by earlier reports of this batch.
    const opened: (NewWorkOrder & { id: string })[] = [];
    const inBatch = new Map<string, number>(); // "<client>\n<externalId>" → the report of this batch that stores it
    const decided: ({ replayOf: number | ServiceRequest } | { stored: WorkOrder } | { opened: number; joined: boolean })[] = [];
    for (const [i, r] of reports.entries()) {
      const key = keyOf(r);
      const before = key !== null ? (sentBefore.get(key) ?? inBatch.get(key)) : undefined;
      if (before !== undefined) {
        decided.push({ replayOf: before });
        continue;
      }
      if (key !== null) inBatch.set(key, i);
      const { lat, lng } = r.where;
      const radius = r.category.dedupeRadiusM;
      let best: WorkOrder | number | null = null;
      let bestDistance = Infinity;
      for (const c of candidates[i]) {
        const distance = haversineMetres(lat, lng, c.lat, c.lng);
        if (distance <= radius && distance < bestDistance) [best, bestDistance] = [c, distance];
      }
      opened.forEach((o, k) => {
        const distance = o.category.code === r.category.code ? haversineMetres(lat, lng, o.lat, o.lng) : Infinity;
        if (distance <= radius && distance < bestDistance) [best, bestDistance] = [k, distance];
      });
      if (best === null) {
        opened.push({
          id: newRowId(), category: r.category, lat, lng, wardCode: r.where.ward.code, zone: r.where.zone, address: r.address,
          postcode: r.where.postcode, openedAt: nowIso, answers: r.answers, source: r.source, actor: r.actor,
        });
        decided.push({ opened: opened.length - 1, joined: false });
      } else decided.push(typeof best === 'number' ? { opened: best, joined: true } : { stored: best });
    }

    const requestReferences = counters.take('KB', decided.filter((x) => !('replayOf' in x)).length);
    // What each report comes to: a replay (of a stored request, or of an earlier report here), or a request
    // on a stored work order or on one this batch opens (by its place in `opened`).
    const outcomes: ({ replayOf: ServiceRequest | number } | { request: ServiceRequest; wo: WorkOrder | number; joined: boolean })[] = [];
    const requests: ServiceRequest[] = [];
    const contacts: RequestContact[] = [];
    const photos: Photo[] = [];
    const added: { workOrderId: string; event: NewEvent }[] = [];
    for (const [i, r] of reports.entries()) {
      const decision = decided[i];
      if ('replayOf' in decision) {
        outcomes.push(decision);
        continue;
      }
      const workOrderId = 'stored' in decision ? decision.stored.id : opened[decision.opened].id;
      const joined = 'stored' in decision || decision.joined;
      const request: ServiceRequest = {
        id: r.requestId,
        reference: requestReferences[requests.length],
        trackingToken: newTimeLedToken(),
        categoryCode: r.category.code,
        workOrderId,
        source: r.source,
        apiClientId: r.apiClientId,
        externalId: r.externalId,
        lat: r.where.lat,
        lng: r.where.lng,
        postcode: r.where.postcode,
        address: r.address,
        description: r.description,
        publicSummary: null,
        answers: r.answers,
        wardCode: r.where.ward.code,
        zone: r.where.zone,
        createdAt: nowIso,
      };
      requests.push(request);
      if (r.contact) contacts.push({ requestId: request.id, ...r.contact });
      for (const photo of r.photos) photos.push({ ...photo.row, workOrderId });
      if (joined) {
        // The work order itself does not change, so no version bump: a dispatcher's open copy stays valid.
        added.push({ workOrderId, event: { type: 'report_added', actor: r.actor, data: { requestId: request.id, requestReference: request.reference, source: r.source } } });
      }
      outcomes.push({ request, wo: 'stored' in decision ? decision.stored : decision.opened, joined });
    }
    // New work orders with their "created" events and the reports' own events after them, the requests, their
    // contacts and photos, the reference counters and the live events: parents before children, written as one
    // statement on PostgreSQL (InsertPlan), which carries the COMMIT.
    const plan = new InsertPlan();
    const openedRows = opened.length ? await d.openWorkOrders(plan, opened, { references: counters.take('WO', opened.length), thenEvents: added }) : [];
    if (!opened.length) await d.workOrders.addEvents(plan, added);
    await d.requests.insertManyForIntake(requests, plan);
    await d.requests.insertContactsForIntake(contacts, plan);
    await d.photos.saveForNewReports(plan, photos);
    counters.writeInto(plan);
    const woOf = (o: { wo: WorkOrder | number }) => (typeof o.wo === 'number' ? openedRows[o.wo] : o.wo);
    const written = outcomes.flatMap((o) => ('replayOf' in o ? [] : [o]));
    const announcements = d.workOrders.announceWith(
      plan,
      written.map((o) => ({ wo: woOf(o), type: o.joined ? 'work_order.updated' : 'work_order.created' })),
    );
    // Nothing may fail after this: the write carries the COMMIT, so a failure here would be retried and stored twice.
    await plan.write(em, { commit: true });
    let k = 0;
    return outcomes.map((o): Written => {
      if (!('replayOf' in o)) return { request: o.request, wo: woOf(o), joined: o.joined, announce: announcements[k++] };
      if (typeof o.replayOf !== 'number') return { replay: o.replayOf };
      // A resend of a report earlier in this batch answers as that report's replay.
      return { replay: (outcomes[o.replayOf] as { request: ServiceRequest }).request };
    });
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
