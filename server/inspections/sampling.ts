/**
 * Drawing a tranche's sample and handing it out, as pure functions: the same
 * transects, sample size and seed always give the same sample (so a draw can
 * be checked and repeated), whatever order the transects arrive in.
 */
import { createHash } from 'node:crypto';
import { Random } from '../scheduling/random.js';
import { LAND_USES, type LandUse } from './grades.js';

export interface SampleFrameRow {
  id: string;
  wardCode: string;
  landUse: LandUse;
}

/** A 32-bit seed from any text (the tranche's seed, a ward and a land use). */
export function seedOf(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/**
 * How many of `size` go to each land use, in proportion to its transects
 * (largest remainder; ties to the earlier land use in LAND_USES). A class with
 * no transects gets none; a ward with fewer transects than `size` is surveyed whole.
 */
export function allocate(counts: Partial<Record<LandUse, number>>, size: number): Partial<Record<LandUse, number>> {
  const total = LAND_USES.reduce((s, u) => s + (counts[u] ?? 0), 0);
  const out: Partial<Record<LandUse, number>> = {};
  if (total === 0) return out;
  const n = Math.min(size, total);
  const shares = LAND_USES.map((u) => ({ u, exact: ((counts[u] ?? 0) * n) / total }));
  let given = 0;
  for (const s of shares) {
    const k = Math.floor(s.exact);
    if (k > 0) out[s.u] = k;
    given += k;
  }
  const byRemainder = shares
    .map((s, order) => ({ ...s, order, rem: s.exact - Math.floor(s.exact) }))
    .filter((s) => (counts[s.u] ?? 0) > (out[s.u] ?? 0))
    .sort((a, b) => b.rem - a.rem || a.order - b.order);
  for (const s of byRemainder) {
    if (given >= n) break;
    out[s.u] = (out[s.u] ?? 0) + 1;
    given += 1;
  }
  return out;
}

/** Per ward: `size` transects stratified by land use, chosen at random from `seed`. Sorted by ward, land use, id. */
export function drawSample(frame: readonly SampleFrameRow[], size: number, seed: string): SampleFrameRow[] {
  const wards = [...new Set(frame.map((t) => t.wardCode))].sort();
  const chosen: SampleFrameRow[] = [];
  for (const ward of wards) {
    const inWard = frame.filter((t) => t.wardCode === ward);
    const counts: Partial<Record<LandUse, number>> = {};
    for (const t of inWard) counts[t.landUse] = (counts[t.landUse] ?? 0) + 1;
    const quota = allocate(counts, size);
    for (const landUse of LAND_USES) {
      const k = quota[landUse] ?? 0;
      if (!k) continue;
      const stratum = inWard.filter((t) => t.landUse === landUse).sort((a, b) => a.id.localeCompare(b.id));
      new Random(seedOf(seed, ward, landUse)).shuffle(stratum);
      chosen.push(...stratum.slice(0, k).sort((a, b) => a.id.localeCompare(b.id)));
    }
  }
  return chosen;
}

export interface PlannedVisit {
  transectId: string;
  inspectorId: string;
  dueOn: string;
}

function isWeekday(day: string): boolean {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Hands the sample out: each ward's transects go to one inspector in turn
 * (wards kept together so a day's walk stays in one place), up to
 * `perDay` a working day per inspector from `firstDay`.
 */
export function assignVisits(sample: readonly SampleFrameRow[], inspectorIds: readonly string[], firstDay: string, perDay: number): PlannedVisit[] {
  if (!inspectorIds.length || !sample.length) return [];
  const inspectors = [...inspectorIds].sort();
  const wards = [...new Set(sample.map((t) => t.wardCode))].sort();
  const nextFree = new Map<string, { day: string; used: number }>();
  const out: PlannedVisit[] = [];
  wards.forEach((ward, i) => {
    const inspectorId = inspectors[i % inspectors.length];
    for (const t of sample.filter((s) => s.wardCode === ward)) {
      let slot = nextFree.get(inspectorId) ?? { day: firstDay, used: 0 };
      while (!isWeekday(slot.day) || slot.used >= perDay) slot = { day: nextDay(slot.day), used: 0 };
      out.push({ transectId: t.id, inspectorId, dueOn: slot.day });
      nextFree.set(inspectorId, { day: slot.day, used: slot.used + 1 });
    }
  });
  return out;
}

/** The survey year's three tranches: April–July, August–November, December–March. */
export function tranchePeriod(day: string): { name: string; startsOn: string; endsOn: string } {
  const [y, m] = day.split('-').map(Number);
  if (m >= 4 && m <= 7) return { name: `${y}/${String((y + 1) % 100).padStart(2, '0')} tranche 1`, startsOn: `${y}-04-01`, endsOn: `${y}-07-31` };
  if (m >= 8 && m <= 11) return { name: `${y}/${String((y + 1) % 100).padStart(2, '0')} tranche 2`, startsOn: `${y}-08-01`, endsOn: `${y}-11-30` };
  const start = m === 12 ? y : y - 1;
  const end = start + 1;
  return { name: `${start}/${String(end % 100).padStart(2, '0')} tranche 3`, startsOn: `${start}-12-01`, endsOn: `${end}-03-31` };
}
