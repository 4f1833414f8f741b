/**
 * The weekly report's cleanliness section from the inspections module: the
 * ward's index for the tranches begun by the report's week, and its
 * partnership areas' before/after. Absent when the ward has no surveys.
 */
import type { CleanlinessSection, TrancheShares } from '../../reports/weekly/cleanliness-types.js';
import type { InspectionService } from '../inspections/inspection.service.js';
import type { TranchePoint } from '../inspections/cleanliness-index.js';

export type CleanlinessSource = Pick<InspectionService, 'wardIndex' | 'partnershipAreas'>;

function shares(p: TranchePoint | null): TrancheShares | null {
  return p ? { name: p.trancheName, startsOn: p.startsOn, surveyed: p.index.surveyed, elements: p.index.elements } : null;
}

export async function buildCleanlinessSection(source: CleanlinessSource, wardCode: string, weekEnd: string): Promise<CleanlinessSection | undefined> {
  const index = await source.wardIndex(wardCode).catch(() => null);
  const tranches = (index?.tranches ?? []).filter((t) => `${t.startsOn}T00:00:00.000Z` < weekEnd);
  if (!index || !tranches.length) return undefined;
  const areas = (await source.partnershipAreas(wardCode)).map((a) => {
    const known = a.tranches.filter((t) => `${t.startsOn}T00:00:00.000Z` < weekEnd);
    const before = [...known].reverse().find((t) => t.startsOn < a.area.startedOn) ?? null;
    const since = known.filter((t) => t.startsOn >= a.area.startedOn);
    return { name: a.area.name, startedOn: a.area.startedOn, transects: a.transects, before: shares(before), after: shares(since[since.length - 1] ?? null) };
  });
  return { tranches: tranches.map((t) => shares(t)!), trend: index.trend, areas };
}
