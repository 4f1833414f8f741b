/** The weekly report's cleanliness-survey section, as plain data (the server builds it; cleanliness.ts draws it). */

export type SurveyElement = 'litter' | 'detritus' | 'graffiti' | 'flyPosting';

export interface ElementShare {
  surveyed: number;
  below: number;
  /** Percent of surveyed transects graded B- or worse; null with none surveyed. */
  percent: number | null;
  /** 95 % Wilson interval, percent. */
  low: number | null;
  high: number | null;
}

export interface TrancheShares {
  name: string;
  startsOn: string;
  surveyed: number;
  elements: Record<SurveyElement, ElementShare>;
}

export interface CleanlinessSection {
  /** The ward's tranches up to this report's week, oldest first. */
  tranches: TrancheShares[];
  /** Latest against previous tranche, per element (percentage points; lower is better). */
  trend: Record<SurveyElement, { direction: 'better' | 'worse' | 'same' | 'unknown'; change: number | null }>;
  /** Partnership areas in this ward: their index before the partnership began and since. */
  areas: { name: string; startedOn: string; transects: number; before: TrancheShares | null; after: TrancheShares | null }[];
}
