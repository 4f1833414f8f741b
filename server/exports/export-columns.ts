/**
 * What one exported work order says, and which columns each audience gets.
 * Nobody's name, email or phone is in any of them: the rows are read without
 * reporters' contact details, and the only free text the office export adds
 * is the office-reviewed public description of the place. Open data leaves
 * out even that, and the crew, and coarsens the position.
 */
import { ENFORCEMENT_ACTIONS, FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES } from '../categories/defra.js';
import type { Category } from '../categories/category.entity.js';
import type { WorkOrderExportRow } from '../work-orders/work-order.repository.js';
import { isOpen, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import { reasonLabel } from '../weekly-reports/weekly-data.js';
import { evidenceStatus } from './evidence-status.js';
import { publicStatusOf } from '../work-orders/evidence.js';

/** Who an export is for: decides its columns. */
export type ExportAudience = 'office' | 'councillor' | 'partner' | 'open_data';

const STATUS_WORDS: Readonly<Record<WorkOrderStatus, string>> = {
  new: 'Received',
  accepted: 'Accepted',
  scheduled: 'Scheduled',
  assigned: 'Given to a crew',
  in_progress: 'Crew working on it',
  completed: 'Fixed',
  not_completed: 'Not completed',
  partially_completed: 'Partly completed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  duplicate: 'Duplicate of another job',
  not_responsible: 'Not the council’s responsibility',
  reopened: 'Reopened',
};

function outcomeWords(status: WorkOrderStatus, reason: string | null): string {
  if (isOpen(status)) return 'Open';
  if (status === 'completed') return 'Fixed';
  return `Closed – not fixed${reason ? `: ${reasonLabel(reason)}` : ''}`;
}

/**
 * One work order as an export reads it: its own columns (the work-order repository's projection,
 * never `address`) and what the service looked up for the page from the modules that own it.
 */
export interface ExportRow extends WorkOrderExportRow {
  crewName: string | null;
  hasBefore: boolean;
  hasAfter: boolean;
  /** The partner's own reference, in a partner's export; null otherwise. */
  partnerReference: string | null;
}

const label = (list: { key: string; label: string }[], key: string | undefined) => (key ? list.find((o) => o.key === key)?.label ?? key : '');

/** Local wall-clock time, as spreadsheets read it: "2026-03-29 01:30". */
export type LocalTime = (iso: string) => string;

export interface RecordContext {
  categories: Map<string, Category>;
  wardName: (code: string) => string;
  localTime: LocalTime;
  now: string;
  /** Enforcement actions recorded per work order id (labels, in order). */
  enforcement: Map<string, string[]>;
}

/** One exported work order; field order is the CSV's column order. */
export interface ExportRecord {
  reference: string;
  category: string;
  categoryCode: string;
  status: string;
  statusWords: string;
  outcome: string;
  evidence: string;
  wardCode: string;
  ward: string;
  zone: number;
  postcode: string | null;
  place: string | null;
  lat: number;
  lng: number;
  reported: string;
  due: string;
  closed: string | null;
  hoursToClear: number | null;
  metDeadline: string;
  priority: string;
  crew: string | null;
  quantities: Record<string, number>;
  flyTipSize: string;
  flyTipWasteType: string;
  flyTipLandType: string;
  flyTipEnforcementByCrew: string;
  enforcementActions: string;
  partnerReference: string | null;
  /** For GeoJSON, ISO instants. */
  reportedAt: string;
  dueAt: string;
  closedAt: string | null;
}

export function toRecord(row: ExportRow, ctx: RecordContext): ExportRecord {
  const quantities = row.quantities ?? {};
  const waste = row.wasteData ?? {};
  const flags = row.evidenceFlags ?? [];
  const closedAt = row.status === 'completed' ? row.completedAt ?? row.closedAt : isOpen(row.status) ? null : row.closedAt;
  const cleared = row.status === 'completed' && closedAt ? closedAt : null;
  const hoursToClear = cleared ? Math.round(((Date.parse(cleared) - Date.parse(row.openedAt)) / 3_600_000) * 10) / 10 : null;
  // Only a fix meets a deadline; an open job past its deadline has already missed it.
  const metDeadline = cleared ? (cleared <= row.dueAt ? 'Yes' : 'No') : isOpen(row.status) && ctx.now > row.dueAt ? 'No (still open)' : '';
  return {
    reference: row.reference,
    category: ctx.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    categoryCode: row.categoryCode,
    status: row.status,
    // In words as the public and councillors see it: a job closed on photos still being checked is not "Fixed" yet.
    statusWords: STATUS_WORDS[publicStatusOf(row)] ?? row.status,
    outcome: outcomeWords(row.status, row.outcomeReason),
    evidence: evidenceStatus({ status: row.status, evidenceStatus: row.evidenceStatus, evidenceFlags: flags, hasBefore: row.hasBefore, hasAfter: row.hasAfter }),
    wardCode: row.wardCode,
    ward: ctx.wardName(row.wardCode),
    zone: row.zone,
    postcode: row.postcode,
    place: row.publicPlace ?? row.postcode,
    lat: row.lat,
    lng: row.lng,
    reported: ctx.localTime(row.openedAt),
    due: ctx.localTime(row.dueAt),
    closed: closedAt ? ctx.localTime(closedAt) : null,
    hoursToClear,
    metDeadline,
    priority: row.priority,
    crew: row.crewName,
    quantities,
    flyTipSize: label(FLY_TIP_SIZES, waste.size),
    flyTipWasteType: label(FLY_TIP_WASTE_TYPES, waste.wasteType),
    flyTipLandType: label(FLY_TIP_LAND_TYPES, waste.landType),
    flyTipEnforcementByCrew: label(ENFORCEMENT_ACTIONS, waste.enforcement),
    enforcementActions: (ctx.enforcement.get(row.id) ?? []).join('; '),
    partnerReference: row.partnerReference,
    reportedAt: row.openedAt,
    dueAt: row.dueAt,
    closedAt,
  };
}

export interface Column {
  header: string;
  /** A GeoJSON property name (snake case). */
  key: string;
  value: (r: ExportRecord) => string | number | null;
}

/** Open data's coarse position: 3 decimal places (about 110 m north–south, 70 m east–west here), so a point is a stretch of street, not a doorstep. */
const coarse = (n: number) => Math.round(n * 1000) / 1000;
/** "L6 3AE" → "L6 3": the postcode sector. */
const sector = (postcode: string | null) => (postcode ? postcode.replace(/\s*[A-Z]{2}$/i, '').trim() || null : null);

/** The columns of an export, in order; `quantityFields` are every category's quantity fields, one column each. */
export function columnsFor(audience: ExportAudience, quantityFields: { code: string; label: string }[]): Column[] {
  const open = audience === 'open_data';
  const cols: Column[] = [
    { header: 'Reference', key: 'reference', value: (r) => r.reference },
    { header: 'Category', key: 'category', value: (r) => r.category },
    { header: 'Status', key: 'status', value: (r) => r.statusWords },
    { header: 'Outcome', key: 'outcome', value: (r) => r.outcome },
    { header: 'Evidence', key: 'evidence', value: (r) => r.evidence },
    { header: 'Ward code', key: 'ward_code', value: (r) => r.wardCode },
    { header: 'Ward', key: 'ward', value: (r) => r.ward },
    { header: 'Zone', key: 'zone', value: (r) => r.zone },
    open
      ? { header: 'Postcode sector', key: 'postcode_sector', value: (r) => sector(r.postcode) }
      : { header: 'Nearest postcode', key: 'postcode', value: (r) => r.postcode },
    ...(open ? [] : [{ header: 'Place', key: 'place', value: (r: ExportRecord) => r.place }]),
    { header: 'Latitude', key: 'lat', value: (r) => (open ? coarse(r.lat) : r.lat) },
    { header: 'Longitude', key: 'lng', value: (r) => (open ? coarse(r.lng) : r.lng) },
    { header: 'Reported (UK time)', key: 'reported', value: (r) => r.reported },
    { header: 'Due (UK time)', key: 'due', value: (r) => r.due },
    { header: 'Closed (UK time)', key: 'closed', value: (r) => r.closed },
    { header: 'Hours to clear', key: 'hours_to_clear', value: (r) => r.hoursToClear },
    { header: 'Met deadline', key: 'met_deadline', value: (r) => r.metDeadline },
    ...(open ? [] : [{ header: 'Priority', key: 'priority', value: (r: ExportRecord) => r.priority }, { header: 'Crew', key: 'crew', value: (r: ExportRecord) => r.crew }]),
    ...quantityFields.map((q) => ({ header: q.label, key: `qty_${q.code}`, value: (r: ExportRecord) => r.quantities[q.code] ?? null })),
    { header: 'Fly-tip size', key: 'fly_tip_size', value: (r) => r.flyTipSize },
    { header: 'Fly-tip waste type', key: 'fly_tip_waste_type', value: (r) => r.flyTipWasteType },
    { header: 'Fly-tip land type', key: 'fly_tip_land_type', value: (r) => r.flyTipLandType },
    ...(open
      ? []
      : [
          { header: 'Fly-tip enforcement (crew)', key: 'fly_tip_enforcement_crew', value: (r: ExportRecord) => r.flyTipEnforcementByCrew },
          { header: 'Enforcement actions recorded', key: 'enforcement_actions', value: (r: ExportRecord) => r.enforcementActions },
        ]),
    ...(audience === 'partner' ? [{ header: 'Your reference', key: 'your_reference', value: (r: ExportRecord) => r.partnerReference }] : []),
  ];
  return cols;
}

/** Quantity fields of every category, once each by code (first label wins), in category order. */
export function quantityFieldsOf(categories: Category[]): { code: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const c of categories) for (const q of c.quantities) if (!seen.has(q.code)) seen.set(q.code, q.unit && !q.label.includes(q.unit) ? `${q.label} (${q.unit})` : q.label);
  return [...seen].map(([code, label]) => ({ code, label }));
}
