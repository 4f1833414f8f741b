/**
 * Builds the weekly ward report's data object (reports/weekly/types.ts) from
 * the database: every number the PDF shows, and the before/after pairs to
 * print, computed apart from the drawing so it can be tested exactly.
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
import {
  NOT_RECORDED, type BeforeAfterPair, type EvidenceItem, type CategoryRef, type ClearTime, type ClosedNotFixedItem, type FlyTipSizeCount, type Hotspot,
  type MapPoint, type PhotoRef, type TrendWeek, type WeeklyReportData,
} from '../../reports/weekly/types.js';
import { reportWeek, shiftWeek, type ReportWeek } from '../../reports/weekly/week.js';
import type { Category } from '../categories/category.entity.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import { FLY_TIP_SIZES } from '../categories/defra.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import type { RequestSource } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository, WeeklyReportRequestRow } from '../intake/service-request.repository.js';
import type { Photo } from '../photos/photo.entity.js';
import { FLAG_WORDS, problemFlags, proofOf } from '../work-orders/evidence.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import {
  clearTime, closedNotFixedAt, countBy, finishedAt, fixedAt, fixedOnTime, headlineOf, hoursBetween, inWindow, openAt, round2, underReviewAt,
} from './weekly-figures.js';

export const REQUEST_SOURCES: readonly RequestSource[] = ['public', 'partner', 'open311', 'staff', 'sweep'];
export const TREND_WEEKS = 12;
const HOTSPOT_MIN_REQUESTS = 2;
const MAX_HOTSPOTS = 8;
/**
 * Fly-tips are counted by size (Defra's WasteDataFlow sizes) and printed
 * before other non-hazard pairs. Categories carry no fly-tip marker, so the
 * category is known by its code.
 */
const FLY_TIPPING = 'fly-tipping';

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

/** Where the report's rows come from: the owning modules' repositories, the ward list and the postcode lookup. */
export interface WeeklyDataSources {
  workOrders: Pick<WorkOrderRepository, 'weeklyReportWorkOrders' | 'weeklyReportRejections'>;
  requests: Pick<ServiceRequestRepository, 'weeklyReportRequests'>;
  categories: Pick<CategoryRepository, 'weeklyReportCategories'>;
  crews: Pick<CrewRepository, 'weeklyReportCrewNames'>;
  photos: Pick<PhotoRepository, 'weeklyReportBeforeAfter'>;
  wards: { allWards(): { code: string; name: string }[] };
  postcodes: { nearest(lat: number, lng: number): Promise<string | null> };
}

// ---------------------------------------------------------------- rows

/**
 * Everything council-wide that a week's reports read, loaded once so the
 * Monday job renders 30 wards from a handful of queries.
 */
export interface WeekRows {
  week: ReportWeek;
  trendWeeks: ReportWeek[];
  workOrders: WorkOrder[];
  /** Job id → when its proof was last rejected, within the trend window up to the week's end. */
  rejections: Map<string, string>;
  requests: WeeklyReportRequestRow[];
  categories: Category[];
  crewNames: Map<string, string>;
  wardNames: Map<string, string>;
}

export async function loadWeekRows(src: WeeklyDataSources, weekLabel: string, timeZone: string): Promise<WeekRows> {
  const week = reportWeek(weekLabel, timeZone);
  const trendWeeks = Array.from({ length: TREND_WEEKS }, (_, i) => shiftWeek(weekLabel, i - (TREND_WEEKS - 1), timeZone));
  const windowStart = trendWeeks[0].start;
  const crews = await src.crews.weeklyReportCrewNames();
  return {
    week,
    trendWeeks,
    workOrders: await src.workOrders.weeklyReportWorkOrders(week.end, windowStart),
    rejections: await src.workOrders.weeklyReportRejections(windowStart, week.end),
    requests: await src.requests.weeklyReportRequests(windowStart, week.end),
    categories: await src.categories.weeklyReportCategories(),
    crewNames: new Map(crews.map((c) => [c.id, c.name])),
    wardNames: new Map(src.wards.allWards().map((w) => [w.code, w.name])),
  };
}

