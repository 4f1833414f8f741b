/**
 * Creating a work order: reference, deadline from the category's policy and
 * zone, priority and first status from the category, and the "created" event.
 * Used by intake, by splitting a request out, and by anything else that opens
 * work (sweeps), so every new work order starts the same way.
 */
import { newRowId } from '../platform/ids.js';
import type { EntityManager } from 'typeorm';
import type { Category } from '../categories/category.entity.js';
import { flyTipFieldsFromAnswers } from '../categories/defra.js';
import type { Config } from '../config.js';
import { allocateReference } from '../intake/references.js';
import type { Clock } from '../platform/clock.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { Priority, WorkOrder } from './work-order.entity.js';
import type { Actor, WorkOrderService } from './work-order.service.js';
import type { WorkOrderStatus } from './work-order.state.js';

/** What creating a work order needs (the composition root's services satisfy it). */
export interface WorkOrderFactoryDeps {
  sla: Pick<SlaService, 'dueAt' | 'atRiskFrom' | 'stateAt'>;
  clock: Clock;
  config: Pick<Config, 'timeZone'>;
  workOrders: Pick<WorkOrderService, 'insert'>;
  /** Names the place of a report given only as a map point (its nearest shipped postcode). */
  postcodes: Pick<PostcodeService, 'nearest'>;
}

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

function priorityFor(category: Category): Priority {
  if (category.hazard) return 'urgent';
  return category.autoAccept ? 'high' : 'normal';
}

export async function createWorkOrder(deps: WorkOrderFactoryDeps, em: EntityManager, spec: NewWorkOrder): Promise<WorkOrder> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const { category } = spec;
  const dueAt = await deps.sla.dueAt(category.slaPolicy, spec.openedAt, spec.zone);
  // Hazards and other auto-accepted categories skip the triage queue and go straight to planning.
  const status: WorkOrderStatus = category.autoAccept ? 'accepted' : 'new';
  const reported = flyTipFieldsFromAnswers(category, spec.answers ?? {});
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
    postcode: spec.postcode ?? (await deps.postcodes.nearest(spec.lat, spec.lng)),
    publicPlace: null,
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
    // What the reporter told us of Defra's fly-tip fields; the crew confirms or corrects them on closure.
    wasteData: reported && Object.keys(reported).length ? reported : null,
    evidenceFlags: [],
    publicSummary: null,
    sweepId: spec.sweepId ?? null,
    mergedIntoId: null,
    createdAt: nowIso,
    updatedAt: nowIso,
    version: 1,
  };
  await deps.workOrders.insert(em, wo, { actor: spec.actor, data: { autoAccepted: category.autoAccept, source: spec.source } });
  return wo;
}
