/**
 * Data out: who may export what (scope by role), the work orders of an export
 * a page at a time, and the month's WasteDataFlow fly-tipping return.
 * Never builds an export in memory: `pages` yields one page of records at a
 * time and is only asked for the next when the writer has sent the last.
 * The exports module owns no tables: each page is one keyset query on the
 * work-order repository, then one batch lookup (`IN` the page's ids) on each
 * module that owns the rest (crew names, before/after photos, a partner's own
 * reference, enforcement actions), so every page costs the same few queries.
 * Nothing here reads reporters' contact details or the resident's place text.
 */
import type { Category } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import { recordsFlyTipReturn } from '../categories/defra.js';
import type { Config } from '../config.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import { ForbiddenError } from '../errors.js';
import type { FlyTippingRepository } from '../fly-tipping/fly-tipping.repository.js';
import { enforcementView } from '../fly-tipping/fly-tipping.service.js';
import type { Principal } from '../http/principal.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { Clock } from '../platform/clock.js';
import type { SettingsService } from '../settings/settings.service.js';
import { addDays, localParts, zonedInstant } from '../sla/local-time.js';
import type { UserService } from '../users/user.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrderExportFilter, WorkOrderKeyset, WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { columnsFor, quantityFieldsOf, toRecord, type Column, type ExportAudience, type ExportRecord, type LocalTime } from './export-columns.js';
import { buildReturn, monthBounds, type WasteDataFlowReturn } from './wastedataflow.js';

/** Which work orders an export holds (filters and scope); the work-order repository reads them. */
export type ExportFilter = WorkOrderExportFilter;
/** The part of a filter that comes from who is asking. */
export type ExportScope = Pick<WorkOrderExportFilter, 'wardCodes' | 'partnerId'>;

export interface ExportsDeps {
  workOrders: Pick<WorkOrderRepository, 'exportPage' | 'exportCount' | 'completedOfCategoriesBetween'>;
  crews: Pick<CrewRepository, 'namesOf'>;
  photos: Pick<PhotoRepository, 'beforeAfterOf'>;
  requests: Pick<ServiceRequestRepository, 'partnerReferencesOf'>;
  enforcement: Pick<FlyTippingRepository, 'ofWorkOrders' | 'takenBetween'>;
  categories: Pick<CategoryService, 'listCached'>;
  wardLocator: Pick<WardLocator, 'ward'>;
  users: Pick<UserService, 'wardCodes'>;
  settings: Pick<SettingsService, 'get'>;
  clock: Clock;
  config: Pick<Config, 'timeZone' | 'councilName'>;
}

/** Who is exporting: which columns they get and which work orders. */
export interface ExportAccess {
  audience: ExportAudience;
  scope: ExportScope;
}

export const DEFAULT_PAGE_SIZE = 500;

export class ExportsService {
  constructor(private readonly deps: ExportsDeps) {}

  /**
   * Dispatchers and admins: everything. Councillors: their wards. Partners:
   * the work orders holding a report they sent. Crew leads: none (they work
   * from their day's jobs; bulk data is the office's).
   */
  async accessFor(p: Principal): Promise<ExportAccess> {
    if (p.kind === 'partner') return { audience: 'partner', scope: { partnerId: p.client.id } };
    if (p.kind === 'user' && (p.user.role === 'admin' || p.user.role === 'dispatcher')) return { audience: 'office', scope: {} };
    if (p.kind === 'user' && p.user.role === 'councillor') return { audience: 'councillor', scope: { wardCodes: await this.deps.users.wardCodes(p.user.id) } };
    throw new ForbiddenError('Exports are for the office, councillors and partners.');
  }

  /** A councillor asking for a ward that is not theirs: 403 NOT_YOUR_WARD rather than an empty file. */
  assertWard(access: ExportAccess, ward: string | undefined): void {
    if (ward && access.scope.wardCodes && !access.scope.wardCodes.includes(ward)) throw new ForbiddenError('That ward is not one of yours.', 'NOT_YOUR_WARD');
  }

  /** Local dates (inclusive, Europe/London) as the instants the repository compares. */
  instantsOf(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
    const tz = this.deps.config.timeZone;
    return {
      from: from ? dayStart(from, tz) : undefined,
      to: to ? dayStart(addDays(to, 1), tz) : undefined,
    };
  }