// ---------------------------------------------------------------- one ward's slice of the rows

interface WardWeek {
  week: ReportWeek;
  workOrders: WorkOrder[];
  rejections: Map<string, string>;
  requests: WeeklyReportRequestRow[];
  requestsThisWeek: WeeklyReportRequestRow[];
  fixed: WorkOrder[];
  notFixed: WorkOrder[];
  openAtEnd: WorkOrder[];
}

function wardWeek(rows: WeekRows, wardCode: string): WardWeek {
  const { week } = rows;
  const workOrders = rows.workOrders.filter((wo) => wo.wardCode === wardCode);
  const requests = rows.requests.filter((r) => r.wardCode === wardCode);
  return {
    week,
    workOrders,
    rejections: rows.rejections,
    requests,
    requestsThisWeek: requests.filter((r) => inWindow(r.createdAt, week)),
    fixed: workOrders.filter((wo) => inWindow(fixedAt(wo), week)),
    notFixed: workOrders.filter((wo) => inWindow(closedNotFixedAt(wo), week)),
    openAtEnd: workOrders.filter((wo) => wo.mergedIntoId === null && openAt(wo, week.end)),
  };
}

// ---------------------------------------------------------------- places

interface Places {
  nearestPostcode(lat: number, lng: number): Promise<string | null>;
  /**
   * The office-reviewed public place (and postcode), else "near <nearest postcode>", else the coordinates.
   * Never the resident's own landmark text: this PDF is forwarded to residents' groups.
   */
  placeOf(x: { lat: number; lng: number; publicPlace?: string | null; postcode: string | null }): Promise<string>;
}

