/**
 * The survey vocabulary in words, as the office pages and the crew tablet
 * both show it: the four elements graded and the land-use classes (the
 * server keeps only their codes, server/inspections/grades.ts). No styles
 * here, so the crew bundle can import it.
 */
export const ELEMENTS = [
  { key: 'litter', label: 'Litter' },
  { key: 'detritus', label: 'Detritus' },
  { key: 'graffiti', label: 'Graffiti' },
  { key: 'flyPosting', label: 'Fly-posting' },
] as const;
export type ElementKey = (typeof ELEMENTS)[number]['key'];

export const LAND_USE_LABELS: Readonly<Record<string, string>> = {
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
