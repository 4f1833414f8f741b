/**
 * The weekly ward report as a plain object: every number and row the PDF
 * shows, already computed. The renderer (pdf.ts) draws exactly this; the
 * server's weekly-reports module builds it from the database.
 */
import type { CleanlinessSection } from './cleanliness-types.js';
import type { ReportWeek } from './week.js';

/** Where a service request came from (the server's request sources). */
export type ReportRequestSource = 'public' | 'partner' | 'open311' | 'staff' | 'sweep';

export interface CategoryRef {
  code: string;
  name: string;
  hazard: boolean;
}

export interface Headline {
  received: number;
  fixed: number;
  closedNotFixed: number;
  stillOpen: number;
  overdue: number;
  /** Fixed this week by their deadline ÷ fixed this week; null when nothing was fixed. */
  withinDeadlineShare: number | null;
  medianHoursToClear: number | null;
}

export interface ClearTime {
  count: number;
  /** Of those, fixed by their deadline. */
  onTime: number;
  medianHours: number;
  p90Hours: number;
}

export interface ClosedNotFixedItem {
  reference: string;
  categoryCode: string;
  reason: string;
  reasonLabel: string;
  location: string;
  closedAt: string;
}

/** A job whose proof is not accepted: cleared by the crew but under review, or rejected and sent back. */
export interface EvidenceItem {
  reference: string;
  categoryCode: string;
  location: string;
  /** When the crew closed it (null once sent back: the closure was undone). */
  clearedAt: string | null;
  /** When the office rejected its photos and sent it back (null while it is being checked). */
  sentBackAt: string | null;
  /** What is wrong with the photos, in words. */
  problems: string[];
}

export interface MapPoint {
  lat: number;
  lng: number;
  categoryCode: string;
  outcome: 'fixed' | 'not_fixed' | 'open';
}

export interface Hotspot {
  location: string;
  requestsThisWeek: number;
  requestsTrendWindow: number;
  topCategoryCode: string;
}

export interface PhotoRef {
  id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  takenAt: string | null;
}

export interface BeforeAfterPair {
  workOrderId: string;
  reference: string;
  categoryCode: string;
  categoryName: string;
  hazard: boolean;
  description: string;
  location: string;
  reportedAt: string;
  clearedAt: string;
  hoursToClear: number;
  withinDeadline: boolean;
  crewName: string | null;
  before: PhotoRef;
  after: PhotoRef;
}

export interface TrendWeek {
  week: string;
  firstDay: string;
  received: number;
  fixed: number;
  closedNotFixed: number;
}

export interface FlyTipSizeCount {
  key: string;
  label: string;
  count: number;
}

/** The key of the fly-tip size row counting fly-tips cleared without a recorded size. */
export const NOT_RECORDED = 'not_recorded';

export interface WeeklyReportData {
  ward: { code: string; name: string };
  councilName: string;
  timeZone: string;
  week: ReportWeek;
  generatedAt: string;
  /** Generated before the week ended: numbers can still change. */
  provisional: boolean;
  categories: CategoryRef[];
  headline: Headline;
  council: Headline & { wards: number };
  received: { total: number; byCategory: Record<string, number>; bySource: Record<ReportRequestSource, number> };
  fixed: { total: number; byCategory: Record<string, number>; clearedLate: number };
  closedNotFixed: { total: number; byReason: Record<string, number>; items: ClosedNotFixedItem[] };
  stillOpen: { total: number; overdue: number; byCategory: Record<string, number> };
  timeToClear: { overall: ClearTime | null; byCategory: Record<string, ClearTime> };
  withinDeadline: { fixed: number; onTime: number; share: number | null };
  removed: { sharps: number; condoms: number; bags: number };
  flyTipsBySize: FlyTipSizeCount[];
  evidenceFlags: Record<string, number>;
  /**
   * Jobs the crew closed as fixed whose photos are not accepted: not in "fixed,
   * with evidence" anywhere, counted and listed apart. Under review: waiting for
   * the office; rejected: sent back to a crew to do again.
   */
  evidence?: { underReview: EvidenceItem[]; rejected: EvidenceItem[] };
  trend: TrendWeek[];
  hotspots: Hotspot[];
  mapPoints: MapPoint[];
  pairs: BeforeAfterPair[];
  /** Fixed jobs with both photos that did not fit under maxPairs. */
  pairsOmitted: number;
  /** The ward's cleanliness-survey index; absent when the ward has no surveys. */
  cleanliness?: CleanlinessSection;
}
