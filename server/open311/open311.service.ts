/**
 * Open311 GeoReport v2, as use cases over plain parameters (the router only
 * parses paths and formats): discovery, the service list and definitions,
 * new requests (through the same intake as /api/reports) and reading them
 * back. The updates feed is open311-updates.service.ts.
 */
import type { ApiClient } from '../api-clients/api-client.entity.js';
import type { ApiClientService } from '../api-clients/api-client.service.js';
import type { Category, CategoryQuestion } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { checkAnswers } from '../intake/answers.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Open311Request } from './open311.entity.js';
import { Open311Error, XmlList, type XmlRecord } from './open311.format.js';
import { attributesOf, capDescription, contactOf, fixMyStreetReportUrl, locationOf, mediaUrlsOf, requestsWindow, required, single, workOrderStateFilter, type Params } from './open311.params.js';
import type { Open311Repository } from './open311.repository.js';
import type { Open311Views } from './open311.views.js';

const MAX_REQUESTS = 1000;
/** When this endpoint's behaviour last changed (discovery's `changeset`): bump it with the API. */
const API_CHANGESET = '2026-11-29T00:00:00+00:00';

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

export interface SubmitResult {
  serviceRequestId: string;
  serviceNotice: string;
}

export interface Open311ServiceDeps {
  apiClients: Pick<ApiClientService, 'authenticate'>;
  categories: Pick<CategoryService, 'list' | 'find'>;
  intake: Pick<IntakeService, 'submit'>;
  requests: ServiceRequestRepository;
  open311Rows: Open311Repository;
  views: Open311Views;
  clock: Clock;
  config: Pick<Config, 'councilName' | 'publicBaseUrl' | 'timeZone' | 'open311JurisdictionId'>;
}

export class Open311Service {
  constructor(private readonly deps: Open311ServiceDeps) {}

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
    const category = await this.activeCategory(required(params, 'service_code'));
    const { lat, lng, addressString, postcode } = locationOf(params);
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
        description: capDescription(description),
        answers: attributes,
        contact: contactOf(params),
        source: 'open311',
        externalId,
      },
      { kind: 'partner', label: client.name, apiClientId: client.id },
    );
    if (mediaUrls.length || fms) await this.keepSentExtras(result.serviceRequestId, client.id, mediaUrls, fms?.url ?? null);
    const due = new Intl.DateTimeFormat('en-GB', { timeZone: this.deps.config.timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(result.dueAt));
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
    const rows = this.deps.open311Rows;
    if (await rows.hasRequestExtras(serviceRequestId)) return;
    const row: Open311Request = { serviceRequestId, apiClientId, mediaUrls, sourceUrl, createdAt: this.deps.clock.now().toISOString() };
    try {
      await rows.insertRequestExtras(row);
    } catch (err) {
      if (!(await rows.hasRequestExtras(serviceRequestId))) throw err; // else a concurrent resend stored it first
    }
  }

  /** GET requests: `service_request_id` (comma list) overrides every other filter. */
  async requests(params: Params): Promise<XmlList> {
    const ids = single(params, 'service_request_id');
    let rows: ServiceRequest[];
    if (ids !== undefined) {
      const list = [...new Set(ids.split(',').map((s) => s.trim()).filter(Boolean))];
      if (list.length > MAX_REQUESTS) throw new Open311Error(400, `At most ${MAX_REQUESTS} service_request_id values.`);
      rows = list.length ? await this.deps.requests.findByReferences(list) : [];
    } else {
      const { start, end } = requestsWindow(params, this.deps.clock.now(), this.deps.config.timeZone);
      const categoryCodes = single(params, 'service_code')?.split(',').map((s) => s.trim()).filter(Boolean);
      rows = await this.deps.requests.findCreatedBetween({ start, end, categoryCodes, workOrder: workOrderStateFilter(params), limit: MAX_REQUESTS });
    }
    return new XmlList('request', await this.deps.views.requests(rows));
  }

  async request(reference: string): Promise<XmlList> {
    const row = await this.deps.requests.findByReference(reference);
    if (!row) throw new Open311Error(404, `There is no service request "${reference.slice(0, 60)}".`);
    return new XmlList('request', await this.deps.views.requests([row]));
  }
}
