/**
 * The cleanliness index as pure functions: per area and tranche, the
 * percentage of surveyed transects below an acceptable grade (B- or worse,
 * NI195), per element, with a 95 % Wilson score interval from the sample size
 * (Wilson rather than the normal approximation because samples per ward are
 * small and shares near 0 % are common, where the normal interval collapses
 * to zero width or leaves [0, 100]).
 */
import { ELEMENTS, isBelowAcceptable, LAND_USES, type Element, type Grade, type LandUse } from './grades.js';

/** One graded transect: what the index reads. */
export interface GradedTransect {
  transectId: string;
  landUse: LandUse;
  grades: Partial<Record<Element, Grade | null>>;
}

export interface ElementIndex {
  /** Transects graded for this element. */
  surveyed: number;
  /** Of those, graded B- or worse. */
  below: number;
  /** below ÷ surveyed × 100, one decimal; null with nothing surveyed. */
  percent: number | null;
  /** 95 % Wilson interval in percent, one decimal; null with nothing surveyed. */
  low: number | null;
  high: number | null;
}

export interface StratumIndex {
  landUse: LandUse;
  surveyed: number;
  /** Litter and detritus, the elements a stratum's share is most read for. */
  elements: Record<Element, ElementIndex>;
}

export interface AreaIndex {
  surveyed: number;
  elements: Record<Element, ElementIndex>;
  /** Every land-use class, also those with no transect surveyed (n = 0, percent null). */
  strata: StratumIndex[];
}

const Z95 = 1.959964;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The 95 % Wilson score interval for `below` of `n`, as fractions; null for n = 0. */
export function wilsonInterval(below: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = below / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function elementIndex(below: number, surveyed: number): ElementIndex {
  const ci = wilsonInterval(below, surveyed);
  return {
    surveyed,
    below,
    percent: surveyed ? round1((100 * below) / surveyed) : null,
    low: ci ? round1(100 * ci.low) : null,
    high: ci ? round1(100 * ci.high) : null,
  };
}

function byElement(rows: readonly GradedTransect[]): Record<Element, ElementIndex> {
  const out = {} as Record<Element, ElementIndex>;
  for (const e of ELEMENTS) {
    let surveyed = 0;
    let below = 0;
    for (const r of rows) {
      const g = r.grades[e];
      if (!g) continue;
      surveyed += 1;
      if (isBelowAcceptable(g)) below += 1;
    }
    out[e] = elementIndex(below, surveyed);
  }
  return out;
}

/**
 * The index of one area (a ward, a partnership area) for one tranche. Each
 * transect counts once per element it was graded for; the headline is the
 * plain share over the sample (the sample is drawn in proportion to the land
 * uses, NI195's method), and the per-land-use rows show where it comes from.
 */
export function computeAreaIndex(rows: readonly GradedTransect[]): AreaIndex {
  return {
    surveyed: rows.length,
    elements: byElement(rows),
    strata: LAND_USES.map((landUse) => {
      const inStratum = rows.filter((r) => r.landUse === landUse);
      return { landUse, surveyed: inStratum.length, elements: byElement(inStratum) };
    }),
  };
}

export interface TranchePoint {
  trancheId: string;
  trancheName: string;
  startsOn: string;
  index: AreaIndex;
}

export type Direction = 'better' | 'worse' | 'same' | 'unknown';

/**
 * How an element moved from the previous tranche to the latest: "worse" or
 * "better" only when the change is at least `minPoints` percentage points
 * (lower is better); "unknown" without two tranches with data.
 */
export function direction(series: readonly TranchePoint[], element: Element, minPoints = 5): { direction: Direction; change: number | null } {
  const withData = series.filter((p) => p.index.elements[element].percent !== null);
  if (withData.length < 2) return { direction: 'unknown', change: null };
  const last = withData[withData.length - 1].index.elements[element].percent!;
  const prev = withData[withData.length - 2].index.elements[element].percent!;
  const change = round1(last - prev);
  if (change >= minPoints) return { direction: 'worse', change };
  if (change <= -minPoints) return { direction: 'better', change };
  return { direction: 'same', change };
}

/** A ward is slipping when litter or detritus got worse since the previous tranche. */
export function isSlipping(series: readonly TranchePoint[], minPoints = 5): boolean {
  return direction(series, 'litter', minPoints).direction === 'worse' || direction(series, 'detritus', minPoints).direction === 'worse';
}
