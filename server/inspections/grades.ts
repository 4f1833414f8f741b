/**
 * The vocabulary of cleanliness surveys (Code of Practice on Litter and Refuse;
 * NI195 / LEQSE method): the grades, the four elements graded separately, and
 * the land-use classes a sample is stratified by, as codes. Their words are
 * where they are shown: client/src/pages/cleanliness/vocabulary.ts (office
 * pages and the crew tablet) and reports/weekly/cleanliness.ts (the PDF).
 */

/** Best to worst; the intermediate grades are those of the Local Environmental Quality Survey of England. */
export const GRADES = ['A', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const ELEMENTS = ['litter', 'detritus', 'graffiti', 'flyPosting'] as const;
export type Element = (typeof ELEMENTS)[number];

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
