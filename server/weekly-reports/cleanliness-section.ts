/**
 * The weekly report's cleanliness section from the inspections module: the
 * ward's index, trend and partnership areas' before/after as they stood with
 * the tranches begun by the report's last day. Absent when the ward has no surveys.
 */
import type { CleanlinessSection, TrancheShares } from '../../reports/weekly/cleanliness-types.js';
import { NotFoundError } from '../errors.js';
import type { TranchePoint } from '../inspections/cleanliness-index.js';
import type { InspectionService } from '../inspections/inspection.service.js';

export type CleanlinessSource = Pick<InspectionService, 'wardIndex' | 'partnershipAreas'>;

function shares(p: TranchePoint | null): TrancheShares | null {
  return p ? { name: p.trancheName, startsOn: p.startsOn, surveyed: p.index.surveyed, elements: p.index.elements } : null;
}

export async function buildCleanlinessSection(source: CleanlinessSource, wardCode: string, lastDay: string): Promise<CleanlinessSection | undefined> {
  const asOf = { startedBy: lastDay };
  // A ward the inspections module does not know has no survey page; any other failure is the report's failure.
  const index = await source.wardIndex(wardCode, asOf).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!index?.tranches.length) return undefined;
  const areas = (await source.partnershipAreas(wardCode, asOf)).map((a) => ({
    name: a.area.name, startedOn: a.area.startedOn, transects: a.transects, before: shares(a.before), after: shares(a.after),
  }));
  return { tranches: index.tranches.map((t) => shares(t)!), trend: index.trend, areas };
}
