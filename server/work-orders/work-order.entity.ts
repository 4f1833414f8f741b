import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';
import type { WorkOrderStatus } from './work-order.state.js';

export type EvidenceStatus = 'accepted' | 'needs_review' | 'rejected' | 'none';

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type DeadlineState = 'on_time' | 'at_risk' | 'overdue';

export interface WorkOrder {
  id: string;
  reference: string; // WO-26-000123
  status: WorkOrderStatus;
  categoryCode: string;
  wardCode: string;
  zone: number;
  lat: number;
  lng: number;
  /** The resident's own landmark text: for the office and the crew sent there; in public only as reviewed into `publicPlace`. */
  address: string | null;
  /** Nearest postcode (the reporter's, else the nearest to the point). */
  postcode: string | null;
  /** How the place is described in public, as reviewed by the office (null: use the postcode). */
  publicPlace: string | null;
  priority: Priority;
  /** When the clock started: the first request's time (or the sweep occurrence). */
  openedAt: string;
  dueAt: string;
  /** From this instant less than the at-risk share of the response time remains (null: not computed by the creator). */
  atRiskAt?: string | null;
  deadlineState: DeadlineState;
  crewId: string | null;
  routeDate: string | null; // YYYY-MM-DD (Europe/London)
  routePosition: number | null;
  plannedStartAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  /** Reason code when closed without fixing (not_completed, rejected…). */
  outcomeReason: string | null;
  outcomeNote: string | null;
  quantities: Record<string, number>;
  /** Defra WasteDataFlow fields for fly-tips: size, wasteType, landType, enforcement. */
  wasteData: Record<string, string> | null;
  evidenceFlags: string[];
  /**
   * Whether the before/after proof can be shown as "fixed, with evidence"
   * (see server/work-orders/evidence.ts). Null while no crew has closed the
   * job; read it through `evidenceStatusOf`, which also covers older rows.
   */
  evidenceStatus?: EvidenceStatus | null;
  /** The before and after photo fixed as the job's proof when it was closed; later photos never replace them. */
  proofBeforeId?: string | null;
  proofAfterId?: string | null;
  publicSummary: string | null;
  sweepId: string | null;
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const WorkOrderEntity = new EntitySchema<WorkOrder>({
  name: 'WorkOrder',
  tableName: 'work_order',
  columns: {
    id: col.uuid({ primary: true }),
    reference: col.str(20, { unique: true }),
    status: col.str(24),
    categoryCode: col.str(40, { name: 'category_code' }),
    wardCode: col.str(12, { name: 'ward_code' }),
    zone: col.int(),
    lat: col.float(),
    lng: col.float(),
    address: col.str(300, { nullable: true }),
    postcode: col.str(9, { nullable: true }),
    publicPlace: col.str(200, { name: 'public_place', nullable: true }),
    priority: col.str(10, { default: 'normal' }),
    openedAt: col.instant({ name: 'opened_at' }),
    dueAt: col.instant({ name: 'due_at' }),
    atRiskAt: col.instant({ name: 'at_risk_at', nullable: true }),
    deadlineState: col.str(10, { name: 'deadline_state', default: 'on_time' }),
    crewId: col.uuid({ name: 'crew_id', nullable: true }),
    routeDate: col.str(10, { name: 'route_date', nullable: true }),
    routePosition: col.int({ name: 'route_position', nullable: true }),
    plannedStartAt: col.instant({ name: 'planned_start_at', nullable: true }),
    startedAt: col.instant({ name: 'started_at', nullable: true }),
    completedAt: col.instant({ name: 'completed_at', nullable: true }),
    closedAt: col.instant({ name: 'closed_at', nullable: true }),
    outcomeReason: col.str(40, { name: 'outcome_reason', nullable: true }),
    outcomeNote: col.text({ name: 'outcome_note', nullable: true }),
    quantities: col.json(),
    wasteData: col.json({ name: 'waste_data', nullable: true }),
    evidenceFlags: col.json({ name: 'evidence_flags' }),
    evidenceStatus: col.str(16, { name: 'evidence_status', nullable: true }),
    proofBeforeId: col.uuid({ name: 'proof_before_id', nullable: true }),
    proofAfterId: col.uuid({ name: 'proof_after_id', nullable: true }),
    publicSummary: col.text({ name: 'public_summary', nullable: true }),
    sweepId: col.uuid({ name: 'sweep_id', nullable: true }),
    mergedIntoId: col.uuid({ name: 'merged_into_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
    updatedAt: col.instant({ name: 'updated_at' }),
    version: col.int({ default: 1 }),
  },
});

/** The audit trail: every status change and dispatcher action is one row. */
export interface WorkOrderEvent {
  id: number;
  workOrderId: string;
  type: string; // created, status, assigned, note, photo, merged…
  fromStatus: string | null;
  toStatus: string | null;
  actorUserId: string | null;
  actorLabel: string; // "Dispatcher Dana", "system", "Merseyside Police"
  note: string | null;
  /** Shown on the reporter's tracking page and in Open311 updates. */
  isPublic: boolean;
  data: Record<string, unknown> | null;
  createdAt: string;
}

export const WorkOrderEventEntity = new EntitySchema<WorkOrderEvent>({
  name: 'WorkOrderEvent',
  tableName: 'work_order_event',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    workOrderId: col.uuid({ name: 'work_order_id' }),
    type: col.str(32),
    fromStatus: col.str(24, { name: 'from_status', nullable: true }),
    toStatus: col.str(24, { name: 'to_status', nullable: true }),
    actorUserId: col.uuid({ name: 'actor_user_id', nullable: true }),
    actorLabel: col.str(200, { name: 'actor_label' }),
    note: col.text({ nullable: true }),
    isPublic: col.bool({ name: 'is_public', default: false }),
    data: col.json({ nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});
