/**
 * Open311 GeoReport v2 and mySociety's servicerequestupdates, as use cases
 * over plain parameters (the router only parses paths and formats). Reports
 * go through the same intake as /api/reports; reads never touch the
 * request_contact table, so no reporter's name, email or phone can leave
 * through Open311.
 */
import { In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import type { ApiClient } from '../api-clients/api-client.entity.js';
import type { Category, CategoryQuestion } from '../categories/category.entity.js';
import type { Services } from '../composition-root.js';
import { checkAnswers } from '../intake/answers.js';
import { ServiceRequestEntity, type ServiceRequest } from '../intake/service-request.entity.js';
import { PhotoEntity } from '../photos/photo.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity, type WorkOrder, type WorkOrderEvent } from '../work-orders/work-order.entity.js';
import { OPEN_STATUSES, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import { Open311RequestEntity, Open311UpdateEntity, type Open311Request } from './open311.entity.js';
import { Open311Error, open311DateTime, parseOpen311DateTime, XmlList, type XmlRecord } from './open311.format.js';
import { open311Status } from './open311.status.js';

/** Form and query values as qs parses them: strings, repeated keys as arrays, `a[b]` as nested objects. */
export type Params = Record<string, unknown>;

export const MAX_REQUESTS = 1000;
export const MAX_UPDATES = 1000;
const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;
const DEFAULT_UPDATES_WINDOW_MS = DAY_MS;
/** What the intake accepts; FixMyStreet's title/detail/url text can be longer and is cut rather than refused. */
const MAX_DESCRIPTION = 2000;
const MAX_MEDIA_URLS = 10;
/** When this endpoint's behaviour last changed (discovery's `changeset`): bump it with the API. */
const API_CHANGESET = '2026-11-29T00:00:00+00:00';
/** The event a work order gets when another one's requests are merged into it (server/work-orders/triage.service.ts). */
const MERGED_IN = 'merged_in';
const MERGED_NOTE = 'This problem had already been reported; your report has been joined to that one and will be updated with it.';

/** Statuses a resident's update may carry (mySociety's list, lower-cased: FixMyStreet sends them in capitals). */
const UPDATE_STATUSES = new Set([
  'open', 'closed', 'fixed', 'in_progress', 'action_scheduled', 'investigating', 'duplicate',
  'not_councils_responsibility', 'no_further_action', 'internal_referral', 'cancelled', 'reopen',
]);

const DATATYPE: Readonly<Record<CategoryQuestion['type'], string>> = {
  number: 'number',
  boolean: 'singlevaluelist',
  single: 'singlevaluelist',
  multi: 'multivaluelist',
  text: 'text',
  datetime: 'datetime',
};

const YES_NO = [
  { key: 'yes', name: 'Yes' },
  { key: 'no', name: 'No' },
];

const UK_POSTCODE_IN_TEXT = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b/i;

function single(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Open311Error(400, `${name} must be given once, as text.`);
}

function required(params: Params, name: string): string {
  const v = single(params, name)?.trim();
  if (!v) throw new Open311Error(400, `${name} is required.`);
  return v;
}

function coordinate(params: Params, name: string, limit: number): number | null {
  const raw = single(params, name)?.trim();
  if (!raw) return null;
  const n = /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error(400, `${name} must be a WGS84 decimal degree (got "${raw.slice(0, 30)}").`);
  return n;
}

/** `attribute[code]=v` arrives nested (qs), or as flat "attribute[code]" keys from JSON senders. */
function attributesOf(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [key, value] of Object.entries(params)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) out[m[1]] = value;
  }
  return out;
}