/** Nearest-postcode lookups, each point asked once per report. */
function places(postcodes: WeeklyDataSources['postcodes']): Places {
  const cache = new Map<string, Promise<string | null>>();
  const nearestPostcode = (lat: number, lng: number) => {
    const key = `${lat.toFixed(4)},${lng.toFixed(4)}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = postcodes.nearest(lat, lng)));
    return p;
  };
  return {
    nearestPostcode,
    async placeOf(x) {
      const postcode = x.postcode ?? (await nearestPostcode(x.lat, x.lng));
      const place = x.publicPlace?.trim() || null;
      if (place && postcode && !place.includes(postcode)) return `${place}, ${postcode}`;
      return place ?? (postcode ? `near ${postcode}` : `${x.lat.toFixed(4)}, ${x.lng.toFixed(4)}`);
    },
  };
}

// ---------------------------------------------------------------- sections

function timeToClearByCategory(fixed: WorkOrder[]): Record<string, ClearTime> {
  const byCategory = new Map<string, WorkOrder[]>();
  for (const wo of fixed) byCategory.set(wo.categoryCode, [...(byCategory.get(wo.categoryCode) ?? []), wo]);
  const out: Record<string, ClearTime> = {};
  for (const [code, list] of byCategory) out[code] = clearTime(list)!;
  return out;
}

function removedQuantities(closed: WorkOrder[]): WeeklyReportData['removed'] {
  const removed = { sharps: 0, condoms: 0, bags: 0 };
  for (const wo of closed) {
    const q = wo.quantities ?? {};
    removed.sharps += Number(q.sharps_count ?? 0);
    removed.condoms += Number(q.condoms_count ?? 0);
    removed.bags += Number(q.bags ?? 0);
  }
  return removed;
}

function flyTipsBySize(fixed: WorkOrder[]): FlyTipSizeCount[] {
  const sizeCounts = countBy(fixed.filter((wo) => wo.categoryCode === FLY_TIPPING), (wo) => {
    const size = wo.wasteData?.size;
    return size && FLY_TIP_SIZES.some((s) => s.key === size) ? size : NOT_RECORDED;
  });
  return [
    ...FLY_TIP_SIZES.map((s) => ({ key: s.key, label: s.label, count: sizeCounts[s.key] ?? 0 })),
    { key: NOT_RECORDED, label: 'Size not recorded', count: sizeCounts[NOT_RECORDED] ?? 0 },
  ];
}

function evidenceFlagCounts(closed: WorkOrder[]): Record<string, number> {
  const flags: Record<string, number> = {};
  for (const wo of closed) for (const f of wo.evidenceFlags ?? []) flags[f] = (flags[f] ?? 0) + 1;
  return flags;
}

/** Jobs cleared by the crew whose proof is not accepted: under review, or rejected and sent back for a revisit. */
async function evidenceItems(ward: WardWeek, where: Places): Promise<{ underReview: EvidenceItem[]; rejected: EvidenceItem[] }> {
  const item = async (wo: WorkOrder, clearedAt: string | null, sentBackAt: string | null = null): Promise<EvidenceItem> => ({
    reference: wo.reference,
    categoryCode: wo.categoryCode,
    location: await where.placeOf(wo),
    clearedAt,
    sentBackAt,
    problems: problemFlags(wo.evidenceFlags ?? []).map((f) => FLAG_WORDS[f] ?? f.replace(/_/g, ' ')),
  });
  const underReview: EvidenceItem[] = [];
  for (const wo of ward.workOrders.filter((w) => inWindow(underReviewAt(w), ward.week)).sort((a, b) => underReviewAt(a)!.localeCompare(underReviewAt(b)!))) {
    underReview.push(await item(wo, underReviewAt(wo)));
  }
  // Sent back this week, or earlier and still not done again at the week's end; by the rejection's own time,
  // so a job rejected after the week is not in it. (One sent back before the trend window is on the open list.)
  const sentBack = ward.workOrders
    .flatMap((wo) => {
      const at = ward.rejections.get(wo.id);
      return at && (inWindow(at, ward.week) || openAt(wo, ward.week.end)) ? [{ wo, at }] : [];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  const rejected: EvidenceItem[] = [];
  for (const { wo, at } of sentBack) rejected.push(await item(wo, null, at));
  return { underReview, rejected };
}

async function closedNotFixedItems(notFixed: WorkOrder[], where: Places): Promise<ClosedNotFixedItem[]> {
  const items: ClosedNotFixedItem[] = [];
  for (const wo of [...notFixed].sort((a, b) => closedNotFixedAt(a)!.localeCompare(closedNotFixedAt(b)!))) {
    const reason = wo.outcomeReason ?? wo.status;
    items.push({
      reference: wo.reference,
      categoryCode: wo.categoryCode,
      reason,
      reasonLabel: reasonLabel(reason),
      location: await where.placeOf(wo),
      closedAt: closedNotFixedAt(wo)!,
    });
  }
  return items;
}

/** Places with repeat requests over the trend window, by nearest postcode. */
async function hotspotsOf(requests: WeeklyReportRequestRow[], week: ReportWeek, where: Places): Promise<Hotspot[]> {
  const byPlace = new Map<string, { thisWeek: number; window: number; categories: Record<string, number> }>();
  for (const r of requests) {
    const place = r.postcode ?? (await where.nearestPostcode(r.lat, r.lng)) ?? `${r.lat.toFixed(3)}, ${r.lng.toFixed(3)}`;
    const entry = byPlace.get(place) ?? { thisWeek: 0, window: 0, categories: {} };
    entry.window += 1;
    if (inWindow(r.createdAt, week)) entry.thisWeek += 1;
    entry.categories[r.categoryCode] = (entry.categories[r.categoryCode] ?? 0) + 1;
    byPlace.set(place, entry);
  }
  return [...byPlace.entries()]
    .filter(([, e]) => e.window >= HOTSPOT_MIN_REQUESTS)
    .map(([location, e]) => ({
      location,
      requestsThisWeek: e.thisWeek,
      requestsTrendWindow: e.window,
      topCategoryCode: Object.entries(e.categories).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
    }))
    .sort((a, b) => b.requestsTrendWindow - a.requestsTrendWindow || b.requestsThisWeek - a.requestsThisWeek || a.location.localeCompare(b.location))
    .slice(0, MAX_HOTSPOTS);
}

function trendOf(trendWeeks: ReportWeek[], ward: WardWeek): TrendWeek[] {
  return trendWeeks.map((w) => ({
    week: w.label,
    firstDay: w.firstDay,
    received: ward.requests.filter((r) => inWindow(r.createdAt, w)).length,
    fixed: ward.workOrders.filter((wo) => inWindow(fixedAt(wo), w)).length,
    closedNotFixed: ward.workOrders.filter((wo) => inWindow(closedNotFixedAt(wo), w)).length,
  }));
}

function mapPointsOf(ward: WardWeek): MapPoint[] {
  const point = (outcome: MapPoint['outcome']) => (wo: WorkOrder): MapPoint => ({ lat: wo.lat, lng: wo.lng, categoryCode: wo.categoryCode, outcome });
  return [...ward.fixed.map(point('fixed')), ...ward.notFixed.map(point('not_fixed')), ...ward.openAtEnd.map(point('open'))];
}

/** Hazards first, then fly-tips, then everything else: what councillors are asked about most. */
function pairPriority(category: Category | undefined): number {
  if (category?.hazard) return 0;
  if (category?.code === FLY_TIPPING) return 1;
  return 2;
}

const photoRef = (p: Photo): PhotoRef => ({ id: p.id, sha256: p.sha256, mime: p.mime, width: p.width, height: p.height, takenAt: p.takenAt });

/** Fixed this week with at least one photo of each kind, the most asked-about first, at most maxPairs of them. */
async function beforeAfterPairs(
  src: WeeklyDataSources,
  rows: WeekRows,
  fixed: WorkOrder[],
  where: Places,
  maxPairs: number,
): Promise<{ pairs: BeforeAfterPair[]; omitted: number }> {
  const categoriesByCode = new Map(rows.categories.map((c) => [c.code, c]));
  const categoryName = (code: string) => categoriesByCode.get(code)?.name ?? code;
  const photos = fixed.length ? await src.photos.weeklyReportBeforeAfter(fixed.map((wo) => wo.id)) : [];
  const photosByWo = new Map<string, { before?: Photo; after?: Photo }>();
  for (const wo of fixed) {
    // The proof fixed at closure (photos sent later never replace it).
    const proof = proofOf(wo, photos.filter((p) => p.workOrderId === wo.id));
    photosByWo.set(wo.id, { before: proof.before ?? undefined, after: proof.after ?? undefined });
  }
  const candidates = fixed
    .filter((wo) => photosByWo.get(wo.id)?.before && photosByWo.get(wo.id)?.after)
    .sort((a, b) => pairPriority(categoriesByCode.get(a.categoryCode)) - pairPriority(categoriesByCode.get(b.categoryCode)) || fixedAt(a)!.localeCompare(fixedAt(b)!) || a.reference.localeCompare(b.reference));
  const pairs: BeforeAfterPair[] = [];
  for (const wo of candidates.slice(0, maxPairs)) {
    const ph = photosByWo.get(wo.id)!;
    const location = await where.placeOf(wo);
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
      before: photoRef(ph.before!),
      after: photoRef(ph.after!),
    });
  }
  return { pairs, omitted: Math.max(0, candidates.length - maxPairs) };
}

/** The categories the ward's week mentions, in the council's order; codes no longer in the table keep their code as name. */
function categoriesUsed(rows: WeekRows, ward: WardWeek): CategoryRef[] {
  const usedCodes = new Set<string>([
    ...ward.requests.map((r) => r.categoryCode),
    ...ward.workOrders.filter((wo) => inWindow(finishedAt(wo), ward.week) || openAt(wo, ward.week.end)).map((wo) => wo.categoryCode),
  ]);
  const known = new Set(rows.categories.map((c) => c.code));
  const categories = rows.categories.filter((c) => usedCodes.has(c.code)).map((c) => ({ code: c.code, name: c.name, hazard: c.hazard }));
  for (const code of usedCodes) if (!known.has(code)) categories.push({ code, name: code, hazard: false });
  return categories;
}

function requestsBySource(requests: WeeklyReportRequestRow[]): Record<RequestSource, number> {
  const bySource = Object.fromEntries(REQUEST_SOURCES.map((s) => [s, 0])) as Record<RequestSource, number>;
  for (const r of requests) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
  return bySource;
}

// ---------------------------------------------------------------- assembly

export interface AssembleOptions {
  maxPairs: number;
  generatedAt: string;
  timeZone: string;
  councilName: string;
}

/** One ward's report from the week's council-wide rows. */
export async function assembleWeeklyData(src: WeeklyDataSources, rows: WeekRows, wardCode: string, opts: AssembleOptions): Promise<WeeklyReportData> {
  const { week } = rows;
  const wardName = rows.wardNames.get(wardCode);
  if (!wardName) throw new RangeError(`Unknown ward ${wardCode}`);
  const ward = wardWeek(rows, wardCode);
  const closed = [...ward.fixed, ...ward.notFixed];
  const onTime = ward.fixed.filter(fixedOnTime).length;
  const where = places(src.postcodes);
  const closedItems = await closedNotFixedItems(ward.notFixed, where);
  const hotspots = await hotspotsOf(ward.requests, week, where);
  const { pairs, omitted } = await beforeAfterPairs(src, rows, ward.fixed, where, opts.maxPairs);
  const council = headlineOf(rows.workOrders, rows.requests, week);

  return {
    ward: { code: wardCode, name: wardName },
    councilName: opts.councilName,
    timeZone: opts.timeZone,
    week,
    generatedAt: opts.generatedAt,
    provisional: opts.generatedAt < week.end,
    categories: categoriesUsed(rows, ward),
    headline: headlineOf(ward.workOrders, ward.requests, week),
    council: { ...council, wards: rows.wardNames.size },
    received: { total: ward.requestsThisWeek.length, byCategory: countBy(ward.requestsThisWeek, (r) => r.categoryCode), bySource: requestsBySource(ward.requestsThisWeek) },
    fixed: { total: ward.fixed.length, byCategory: countBy(ward.fixed, (wo) => wo.categoryCode), clearedLate: ward.fixed.length - onTime },
    closedNotFixed: { total: ward.notFixed.length, byReason: countBy(closedItems, (i) => i.reason), items: closedItems },
    stillOpen: { total: ward.openAtEnd.length, overdue: ward.openAtEnd.filter((wo) => wo.dueAt < week.end).length, byCategory: countBy(ward.openAtEnd, (wo) => wo.categoryCode) },
    timeToClear: { overall: clearTime(ward.fixed), byCategory: timeToClearByCategory(ward.fixed) },
    withinDeadline: { fixed: ward.fixed.length, onTime, share: ward.fixed.length ? onTime / ward.fixed.length : null },
    removed: removedQuantities(closed),
    flyTipsBySize: flyTipsBySize(ward.fixed),
    evidenceFlags: evidenceFlagCounts([...closed, ...ward.workOrders.filter((wo) => inWindow(underReviewAt(wo), week))]),
    evidence: await evidenceItems(ward, where),
    trend: trendOf(rows.trendWeeks, ward),
    hotspots,
    mapPoints: mapPointsOf(ward),
    pairs,
    pairsOmitted: omitted,
  };
}
