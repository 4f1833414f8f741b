/**
 * The vocabulary of cleanliness surveys (Code of Practice on Litter and Refuse;
 * NI195 / LEQSE method): the grades, the four elements graded separately, and
 * the land-use classes a sample is stratified by.
 */

/** Best to worst; the intermediate grades are those of the Local Environmental Quality Survey of England. */
export const GRADES = ['A', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const ELEMENTS = ['litter', 'detritus', 'graffiti', 'flyPosting'] as const;
export type Element = (typeof ELEMENTS)[number];

export const ELEMENT_LABELS: Readonly<Record<Element, string>> = {
  litter: 'Litter',
  detritus: 'Detritus',
  graffiti: 'Graffiti',
  flyPosting: 'Fly-posting',
};

export const LAND_USES = [
  'main_retail',
  'other_retail',
  'high_density_housing',
  'medium_density_housing',
  'low_density_housing',
  'industry',
  'main_roads',
  'rural_roads',
  'other_highways',
  'recreation',
] as const;
export type LandUse = (typeof LAND_USES)[number];

export const LAND_USE_LABELS: Readonly<Record<LandUse, string>> = {
  main_retail: 'Main retail and commercial',
  other_retail: 'Other retail and commercial',
  high_density_housing: 'High density housing',
  medium_density_housing: 'Medium density housing',
  low_density_housing: 'Low density housing',
  industry: 'Industry and warehousing',
  main_roads: 'Main roads',
  rural_roads: 'Rural roads',
  other_highways: 'Other highways',
  recreation: 'Recreation areas',
};

/** NI195: B- or worse is below an acceptable standard. */
export function isBelowAcceptable(grade: Grade): boolean {
  return GRADES.indexOf(grade) >= GRADES.indexOf('B-');
}

/** A C or D grade (C+, C, C-, D) is an unacceptable site that must be restored like a report. */
export function isUnacceptableSite(grade: Grade): boolean {
  return GRADES.indexOf(grade) >= GRADES.indexOf('C+');
}

/** The elements whose failure raises a work order: litter and detritus (graffiti and fly-posting have their own processes). */
export const RESTORED_ELEMENTS: readonly Element[] = ['litter', 'detritus'];