function mediaUrlsOf(params: Params): string[] {
  const raw = params.media_url;
  const list = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
  const urls: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') throw new Open311Error(400, 'media_url must be a URL.');
    const trimmed = item.trim();
    if (!trimmed) continue;
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new Open311Error(400, `media_url "${trimmed.slice(0, 60)}" is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Open311Error(400, 'media_url must be an http or https URL.');
    urls.push(url.toString());
  }
  if (urls.length > MAX_MEDIA_URLS) throw new Open311Error(400, `At most ${MAX_MEDIA_URLS} media_url values.`);
  return urls;
}

/** FixMyStreet writes "title: …\n\ndetail: …\n\nurl: https://…/report/123\n\nSubmitted via FixMyStreet". */
export function fixMyStreetReportUrl(description: string): { url: string; reportId: string | null } | null {
  const m = /^url:\s*(https?:\/\/\S+)\s*$/im.exec(description);
  if (!m) return null;
  const id = /\/report\/(\d+)\b/.exec(m[1]);
  return { url: m[1], reportId: id ? id[1] : null };
}

/** A name, email or phone that fails our checks is dropped, not refused: a resident's report must not bounce on a typo. */
function contactOf(params: Params): { name: string | null; email: string | null; phone: string | null } | null {
  const name = [single(params, 'first_name'), single(params, 'last_name')].map((s) => s?.trim()).filter(Boolean).join(' ').slice(0, 200) || null;
  const emailRaw = single(params, 'email')?.trim() ?? '';
  const email = emailRaw.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailRaw) ? emailRaw : null;
  const phoneRaw = single(params, 'phone')?.trim() ?? '';
  const phone = /^\+?[0-9 ()-]{6,40}$/.test(phoneRaw) ? phoneRaw : null;
  return name || email || phone ? { name, email, phone } : null;
}

function spanOf(startIso: string, endIso: string): void {
  if (endIso < startIso) throw new Open311Error(400, 'end_date must not be before start_date.');
  if (Date.parse(endIso) - Date.parse(startIso) > MAX_SPAN_DAYS * DAY_MS) {
    throw new Open311Error(400, `start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart.`);
  }
}

export interface SubmitResult {
  serviceRequestId: string;
  serviceNotice: string;
}

export class Open311Service {
  constructor(private readonly deps: Services) {}

  private get timeZone(): string {
    return this.deps.config.timeZone;
  }

  private date(iso: string | null | undefined): string | null {
    return open311DateTime(iso, this.timeZone);
  }

  /** The caller's partner key: `api_key` in the body or query, or an Authorization: Bearer key. */
  async partner(apiKey: string | undefined, bearerClient: { id: string; name: string } | null): Promise<Pick<ApiClient, 'id' | 'name'>> {
    if (apiKey) {
      const client = await this.deps.apiClients.authenticate(apiKey);
      if (!client) throw new Open311Error(403, 'Invalid api_key received: it is unknown or has been revoked.');
      return client;
    }
    if (bearerClient) return bearerClient;
    throw new Open311Error(403, 'api_key is required.');
  }

  /** A configured jurisdiction must match when a client names one; single-jurisdiction clients may leave it out. */
  checkJurisdiction(given: unknown): void {
    const expected = this.deps.config.open311JurisdictionId;
    if (!expected || given === undefined || given === '') return;
    if (given !== expected) throw new Open311Error(404, `Unknown jurisdiction_id "${String(given).slice(0, 60)}"; this endpoint serves "${expected}".`);
  }

  discovery(): XmlRecord {
    const changeset = API_CHANGESET;
    return {
      changeset,
      contact: `${this.deps.config.councilName}, street cleansing`,
      key_service: 'API keys are issued by the council’s Kerbside administrator.',
      endpoints: new XmlList('endpoint', [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${this.deps.config.publicBaseUrl}/open311/v2`,
          changeset,
          type: 'production',
          formats: new XmlList('format', ['text/xml', 'application/json']),
        },
      ]),
    };
  }

  async services(): Promise<XmlList> {
    const categories = await this.deps.categories.list();
    return new XmlList(
      'service',
      categories.map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: c.description || null,
        metadata: c.questions.length > 0,
        type: 'realtime',
        keywords: [c.groupName.toLowerCase(), ...c.code.split('-')].join(','),
        group: c.groupName,
      })),
    );
  }

  private async activeCategory(code: string): Promise<Category> {
    const category = await this.deps.categories.find(code);
    if (!category || !category.active) throw new Open311Error(404, `There is no service with service_code "${code.slice(0, 60)}".`);
    return category;
  }

  async serviceDefinition(code: string): Promise<XmlRecord> {
    const category = await this.activeCategory(code);
    return {
      service_code: category.code,
      attributes: new XmlList(
        'attribute',
        category.questions.map((q, i) => {
          const values = q.type === 'boolean' ? YES_NO : q.type === 'single' || q.type === 'multi' ? (q.options ?? []).map((o) => ({ key: o.key, name: o.label })) : null;
          const range = q.type === 'number' && (q.min !== undefined || q.max !== undefined) ? `A number${q.min !== undefined ? ` from ${q.min}` : ''}${q.max !== undefined ? ` to ${q.max}` : ''}` : null;
          return {
            variable: true,
            code: q.code,
            datatype: DATATYPE[q.type],
            required: q.required,
            datatype_description: range ?? q.help ?? null,
            order: i + 1,
            description: q.label,
            ...(values ? { values: new XmlList('value', values) } : {}),
          };
        }),
      ),
    };
  }

  /** POST requests: the same intake as /api/reports, with FixMyStreet's parameters mapped onto it. */
  async submit(params: Params, client: Pick<ApiClient, 'id' | 'name'>): Promise<SubmitResult> {
    const serviceCode = required(params, 'service_code');
    const category = await this.activeCategory(serviceCode);
    const lat = coordinate(params, 'lat', 90);
    const lng = coordinate(params, 'long', 180);
    if ((lat === null) !== (lng === null)) throw new Open311Error(400, 'lat and long must be given together.');
    const addressString = single(params, 'address_string')?.trim() || null;
    let postcode: string | null = null;
    if (lat === null) {
      const found = addressString ? UK_POSTCODE_IN_TEXT.exec(addressString) : null;
      if (!found) throw new Open311Error(400, 'A location is required: lat and long, or an address_string containing a postcode.');
      postcode = `${found[1]} ${found[2]}`.toUpperCase();
    }
    const description = (single(params, 'description') ?? '').trim();
    if (!description) throw new Open311Error(400, 'description is required.');
    const mediaUrls = mediaUrlsOf(params);

    const attributes = attributesOf(params);
    const checked = checkAnswers(category, attributes, { ignoreUnknown: true });
    if (checked.problems.length) {
      const first = checked.problems[0];
      const code = first.field.replace(/^answers\./, '');
      throw new Open311Error(400, `attribute[${code}] ${first.message}${checked.problems.length > 1 ? ` (and ${checked.problems.length - 1} more)` : ''}.`);
    }
    const fms = fixMyStreetReportUrl(description);
    const externalId = (single(attributes, 'fixmystreet_id') ?? fms?.reportId ?? single(params, 'external_id') ?? '').trim().slice(0, 100) || null;

    const result = await this.deps.intake.submit(
      {
        categoryCode: category.code,
        lat,
        lng,
        postcode,
        address: addressString?.slice(0, 300) ?? null,
        description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description,
        answers: attributes,
        contact: contactOf(params),
        source: 'open311',
        externalId,
      },
      { kind: 'partner', label: client.name, apiClientId: client.id },
    );
    if (mediaUrls.length || fms) await this.keepSentExtras(result.serviceRequestId, client.id, mediaUrls, fms?.url ?? null);
    const due = new Intl.DateTimeFormat('en-GB', { timeZone: this.timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(result.dueAt));
    return {
      serviceRequestId: result.reference,
      serviceNotice: `Thank you: reference ${result.reference}. We aim to deal with it by ${due}.`,
    };
  }

  /**
   * Once per request: a resend (replayed by the intake) fills in what a first
   * attempt that failed after the intake committed did not store.
   */
  private async keepSentExtras(serviceRequestId: string, apiClientId: string, mediaUrls: string[], sourceUrl: string | null): Promise<void> {
    const repo = this.deps.db.manager.getRepository(Open311RequestEntity);
    if (await repo.existsBy({ serviceRequestId })) return;
    const row: Open311Request = { serviceRequestId, apiClientId, mediaUrls, sourceUrl, createdAt: this.deps.clock.now().toISOString() };
    try {
      await repo.insert(row);
    } catch (err) {
      if (!(await repo.existsBy({ serviceRequestId }))) throw err; // else a concurrent resend stored it first
    }
  }

  /** GET requests: `service_request_id` (comma list) overrides every other filter. */
  async requests(params: Params): Promise<XmlList> {
    const repo = this.deps.db.manager.getRepository(ServiceRequestEntity);
    const ids = single(params, 'service_request_id');
    let rows: ServiceRequest[];
    if (ids !== undefined) {
      const list = [...new Set(ids.split(',').map((s) => s.trim()).filter(Boolean))];
      if (list.length > MAX_REQUESTS) throw new Open311Error(400, `At most ${MAX_REQUESTS} service_request_id values.`);
      rows = list.length ? await repo.find({ where: { reference: In(list) }, order: { createdAt: 'DESC' } }) : [];
    } else {
      const now = this.deps.clock.now();
      let start = parseOpen311DateTime(params.start_date, 'start_date');
      let end = parseOpen311DateTime(params.end_date, 'end_date');
      if (!end) end = start ? new Date(Math.min(Date.parse(start) + MAX_SPAN_DAYS * DAY_MS, now.getTime())).toISOString() : now.toISOString();
      if (!start) start = new Date(Date.parse(end) - MAX_SPAN_DAYS * DAY_MS).toISOString();
      spanOf(start, end);
      const qb = repo.createQueryBuilder('sr').where('sr.createdAt >= :start AND sr.createdAt <= :end', { start, end });
      const codes = single(params, 'service_code')?.split(',').map((s) => s.trim()).filter(Boolean);
      if (codes?.length) qb.andWhere('sr.categoryCode IN (:...codes)', { codes });
      const status = single(params, 'status')?.trim().toLowerCase();
      if (status) {
        const wanted = status.split(',').map((s) => s.trim());
        if (wanted.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed.');
        const openSql = 'sr.workOrderId IS NULL OR sr.workOrderId IN (SELECT w.id FROM work_order w WHERE w.status IN (:...openStatuses))';
        if (wanted.includes('open') && !wanted.includes('closed')) qb.andWhere(`(${openSql})`, { openStatuses: OPEN_STATUSES });
        if (wanted.includes('closed') && !wanted.includes('open')) {
          qb.andWhere('sr.workOrderId IN (SELECT w.id FROM work_order w WHERE w.status NOT IN (:...openStatuses))', { openStatuses: OPEN_STATUSES });
        }
      }
      rows = await qb.orderBy('sr.createdAt', 'DESC').addOrderBy('sr.reference', 'DESC').take(MAX_REQUESTS).getMany();
    }
    return new XmlList('request', await this.requestViews(rows));
  }

  async request(reference: string): Promise<XmlList> {
    const row = await this.deps.db.manager.getRepository(ServiceRequestEntity).findOneBy({ reference });
    if (!row) throw new Open311Error(404, `There is no service request "${reference.slice(0, 60)}".`);
    return new XmlList('request', await this.requestViews([row]));
  }

  private async requestViews(rows: ServiceRequest[]): Promise<XmlRecord[]> {
    if (!rows.length) return [];
    const em = this.deps.db.manager;
    const woIds = [...new Set(rows.map((r) => r.workOrderId).filter((id): id is string => !!id))];
    const workOrders = new Map((woIds.length ? await em.getRepository(WorkOrderEntity).findBy({ id: In(woIds) }) : []).map((w) => [w.id, w]));
    const categories = new Map((await this.deps.categories.list({ includeInactive: true })).map((c) => [c.code, c]));
    const fixedIds = [...workOrders.values()].filter((w) => w.status === 'completed').map((w) => w.id);
    const afterPhotos = await this.afterPhotoUrls(em, fixedIds);
    const notes = await this.latestPublicNotes(em, woIds);
    const sent = new Map((await em.getRepository(Open311RequestEntity).findBy({ serviceRequestId: In(rows.map((r) => r.id)) })).map((o) => [o.serviceRequestId, o]));

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
        agency_responsible: this.deps.config.councilName,
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
      };
    });
  }

  /** The latest after photo of each fixed work order, as a URL anyone can open (the photo route serves fixed jobs' photos publicly). */
  private async afterPhotoUrls(em: EntityManager, workOrderIds: string[]): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    if (!workOrderIds.length) return urls;
    const photos = await em.getRepository(PhotoEntity).find({ where: { workOrderId: In(workOrderIds), kind: 'after' }, order: { createdAt: 'ASC' } });
    for (const p of photos) urls.set(p.workOrderId!, `${this.deps.config.publicBaseUrl}/api/photos/${p.id}?size=full`);
    return urls;
  }

  private async latestPublicNotes(em: EntityManager, workOrderIds: string[]): Promise<Map<string, string>> {
    const notes = new Map<string, string>();
    if (!workOrderIds.length) return notes;
    const events = await em
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.workOrderId IN (:...ids)', { ids: workOrderIds })
      .andWhere('e.note IS NOT NULL')
      .orderBy('e.id', 'ASC')
      .getMany();
    for (const e of events) if (e.isPublic && e.note) notes.set(e.workOrderId, e.note);
    return notes;
  }

  /**
   * GET servicerequestupdates: one update per status change a resident would
   * notice (a change of Open311 status, or a public note), for every request
   * attached to the work order at the time; update_id is the event's id. A
   * request merged into another work order is told so once (with that work
   * order's status) and then follows it, never hearing "duplicate": its
   * problem is still being dealt with.
   */
  async updates(params: Params): Promise<XmlList> {
    const now = this.deps.clock.now();
    let start = parseOpen311DateTime(params.start_date, 'start_date');
    let end = parseOpen311DateTime(params.end_date, 'end_date');
    if (!end) end = now.toISOString();
    if (!start) start = new Date(Date.parse(end) - DEFAULT_UPDATES_WINDOW_MS).toISOString();
    spanOf(start, end);
    const em = this.deps.db.manager;
    const events = await em
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.createdAt >= :start AND e.createdAt <= :end', { start, end })
      .andWhere('(e.toStatus IS NOT NULL OR e.type = :mergedIn)', { mergedIn: MERGED_IN })
      .orderBy('e.id', 'ASC')
      .take(MAX_UPDATES * 2)
      .getMany();
    // A work order's "created" event is the request's own creation, which the sender already knows about.
    const changes = events.filter(
      (e) =>
        e.type === MERGED_IN ||
        (e.type !== 'created' &&
          (open311Status(e.toStatus as WorkOrderStatus).extended !== open311Status(e.fromStatus as WorkOrderStatus | null).extended || (e.isPublic && !!e.note))),
    );
    if (!changes.length) return new XmlList('request_update', []);
    const woIds = [...new Set(changes.map((e) => e.workOrderId))];
    const requests = await em.getRepository(ServiceRequestEntity).find({ where: { workOrderId: In(woIds) }, order: { createdAt: 'ASC' } });
    const byWorkOrder = new Map<string, ServiceRequest[]>();
    for (const r of requests) byWorkOrder.set(r.workOrderId!, [...(byWorkOrder.get(r.workOrderId!) ?? []), r]);
    // The merge that brought a request to its current work order, if one did: earlier events there were not about it.
    const joinedBy = new Map<string, number>();
    for (const m of await em.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: In(woIds), type: MERGED_IN }, order: { id: 'ASC' } })) {
      for (const ref of movedReferences(m)) joinedBy.set(ref, m.id);
    }
    const fixed = changes.filter((e) => e.toStatus === 'completed').map((e) => e.workOrderId);
    const afterPhotos = await this.afterPhotoUrls(em, [...new Set(fixed)]);

    const out: XmlRecord[] = [];
    for (const e of changes) {
      const attached = byWorkOrder.get(e.workOrderId) ?? [];
      if (e.type === MERGED_IN) {
        const status = open311Status(await this.statusBefore(em, e));
        for (const r of attached.filter((r) => joinedBy.get(r.reference) === e.id)) out.push(this.updateView(e, r, status.extended, MERGED_NOTE, null));
      } else {
        const status = open311Status(e.toStatus as WorkOrderStatus);
        const mediaUrl = status.extended === 'fixed' ? (afterPhotos.get(e.workOrderId) ?? null) : null;
        for (const r of attached) {
          if (r.createdAt > e.createdAt || e.id < (joinedBy.get(r.reference) ?? 0)) continue;
          out.push(this.updateView(e, r, status.extended, (e.isPublic && e.note) || status.defaultNote, mediaUrl));
        }
      }
      if (out.length >= MAX_UPDATES) return new XmlList('request_update', out.slice(0, MAX_UPDATES));
    }
    return new XmlList('request_update', out);
  }

  /** A work order's status just before one of its events (events without a status change do not carry it). */
  private async statusBefore(em: EntityManager, event: WorkOrderEvent): Promise<WorkOrderStatus> {
    const last = await em.getRepository(WorkOrderEventEntity).findOne({
      where: { workOrderId: event.workOrderId, toStatus: Not(IsNull()), id: LessThan(event.id) },
      order: { id: 'DESC' },
    });
    return (last?.toStatus as WorkOrderStatus | undefined) ?? 'new';
  }

  private updateView(e: WorkOrderEvent, r: ServiceRequest, status: string, description: string, mediaUrl: string | null): XmlRecord {
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
   * POST servicerequestupdates: a resident's comment from the client's site.
   * Stored once per (client, update_id); put on the work order's timeline for
   * the dispatcher (not public, not a status change: a resident saying
   * "fixed" or "still there" is for staff to act on).
   */
  async postUpdate(params: Params, client: Pick<ApiClient, 'id' | 'name'>): Promise<string> {
    const reference = required(params, 'service_request_id');
    const externalUpdateId = required(params, 'update_id').slice(0, 100);
    const status = required(params, 'status').toLowerCase();
    if (!UPDATE_STATUSES.has(status)) throw new Open311Error(400, `status "${status.slice(0, 40)}" is not an Open311 update status.`);
    const updatedAt = parseOpen311DateTime(required(params, 'updated_datetime'), 'updated_datetime');
    const description = (single(params, 'description') ?? '').trim();
    const mediaUrl = mediaUrlsOf({ media_url: params.media_url })[0] ?? null;
    if (!description && !mediaUrl) throw new Open311Error(400, 'description is required.');

    const repo = this.deps.db.manager.getRepository(Open311UpdateEntity);
    const existing = await repo.findOneBy({ apiClientId: client.id, externalUpdateId });
    if (existing) return updateIdOf(existing.id);
    const request = await this.deps.db.manager.getRepository(ServiceRequestEntity).findOneBy({ reference });
    if (!request) throw new Open311Error(404, `There is no service request "${reference.slice(0, 60)}".`);

    try {
      const id = await this.deps.db.transaction(async (em) => {
        if (request.workOrderId) await this.deps.db.lock(em, `wo:${request.workOrderId}`);
        const again = await em.getRepository(Open311UpdateEntity).findOneBy({ apiClientId: client.id, externalUpdateId });
        if (again) return again.id;
        const inserted = await em.getRepository(Open311UpdateEntity).insert({
          apiClientId: client.id,
          externalUpdateId,
          serviceRequestId: request.id,
          workOrderId: request.workOrderId,
          status,
          description,
          mediaUrl,
          clientUpdatedAt: updatedAt,
          createdAt: this.deps.clock.now().toISOString(),
        });
        const rowId = Number(inserted.identifiers[0]?.id);
        if (request.workOrderId) {
          await this.deps.workOrders.addEvent(em, request.workOrderId, {
            type: 'resident_update',
            actor: { userId: null, label: client.name },
            note: description || null,
            isPublic: false,
            data: { requestReference: request.reference, residentStatus: status, mediaUrl, open311UpdateId: rowId },
          });
        }
        return rowId;
      });
      if (request.workOrderId) {
        const wo: WorkOrder | null = await this.deps.db.manager.getRepository(WorkOrderEntity).findOneBy({ id: request.workOrderId });
        if (wo) this.deps.workOrders.announce(wo);
      }
      return updateIdOf(id);
    } catch (err) {
      // Two deliveries of the same update racing: the unique key kept one; answer with it.
      const winner = await repo.findOneBy({ apiClientId: client.id, externalUpdateId });
      if (winner) return updateIdOf(winner.id);
      throw err;
    }
  }
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
