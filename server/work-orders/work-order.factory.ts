/**
 * Creating a work order: reference, deadline from the category's policy and
 * zone, priority and first status from the category, and the "created" event.
 * Used by intake, by splitting a request out, and by anything else that opens
 * work (sweeps), so every new work order starts the same way.
 */
import { newRowId } from '../platform/ids.js';
import type { EntityManager } from 'typeorm';
import type { Category } from '../categories/category.entity.js';
import type { Services } from '../composition-root.js';
import { allocateReference } from '../intake/references.js';
import { insertRow } from '../../db/row-sql.js';
import { WorkOrderEntity, type Priority, type WorkOrder } from './work-order.entity.js';
import type { Actor } from './work-order.service.js';
import type { WorkOrderStatus } from './work-order.state.js';

export interface NewWorkOrder {
  category: Category;
  lat: number;
  lng: number;
  wardCode: string;
  zone: number;
  address: string | null;
  postcode: string | null;
  /** When the clock starts: the first report's time. */
  openedAt: string;
  answers?: Record<string, unknown>;
  sweepId?: string | null;
  source: string;
  actor: Actor;
}

export function priorityFor(category: Category): Priority {
  if (category.hazard) return 'urgent';
  return category.autoAccept ? 'high' : 'normal';
}

/** Defra WasteDataFlow fields the reporter already told us; the crew confirms or corrects them on closure. */
export function wasteDataFrom(categoryCode: string, answers: Record<string, unknown>): Record<string, string> | null {
  if (categoryCode !== 'fly-tipping') return null;
  const data: Record<string, string> = {};
  if (typeof answers.size === 'string') data.size = answers.size;
  if (typeof answers.waste_type === 'string') data.wasteType = answers.waste_type;
  if (typeof answers.land_type === 'string') data.landType = answers.land_type;
  return Object.keys(data).length ? data : null;
}

export async function createWorkOrder(deps: Pick<Services, 'sla' | 'clock' | 'config' | 'workOrders'>, em: EntityManager, spec: NewWorkOrder): Promise<WorkOrder> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const { category } = spec;
  const dueAt = await deps.sla.dueAt(category.slaPolicy, spec.openedAt, spec.zone);
  // Hazards and other auto-accepted categories skip the triage queue and go straight to planning.
  const status: WorkOrderStatus = category.autoAccept ? 'accepted' : 'new';
  const wo: WorkOrder = {
    id: newRowId(),
    reference: await allocateReference(em, 'WO', now, deps.config.timeZone),
    status,
    categoryCode: category.code,
    wardCode: spec.wardCode,
    zone: spec.zone,
    lat: spec.lat,
    lng: spec.lng,
    address: spec.address,
    postcode: spec.postcode,
    priority: priorityFor(category),
    openedAt: spec.openedAt,
    dueAt,
    atRiskAt: deps.sla.atRiskFrom(spec.openedAt, dueAt),
    deadlineState: deps.sla.stateAt(spec.openedAt, dueAt, now),
    crewId: null,
    routeDate: null,
    routePosition: null,
    plannedStartAt: null,
    startedAt: null,
    completedAt: null,
    closedAt: null,
    outcomeReason: null,
    outcomeNote: null,
    quantities: {},
    wasteData: wasteDataFrom(category.code, spec.answers ?? {}),
    evidenceFlags: [],
    publicSummary: null,
    sweepId: spec.sweepId ?? null,
    mergedIntoId: null,
    createdAt: nowIso,
    updatedAt: nowIso,
    version: 1,
  };
  await insertRow(em, WorkOrderEntity, wo);
  await deps.workOrders.addEvent(em, wo.id, {
    type: 'created',
    toStatus: status,
    actor: spec.actor,
    isPublic: true,
    data: { autoAccepted: category.autoAccept, source: spec.source },
  });
  return wo;
}
