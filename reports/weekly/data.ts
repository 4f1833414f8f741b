/**
 * The weekly ward report as a plain object: every number the PDF shows, and
 * the before/after pairs to print, computed apart from the drawing so it can
 * be tested exactly.
 *
 * Definitions (the PDF's "How we count" box repeats them for councillors):
 * - received: service requests created in the week in the ward.
 * - fixed: work orders in the ward whose status is `completed` and whose
 *   completion time falls in the week. Only `completed` counts as fixed.
 * - closed without fixing: closed in the week in any other closed status
 *   (not completed, partially completed, rejected, cancelled, duplicate,
 *   not the council's), by reason.
 * - still open / overdue: opened before the week ended and not closed by
 *   then; overdue when its deadline had passed at the end of the week.
 * - time to clear: from the first report (opened_at) to completion, fixed
 *   jobs only; median (mean of the middle two for an even count) and
 *   90th percentile (nearest rank).
 * - removed: quantities recorded on work orders closed in the week.
 * Nothing here ever reads reporters' contact details or their free text: a
 * job is described by its moderated public summary, else by its category and
 * place (stored address or nearest postcode).
 */
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { CategoryEntity, type Category } from '../../server/categories/category.entity.js';
import { FLY_TIP_SIZES } from '../../server/categories/defra.js';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { ServiceRequestEntity, type RequestSource } from '../../server/intake/service-request.entity.js';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { WardEntity } from '../../server/wards/ward.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { CLOSED_NOT_FIXED_STATUSES, FIXED_STATUSES, OPEN_STATUSES, type WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { reportWeek, shiftWeek, type ReportWeek } from './week.js';

export const REQUEST_SOURCES: readonly RequestSource[] = ['public', 'partner', 'open311', 'staff', 'sweep'];
export const TREND_WEEKS = 12;
export const DEFAULT_MAX_PAIRS = 60;
const HOTSPOT_MIN_REQUESTS = 2;
const MAX_HOTSPOTS = 8;
const HOUR_MS = 3_600_000;

/** What the data assembly needs from the container (a narrow slice, so the CLI and bench can build it too). */
export interface ReportDataDeps {
  db: Database;
  config: { timeZone: string; councilName: string };
  postcodes: { nearest(lat: number, lng: number): Promise<string | null> };
}

export interface CategoryRef {
  code: string;
  name: string;
  hazard: boolean;
}

export interface Headline {
  received: number;
  fixed: number;
  closedNotFixed: number;
  stillOpen: number;
  overdue: number;
  /** Fixed this week by their deadline ÷ fixed this week; null when nothing was fixed. */
  withinDeadlineShare: number | null;
  medianHoursToClear: number | null;
}

export interface ClearTime {
  count: number;
  /** Of those, fixed by their deadline. */
  onTime: number;
  medianHours: number;
  p90Hours: number;
}

export interface ClosedNotFixedItem {
  reference: string;
  categoryCode: string;
  reason: string;
  reasonLabel: string;
  location: string;
  closedAt: string;
}

export interface MapPoint {
  lat: number;
  lng: number;
  categoryCode: string;
  outcome: 'fixed' | 'not_fixed' | 'open';
}

export interface Hotspot {
  location: string;
  requestsThisWeek: number;
  requestsTrendWindow: number;
  topCategoryCode: string;
}

export interface PhotoRef {
  id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  takenAt: string | null;
}

export interface BeforeAfterPair {
  workOrderId: string;
  reference: string;
  categoryCode: string;
  categoryName: string;
  hazard: boolean;
  description: string;
  location: string;
  reportedAt: string;
  clearedAt: string;
  hoursToClear: number;
  withinDeadline: boolean;
  crewName: string | null;
  before: PhotoRef;
  after: PhotoRef;
}

