import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface PlannedAssignment {
  workOrderId: string;
  /** The version the plan was made from: publishing skips a job changed since. */
  version: number;
  crewId: string;
  position: number;
  plannedStartAt: string;
  late: boolean;
}

export interface RoutePlan {
  id: string;
  routeDate: string;
  status: 'draft' | 'published' | 'superseded';
  trigger: 'manual' | 'cron';
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  summary: {
    jobs: number; planned: number; late: string[]; unplanned: string[]; crewsUsed: number; distanceKm: number; elapsedMs: number; published?: number; skipped?: string[];
    /** Why each unplanned job could not be planned, in words a dispatcher can act on. */
    reasons?: UnplannedReason[];
    /** Crews on shift for the day (after now, for today). */
    crewsOnShift?: number;
  };
  assignments: PlannedAssignment[];
}

export const RoutePlanEntity = new EntitySchema<RoutePlan>({
  name: 'RoutePlan',
  tableName: 'route_plan',
  columns: {
    id: col.uuid({ primary: true }),
    routeDate: col.str(10, { name: 'route_date' }),
    status: col.str(12),
    trigger: col.str(12),
    createdAt: col.instant({ name: 'created_at' }),
    createdBy: col.str(200, { name: 'created_by' }),
    publishedAt: col.instant({ name: 'published_at', nullable: true }),
    publishedBy: col.str(200, { name: 'published_by', nullable: true }),
    summary: col.json(),
    assignments: col.json(),
  },
});

export interface SweepPoint {
  lat: number;
  lng: number;
  address?: string | null;
}

/** A recurring clean: each occurrence of `recurrence` (cron, Europe/London) opens one work order per point. */
export interface Sweep {
  id: string;
  name: string;
  categoryCode: string;
  points: SweepPoint[];
  recurrence: string;
  active: boolean;
  /** Occurrences after this instant have not been looked at yet. */
  nextCheckFrom: string;
  suggestionId: string | null;
  createdAt: string;
  version: number;
}

export const SweepEntity = new EntitySchema<Sweep>({
  name: 'Sweep',
  tableName: 'sweep',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(120),
    categoryCode: col.str(40, { name: 'category_code' }),
    points: col.json(),
    recurrence: col.str(60),
    active: col.bool({ default: true }),
    nextCheckFrom: col.instant({ name: 'next_check_from' }),
    suggestionId: col.uuid({ name: 'suggestion_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
    version: col.int({ default: 1 }),
  },
});

export interface SweepOccurrence {
  sweepId: string;
  occurrenceAt: string;
  workOrderId: string | null;
  createdAt: string;
}

export const SweepOccurrenceEntity = new EntitySchema<SweepOccurrence>({
  name: 'SweepOccurrence',
  tableName: 'sweep_occurrence',
  columns: {
    sweepId: col.uuid({ name: 'sweep_id', primary: true }),
    occurrenceAt: col.instant({ name: 'occurrence_at', primary: true }),
    workOrderId: col.uuid({ name: 'work_order_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

export interface HotspotSuggestion {
  id: string;
  categoryCode: string;
  lat: number;
  lng: number;
  radiusM: number;
  reportCount: number;
  wardCode: string;
  firstReportAt: string;
  lastReportAt: string;
  status: 'suggested' | 'accepted' | 'dismissed';
  sweepId: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export const HotspotSuggestionEntity = new EntitySchema<HotspotSuggestion>({
  name: 'HotspotSuggestion',
  tableName: 'hotspot_suggestion',
  columns: {
    id: col.uuid({ primary: true }),
    categoryCode: col.str(40, { name: 'category_code' }),
    lat: col.float(),
    lng: col.float(),
    radiusM: col.int({ name: 'radius_m' }),
    reportCount: col.int({ name: 'report_count' }),
    wardCode: col.str(12, { name: 'ward_code' }),
    firstReportAt: col.instant({ name: 'first_report_at' }),
    lastReportAt: col.instant({ name: 'last_report_at' }),
    status: col.str(12),
    sweepId: col.uuid({ name: 'sweep_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
    decidedAt: col.instant({ name: 'decided_at', nullable: true }),
    decidedBy: col.str(200, { name: 'decided_by', nullable: true }),
  },
});

export type UnplannedReasonCode = 'no_crew_on_shift' | 'no_crew_with_skill' | 'deadline_passed' | 'no_room';

export interface UnplannedReason {
  workOrderId: string;
  reference: string;
  code: UnplannedReasonCode;
  message: string;
}
