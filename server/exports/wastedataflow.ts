/**
 * The monthly WasteDataFlow fly-tipping return, as a plain object and as the
 * rows of its CSV: incidents cleared in the month counted by land type ×
 * waste type × size (Defra's lists, every combination, so the grid is the
 * same shape every month), the enforcement actions the office recorded in
 * the month, estimated clearance costs from the council's own cost per size
 * band, and, apart, the incidents that lack a field Defra requires, which are
 * not counted until the office fixes them.
 */
import { ENFORCEMENT_ACTIONS, FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES } from '../categories/defra.js';
import { addDays, zonedInstant } from '../sla/local-time.js';

export interface FlyTipIncident {
  id: string;
  reference: string;
  wardName: string;
  /** ISO instant the crew cleared it. */
  completedAt: string;
  wasteData: Record<string, string>;
}

export interface IncompleteIncident {
  id: string;
  reference: string;
  ward: string;
  completedAt: string;
  /** Defra's names of the fields missing or not on Defra's list. */
  missing: string[];
}

export interface WasteDataFlowReturn {
  month: string;
  /** Local dates, inclusive. */
  firstDay: string;
  lastDay: string;
  /** The month's instants in UTC: [start, end). */
  start: string;
  end: string;
  incidentsCounted: number;
  /** counts[landType][wasteType][size] (Defra keys). */
  counts: Record<string, Record<string, Record<string, number>>>;
  bySize: Record<string, number>;
  byLandType: Record<string, number>;
  enforcement: Record<string, number>;
  /** Pounds per incident of each size, as the council entered them (a size left out has no estimate). */
  costPerSize: Record<string, number>;
  /** Estimated cost per size where a cost was entered; null total when none was. */
  estimatedCost: { bySize: Record<string, number | null>; total: number | null; sizesWithoutCost: string[] };
  incomplete: IncompleteIncident[];
}

const REQUIRED = [
  { field: 'landType', name: 'Land type', list: FLY_TIP_LAND_TYPES },
  { field: 'wasteType', name: 'Waste type', list: FLY_TIP_WASTE_TYPES },
  { field: 'size', name: 'Size', list: FLY_TIP_SIZES },
] as const;

/** "2026-03" → its first instant and the next month's, in the council's zone (so 1 April 00:00 BST is 31 March 23:00 UTC). */
export function monthBounds(month: string, timeZone: string): { firstDay: string; lastDay: string; start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const firstDay = `${month}-01`;
  const nextFirst = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return {
    firstDay,
    lastDay: addDays(nextFirst, -1),
    start: zonedInstant(firstDay, '00:00', timeZone).toISOString(),
    end: zonedInstant(nextFirst, '00:00', timeZone).toISOString(),
  };
}

export function buildReturn(input: {
  month: string;
  /** The month's `monthBounds` (the caller has them already, to read the month's incidents and actions). */
  bounds: ReturnType<typeof monthBounds>;
  incidents: FlyTipIncident[];
  /** Action keys of the enforcement actions taken in the month. */
  actions: string[];
  costPerSize: Record<string, number | undefined>;
}): WasteDataFlowReturn {
  const counts: WasteDataFlowReturn['counts'] = {};
  for (const land of FLY_TIP_LAND_TYPES) {
    counts[land.key] = {};
    for (const waste of FLY_TIP_WASTE_TYPES) counts[land.key][waste.key] = Object.fromEntries(FLY_TIP_SIZES.map((s) => [s.key, 0]));
  }
  const bySize: Record<string, number> = Object.fromEntries(FLY_TIP_SIZES.map((s) => [s.key, 0]));
  const byLandType: Record<string, number> = Object.fromEntries(FLY_TIP_LAND_TYPES.map((l) => [l.key, 0]));
  const incomplete: IncompleteIncident[] = [];
  let counted = 0;
  for (const i of input.incidents) {
    const missing = REQUIRED.filter((r) => !r.list.some((o) => o.key === i.wasteData[r.field])).map((r) => r.name);
    if (missing.length) {
      incomplete.push({ id: i.id, reference: i.reference, ward: i.wardName, completedAt: i.completedAt, missing });
      continue;
    }
    counts[i.wasteData.landType][i.wasteData.wasteType][i.wasteData.size] += 1;
    bySize[i.wasteData.size] += 1;
    byLandType[i.wasteData.landType] += 1;
    counted += 1;
  }
  const enforcement: Record<string, number> = Object.fromEntries(ENFORCEMENT_ACTIONS.map((a) => [a.key, 0]));
  for (const a of input.actions) if (a in enforcement) enforcement[a] += 1;
  const costPerSize: Record<string, number> = {};
  for (const s of FLY_TIP_SIZES) if (typeof input.costPerSize[s.key] === 'number') costPerSize[s.key] = input.costPerSize[s.key]!;
  const costBySize: Record<string, number | null> = {};
  const sizesWithoutCost: string[] = [];
  let total: number | null = null;
  for (const s of FLY_TIP_SIZES) {
    const unit = costPerSize[s.key];
    if (unit === undefined) {
      costBySize[s.key] = null;
      if (bySize[s.key] > 0) sizesWithoutCost.push(s.label);
      continue;
    }
    costBySize[s.key] = Math.round(unit * bySize[s.key] * 100) / 100;
    total = Math.round(((total ?? 0) + costBySize[s.key]!) * 100) / 100;
  }
  return { month: input.month, ...input.bounds, incidentsCounted: counted, counts, bySize, byLandType, enforcement, costPerSize, estimatedCost: { bySize: costBySize, total, sizesWithoutCost }, incomplete };
}