export interface WeeklyReportData {
  ward: { code: string; name: string };
  councilName: string;
  timeZone: string;
  week: ReportWeek;
  generatedAt: string;
  /** Generated before the week ended: numbers can still change. */
  provisional: boolean;
  categories: CategoryRef[];
  headline: Headline;
  council: Headline & { wards: number };
  received: { total: number; byCategory: Record<string, number>; bySource: Record<RequestSource, number> };
  fixed: { total: number; byCategory: Record<string, number>; clearedLate: number };
  closedNotFixed: { total: number; byReason: Record<string, number>; items: ClosedNotFixedItem[] };
  stillOpen: { total: number; overdue: number; byCategory: Record<string, number> };
  timeToClear: { overall: ClearTime | null; byCategory: Record<string, ClearTime> };
  withinDeadline: { fixed: number; onTime: number; share: number | null };
  removed: { sharps: number; condoms: number; bags: number };
  flyTipsBySize: { key: string; label: string; count: number }[];
  evidenceFlags: Record<string, number>;
  trend: { week: string; firstDay: string; received: number; fixed: number; closedNotFixed: number }[];
  hotspots: Hotspot[];
  mapPoints: MapPoint[];
  pairs: BeforeAfterPair[];
  /** Fixed jobs with both photos that did not fit under maxPairs. */
  pairsOmitted: number;
}

export const OUTCOME_REASON_LABELS: Readonly<Record<string, string>> = {
  not_completed: 'Not completed',
  partially_completed: 'Partly completed',
  rejected: 'Rejected (not a street-cleansing job)',
  cancelled: 'Cancelled',
  duplicate: 'Duplicate of another job',
  not_responsible: 'Not the council’s land or responsibility',
  // Crew reasons (crew-jobs) and dispatcher reasons (triage).
  no_access: 'No access',
  vehicle_blocking: 'Vehicle parked over it',
  vehicle_parked: 'Vehicle parked over it',
  needs_specialist: 'Needs a specialist',
  not_found: 'Not found',
  unsafe: 'Unsafe to do',
  held_for_investigation: 'Held for investigation',
  not_council_land: 'Not council land',
  already_cleared: 'Already cleared',
  not_street_cleansing: 'Not a street-cleansing job',
  insufficient_detail: 'Not enough detail to find it',
  other: 'Other reason',
};