  count(f: ExportFilter): Promise<number> {
    return this.deps.workOrders.exportCount(f);
  }

  async columns(audience: ExportAudience): Promise<Column[]> {
    return columnsFor(audience, quantityFieldsOf(await this.deps.categories.listCached()));
  }

  readonly localTime: LocalTime = (iso) => {
    const parts = localParts(new Date(iso), this.deps.config.timeZone);
    const hh = String(Math.floor(parts.minutes / 60)).padStart(2, '0');
    const mm = String(parts.minutes % 60).padStart(2, '0');
    return `${parts.date} ${hh}:${mm}`;
  };

  /** The export's records, one page at a time, in reported order. */
  async *pages(f: ExportFilter, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<ExportRecord[]> {
    const categories = new Map<string, Category>((await this.deps.categories.listCached()).map((c) => [c.code, c]));
    const now = this.deps.clock.now().toISOString();
    const wardName = (code: string) => this.deps.wardLocator.ward(code)?.name ?? code;
    let after: WorkOrderKeyset | null = null;
    for (;;) {
      const rows = await this.deps.workOrders.exportPage(f, after, pageSize);
      if (!rows.length) return;
      const ids = rows.map((r) => r.id);
      const crewIds = rows.flatMap((r) => (r.crewId ? [r.crewId] : []));
      // One query each for the whole page, in turn (an export holds one pool connection at a time on PostgreSQL).
      const crewNames = crewIds.length ? await this.deps.crews.namesOf(crewIds) : new Map<string, string>();
      const photos = await this.deps.photos.beforeAfterOf(ids);
      const partnerRefs = f.partnerId ? await this.deps.requests.partnerReferencesOf(f.partnerId, ids) : new Map<string, string | null>();
      const actions = await this.deps.enforcement.ofWorkOrders(ids);
      const enforcement = new Map<string, string[]>();
      for (const a of actions) enforcement.set(a.workOrderId, [...(enforcement.get(a.workOrderId) ?? []), `${enforcementView(a).actionLabel} (${a.takenOn})`]);
      yield rows.map((row) =>
        toRecord(
          {
            ...row,
            crewName: row.crewId ? crewNames.get(row.crewId) ?? null : null,
            hasBefore: photos.get(row.id)?.before ?? false,
            hasAfter: photos.get(row.id)?.after ?? false,
            partnerReference: partnerRefs.get(row.id) ?? null,
          },
          { categories, wardName, localTime: this.localTime, now, enforcement },
        ),
      );
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { openedAt: last.openedAt, id: last.id };
    }
  }

  /** The fly-tipping return for a month (YYYY-MM) of the council's calendar. */
  async wasteDataFlow(month: string): Promise<WasteDataFlowReturn> {
    const bounds = monthBounds(month, this.deps.config.timeZone);
    const flyTipCategories = (await this.deps.categories.listCached()).filter((c) => recordsFlyTipReturn(c)).map((c) => c.code);
    const rows = await this.deps.workOrders.completedOfCategoriesBetween(flyTipCategories, bounds.start, bounds.end);
    const actions = await this.deps.enforcement.takenBetween(bounds.firstDay, bounds.lastDay);
    const settings = await this.deps.settings.get('wasteDataFlow');
    return buildReturn({
      month,
      bounds,
      incidents: rows.map((r) => ({
        id: r.id, reference: r.reference, wardName: this.deps.wardLocator.ward(r.wardCode)?.name ?? r.wardCode, completedAt: r.completedAt ?? '',
        wasteData: r.wasteData ?? {},
      })),
      actions: actions.map((a) => a.action),
      costPerSize: settings.clearanceCostPerSize,
    });
  }

  async openDataPublished(): Promise<boolean> {
    return (await this.deps.settings.get('openData')).publishWorkOrders;
  }

  get councilName(): string {
    return this.deps.config.councilName;
  }

  now(): Date {
    return this.deps.clock.now();
  }
}

/** The first instant of a local date (YYYY-MM-DD) in the zone. */
const dayStart = (date: string, timeZone: string) => zonedInstant(date, '00:00', timeZone).toISOString();