type Cell = string | number | null;

/**
 * The return as CSV rows, every row as wide as the widest (RFC 4180 asks for
 * one field count throughout): a heading block, the incident grid (land type,
 * waste type, a column per size, total), the enforcement actions, the cost
 * estimate, and the incidents to fix before submitting.
 */
export function returnRows(r: WasteDataFlowReturn, meta: { councilName: string; generatedAt: string; localTime: (iso: string) => string }): Cell[][] {
  const width = 2 + FLY_TIP_SIZES.length + 1;
  const rows: Cell[][] = [];
  const push = (...cells: Cell[]) => rows.push([...cells, ...Array(Math.max(0, width - cells.length)).fill('')]);
  const money = (n: number | null) => (n === null ? 'not entered' : n.toFixed(2));

  push('WasteDataFlow fly-tipping return');
  push('Authority', meta.councilName);
  push('Month', r.month);
  push('Period (UK time)', `${r.firstDay} to ${r.lastDay}`);
  push('Incidents counted', r.incidentsCounted);
  push('Incidents to fix before submitting (not counted)', r.incomplete.length);
  push('Generated (UK time)', meta.localTime(meta.generatedAt));
  push();
  push('Incidents by land type, waste type and size');
  push('Land type', 'Waste type', ...FLY_TIP_SIZES.map((s) => s.label), 'Total');
  for (const land of FLY_TIP_LAND_TYPES) {
    for (const waste of FLY_TIP_WASTE_TYPES) {
      const bySize = FLY_TIP_SIZES.map((s) => r.counts[land.key][waste.key][s.key]);
      push(land.label, waste.label, ...bySize, bySize.reduce((a, b) => a + b, 0));
    }
    const landSizes = FLY_TIP_SIZES.map((s) => FLY_TIP_WASTE_TYPES.reduce((n, w) => n + r.counts[land.key][w.key][s.key], 0));
    push(land.label, 'All waste types', ...landSizes, r.byLandType[land.key]);
  }
  push('All land types', 'All waste types', ...FLY_TIP_SIZES.map((s) => r.bySize[s.key]), r.incidentsCounted);
  push();
  push('Enforcement actions');
  push('Action', 'Number');
  for (const a of ENFORCEMENT_ACTIONS) push(a.label, r.enforcement[a.key]);
  push('All actions', Object.values(r.enforcement).reduce((a, b) => a + b, 0));
  push();
  push('Estimated clearance costs');
  push('Size', 'Incidents', 'Cost per incident (£)', 'Estimated cost (£)');
  for (const s of FLY_TIP_SIZES) push(s.label, r.bySize[s.key], money(r.costPerSize[s.key] ?? null), money(r.estimatedCost.bySize[s.key]));
  push('All sizes', r.incidentsCounted, '', money(r.estimatedCost.total));
  push();
  push('Incidents to fix before submitting');
  push('Reference', 'Cleared (UK time)', 'Ward', 'Missing');
  for (const i of r.incomplete) push(i.reference, meta.localTime(i.completedAt), i.ward, i.missing.join('; '));
  if (!r.incomplete.length) push('None');
  return rows;
}