export function reasonLabel(code: string): string {
  return OUTCOME_REASON_LABELS[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const NOT_RECORDED = 'not_recorded';

// ---------------------------------------------------------------- statistics

export function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function clearTime(fixed: WorkOrder[]): ClearTime | null {
  if (!fixed.length) return null;
  const sorted = fixed.map((wo) => hoursBetween(wo.openedAt, fixedAt(wo)!)).sort((a, b) => a - b);
  const onTime = fixed.filter((wo) => fixedAt(wo)! <= wo.dueAt).length;
  return { count: sorted.length, onTime, medianHours: round2(median(sorted)), p90Hours: round2(percentile(sorted, 0.9)) };
}

// ---------------------------------------------------------------- work-order timing

const isFixedStatus = (s: WorkOrderStatus) => FIXED_STATUSES.includes(s);
const isClosedNotFixedStatus = (s: WorkOrderStatus) => CLOSED_NOT_FIXED_STATUSES.includes(s);

/** When a fixed job was fixed, else null. */
export function fixedAt(wo: WorkOrder): string | null {
  return isFixedStatus(wo.status) ? (wo.completedAt ?? wo.closedAt ?? wo.updatedAt) : null;
}

/** When a job was closed without being fixed, else null. */
export function closedNotFixedAt(wo: WorkOrder): string | null {
  return isClosedNotFixedStatus(wo.status) ? (wo.closedAt ?? wo.completedAt ?? wo.updatedAt) : null;
}

function finishedAt(wo: WorkOrder): string | null {
  return fixedAt(wo) ?? closedNotFixedAt(wo);
}

function inWindow(t: string | null, w: { start: string; end: string }): boolean {
  return t !== null && t >= w.start && t < w.end;
}

function openAt(wo: WorkOrder, instant: string): boolean {
  if (wo.openedAt >= instant) return false;
  const done = finishedAt(wo);
  return done === null || done >= instant;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

// ---------------------------------------------------------------- rows

interface RequestRow {
  id: string;
  categoryCode: string;
  source: RequestSource;
  wardCode: string;
  lat: number;
  lng: number;
  postcode: string | null;
  address: string | null;
  createdAt: string;
}

/**
 * Everything council-wide that a week's reports read, loaded once so the
 * Monday job renders 30 wards from one pair of queries.
 */
export interface WeekRows {
  week: ReportWeek;
  trendWeeks: ReportWeek[];
  workOrders: WorkOrder[];
  requests: RequestRow[];
  categories: Category[];
  crewNames: Map<string, string>;
  wardNames: Map<string, string>;
}

export async function loadWeekRows(db: Database, weekLabel: string, timeZone: string): Promise<WeekRows> {
  const week = reportWeek(weekLabel, timeZone);
  const trendWeeks = Array.from({ length: TREND_WEEKS }, (_, i) => shiftWeek(weekLabel, i - (TREND_WEEKS - 1), timeZone));
  const windowStart = trendWeeks[0].start;
  const em: EntityManager = db.manager;
  const workOrders = await em
    .getRepository(WorkOrderEntity)
    .createQueryBuilder('wo')
    .where('wo.opened_at < :end', { end: week.end })
    // Every close stamps updated_at, so this keeps all jobs open now and all closed within the trend window.
    .andWhere('(wo.status IN (:...open) OR wo.updated_at >= :from)', { open: OPEN_STATUSES, from: windowStart })
    .getMany();
  const requests = (await em
    .getRepository(ServiceRequestEntity)
    .createQueryBuilder('sr')
    .select(['sr.id', 'sr.categoryCode', 'sr.source', 'sr.wardCode', 'sr.lat', 'sr.lng', 'sr.postcode', 'sr.address', 'sr.createdAt'])
    .where('sr.created_at >= :from AND sr.created_at < :end', { from: windowStart, end: week.end })
    .getMany()) as RequestRow[];
  const categories = await em.getRepository(CategoryEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  const crews = await em.getRepository(CrewEntity).find({ select: { id: true, name: true } });
  const wards = await em.getRepository(WardEntity).find({ select: { code: true, name: true } });
  return {
    week,
    trendWeeks,
    workOrders,
    requests,
    categories,
    crewNames: new Map(crews.map((c) => [c.id, c.name])),
    wardNames: new Map(wards.map((w) => [w.code, w.name])),
  };
}

// ---------------------------------------------------------------- assembly

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

function headlineOf(workOrders: WorkOrder[], requests: RequestRow[], week: ReportWeek): Headline {
  const fixed = workOrders.filter((wo) => inWindow(fixedAt(wo), week));
  const open = workOrders.filter((wo) => wo.mergedIntoId === null && openAt(wo, week.end));
  const onTime = fixed.filter((wo) => fixedAt(wo)! <= wo.dueAt).length;
  const clear = clearTime(fixed);
  return {
    received: requests.filter((r) => inWindow(r.createdAt, week)).length,
    fixed: fixed.length,
    closedNotFixed: workOrders.filter((wo) => inWindow(closedNotFixedAt(wo), week)).length,
    stillOpen: open.length,
    overdue: open.filter((wo) => wo.dueAt < week.end).length,
    withinDeadlineShare: fixed.length ? onTime / fixed.length : null,
    medianHoursToClear: clear?.medianHours ?? null,
  };
}

/** Hazards first, then fly-tips, then everything else: what councillors are asked about most. */
function pairPriority(category: Category | undefined): number {
  if (category?.hazard) return 0;
  if (category?.code === 'fly-tipping') return 1;
  return 2;
}

export interface AssembleOptions {
  maxPairs?: number;
  generatedAt: string;
  timeZone: string;
  councilName: string;
}

export async function assembleWeeklyData(
  deps: Pick<ReportDataDeps, 'db' | 'postcodes'>,
  rows: WeekRows,
  wardCode: string,
  opts: AssembleOptions,
): Promise<WeeklyReportData> {
  const { week } = rows;
  const wardName = rows.wardNames.get(wardCode);
  if (!wardName) throw new RangeError(`Unknown ward ${wardCode}`);
  const categoriesByCode = new Map(rows.categories.map((c) => [c.code, c]));
  const wos = rows.workOrders.filter((wo) => wo.wardCode === wardCode);
  const reqs = rows.requests.filter((r) => r.wardCode === wardCode);
  const reqsThisWeek = reqs.filter((r) => inWindow(r.createdAt, week));
  const fixedThisWeek = wos.filter((wo) => inWindow(fixedAt(wo), week));
  const notFixedThisWeek = wos.filter((wo) => inWindow(closedNotFixedAt(wo), week));
  const closedThisWeek = [...fixedThisWeek, ...notFixedThisWeek];
  const openAtEnd = wos.filter((wo) => wo.mergedIntoId === null && openAt(wo, week.end));

  const postcodeCache = new Map<string, Promise<string | null>>();
  const nearestPostcode = (lat: number, lng: number) => {
    const key = `${lat.toFixed(4)},${lng.toFixed(4)}`;
    let p = postcodeCache.get(key);
    if (!p) postcodeCache.set(key, (p = deps.postcodes.nearest(lat, lng)));
    return p;
  };
  const placeOf = async (x: { lat: number; lng: number; address: string | null; postcode: string | null }): Promise<string> => {
    const postcode = x.postcode ?? (await nearestPostcode(x.lat, x.lng));
    if (x.address && postcode && !x.address.includes(postcode)) return `${x.address}, ${postcode}`;
    return x.address ?? (postcode ? `near ${postcode}` : `${x.lat.toFixed(4)}, ${x.lng.toFixed(4)}`);
  };
  const categoryName = (code: string) => categoriesByCode.get(code)?.name ?? code;

  const fixedByCategory = new Map<string, WorkOrder[]>();
  for (const wo of fixedThisWeek) fixedByCategory.set(wo.categoryCode, [...(fixedByCategory.get(wo.categoryCode) ?? []), wo]);
  const timeToClearByCategory: Record<string, ClearTime> = {};
  for (const [code, list] of fixedByCategory) timeToClearByCategory[code] = clearTime(list)!;

  const onTime = fixedThisWeek.filter((wo) => fixedAt(wo)! <= wo.dueAt).length;

  const removed = { sharps: 0, condoms: 0, bags: 0 };
  for (const wo of closedThisWeek) {
    const q = wo.quantities ?? {};
    removed.sharps += Number(q.sharps_count ?? 0);
    removed.condoms += Number(q.condoms_count ?? 0);
    removed.bags += Number(q.bags ?? 0);
  }

  const flyTips = fixedThisWeek.filter((wo) => wo.categoryCode === 'fly-tipping');
  const sizeCounts = countBy(flyTips, (wo) => {
    const size = wo.wasteData?.size;
    return size && FLY_TIP_SIZES.some((s) => s.key === size) ? size : NOT_RECORDED;
  });
  const flyTipsBySize = [
    ...FLY_TIP_SIZES.map((s) => ({ key: s.key, label: s.label, count: sizeCounts[s.key] ?? 0 })),
    { key: NOT_RECORDED, label: 'Size not recorded', count: sizeCounts[NOT_RECORDED] ?? 0 },
  ];

  const evidenceFlags: Record<string, number> = {};
  for (const wo of closedThisWeek) for (const f of wo.evidenceFlags ?? []) evidenceFlags[f] = (evidenceFlags[f] ?? 0) + 1;

  const closedItems: ClosedNotFixedItem[] = [];
  for (const wo of [...notFixedThisWeek].sort((a, b) => closedNotFixedAt(a)!.localeCompare(closedNotFixedAt(b)!))) {
    const reason = wo.outcomeReason ?? wo.status;
    closedItems.push({
      reference: wo.reference,
      categoryCode: wo.categoryCode,
      reason,
      reasonLabel: reasonLabel(reason),
      location: await placeOf(wo),
      closedAt: closedNotFixedAt(wo)!,
    });
  }

  // Hotspots: places with repeat requests over the trend window, by nearest postcode.
  const byPlace = new Map<string, { thisWeek: number; window: number; categories: Record<string, number> }>();
  for (const r of reqs) {
    const place = r.postcode ?? (await nearestPostcode(r.lat, r.lng)) ?? `${r.lat.toFixed(3)}, ${r.lng.toFixed(3)}`;
    const entry = byPlace.get(place) ?? { thisWeek: 0, window: 0, categories: {} };
    entry.window += 1;
    if (inWindow(r.createdAt, week)) entry.thisWeek += 1;
    entry.categories[r.categoryCode] = (entry.categories[r.categoryCode] ?? 0) + 1;
    byPlace.set(place, entry);
  }
  const hotspots: Hotspot[] = [...byPlace.entries()]
    .filter(([, e]) => e.window >= HOTSPOT_MIN_REQUESTS)
    .map(([location, e]) => ({
      location,
      requestsThisWeek: e.thisWeek,
      requestsTrendWindow: e.window,
      topCategoryCode: Object.entries(e.categories).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
    }))
    .sort((a, b) => b.requestsTrendWindow - a.requestsTrendWindow || b.requestsThisWeek - a.requestsThisWeek || a.location.localeCompare(b.location))
    .slice(0, MAX_HOTSPOTS);

  const trend = rows.trendWeeks.map((w) => ({
    week: w.label,
    firstDay: w.firstDay,
    received: reqs.filter((r) => inWindow(r.createdAt, w)).length,
    fixed: wos.filter((wo) => inWindow(fixedAt(wo), w)).length,
    closedNotFixed: wos.filter((wo) => inWindow(closedNotFixedAt(wo), w)).length,
  }));

  const mapPoints: MapPoint[] = [
    ...fixedThisWeek.map((wo) => ({ lat: wo.lat, lng: wo.lng, categoryCode: wo.categoryCode, outcome: 'fixed' as const })),
    ...notFixedThisWeek.map((wo) => ({ lat: wo.lat, lng: wo.lng, categoryCode: wo.categoryCode, outcome: 'not_fixed' as const })),
    ...openAtEnd.map((wo) => ({ lat: wo.lat, lng: wo.lng, categoryCode: wo.categoryCode, outcome: 'open' as const })),
  ];

  // Before/after pairs: fixed this week with at least one photo of each kind.
  const maxPairs = opts.maxPairs ?? DEFAULT_MAX_PAIRS;
  const photos = fixedThisWeek.length
    ? await deps.db.manager.getRepository(PhotoEntity).find({
        where: { workOrderId: In(fixedThisWeek.map((wo) => wo.id)), kind: In(['before', 'after']) },
        order: { createdAt: 'ASC' },
      })
    : [];
  const photosByWo = new Map<string, { before?: Photo; after?: Photo }>();
  for (const p of photos) {
    const e = photosByWo.get(p.workOrderId!) ?? {};
    // The first "before" shows the problem as found; the last "after" the finished job.
    if (p.kind === 'before' && !e.before) e.before = p;
    if (p.kind === 'after') e.after = p;
    photosByWo.set(p.workOrderId!, e);
  }
  const candidates = fixedThisWeek
    .filter((wo) => photosByWo.get(wo.id)?.before && photosByWo.get(wo.id)?.after)
    .sort((a, b) => pairPriority(categoriesByCode.get(a.categoryCode)) - pairPriority(categoriesByCode.get(b.categoryCode)) || fixedAt(a)!.localeCompare(fixedAt(b)!) || a.reference.localeCompare(b.reference));
  const ref = (p: Photo): PhotoRef => ({ id: p.id, sha256: p.sha256, mime: p.mime, width: p.width, height: p.height, takenAt: p.takenAt });
  const pairs: BeforeAfterPair[] = [];
  for (const wo of candidates.slice(0, maxPairs)) {
    const ph = photosByWo.get(wo.id)!;
    const location = await placeOf(wo);
    const cleared = fixedAt(wo)!;
    pairs.push({
      workOrderId: wo.id,
      reference: wo.reference,
      categoryCode: wo.categoryCode,
      categoryName: categoryName(wo.categoryCode),
      hazard: categoriesByCode.get(wo.categoryCode)?.hazard ?? false,
      description: wo.publicSummary?.trim() || `${categoryName(wo.categoryCode)}, ${location}`,
      location,
      reportedAt: wo.openedAt,
      clearedAt: cleared,
      hoursToClear: round2(hoursBetween(wo.openedAt, cleared)),
      withinDeadline: cleared <= wo.dueAt,
      crewName: wo.crewId ? (rows.crewNames.get(wo.crewId) ?? null) : null,
      before: ref(ph.before!),
      after: ref(ph.after!),
    });
  }

  const usedCodes = new Set<string>([
    ...reqs.map((r) => r.categoryCode),
    ...wos.filter((wo) => inWindow(finishedAt(wo), week) || openAt(wo, week.end)).map((wo) => wo.categoryCode),
  ]);
  const categories = rows.categories
    .filter((c) => usedCodes.has(c.code))
    .map((c) => ({ code: c.code, name: c.name, hazard: c.hazard }));
  for (const code of usedCodes) if (!categoriesByCode.has(code)) categories.push({ code, name: code, hazard: false });

  const council = headlineOf(rows.workOrders, rows.requests, week);
  const bySource = Object.fromEntries(REQUEST_SOURCES.map((s) => [s, 0])) as Record<RequestSource, number>;
  for (const r of reqsThisWeek) bySource[r.source] = (bySource[r.source] ?? 0) + 1;

  return {
    ward: { code: wardCode, name: wardName },
    councilName: opts.councilName,
    timeZone: opts.timeZone,
    week,
    generatedAt: opts.generatedAt,
    provisional: opts.generatedAt < week.end,
    categories,
    headline: headlineOf(wos, reqs, week),
    council: { ...council, wards: rows.wardNames.size },
    received: { total: reqsThisWeek.length, byCategory: countBy(reqsThisWeek, (r) => r.categoryCode), bySource },
    fixed: { total: fixedThisWeek.length, byCategory: countBy(fixedThisWeek, (wo) => wo.categoryCode), clearedLate: fixedThisWeek.length - onTime },
    closedNotFixed: { total: notFixedThisWeek.length, byReason: countBy(closedItems, (i) => i.reason), items: closedItems },
    stillOpen: { total: openAtEnd.length, overdue: openAtEnd.filter((wo) => wo.dueAt < week.end).length, byCategory: countBy(openAtEnd, (wo) => wo.categoryCode) },
    timeToClear: { overall: clearTime(fixedThisWeek), byCategory: timeToClearByCategory },
    withinDeadline: { fixed: fixedThisWeek.length, onTime, share: fixedThisWeek.length ? onTime / fixedThisWeek.length : null },
    removed,
    flyTipsBySize,
    evidenceFlags,
    trend,
    hotspots,
    mapPoints,
    pairs,
    pairsOmitted: Math.max(0, candidates.length - maxPairs),
  };
}

/** One ward's report data for one week (loads the week's rows itself). */
export async function buildWeeklyReportData(
  deps: ReportDataDeps,
  wardCode: string,
  weekLabel: string,
  opts: { generatedAt: string; maxPairs?: number },
): Promise<WeeklyReportData> {
  const rows = await loadWeekRows(deps.db, weekLabel, deps.config.timeZone);
  return assembleWeeklyData(deps, rows, wardCode, { ...opts, timeZone: deps.config.timeZone, councilName: deps.config.councilName });
}
