/**
 * Creating a work order: reference, deadline from the category's policy and
 * zone, priority and first status from the category, and the "created" event.
 * Used by intake, by splitting a request out, and by anything else that opens
 * work (sweeps), so every new work order starts the same way.
 */
import { newRowId } from '../platform/ids.js';
import type { EntityManager } from 'typeorm';
import { InsertPlan } from '../../db/row-sql.js';
import type { Category } from '../categories/category.entity.js';
import { flyTipFieldsFromAnswers } from '../categories/defra.js';
import type { Config } from '../config.js';
import { allocateReferences } from '../intake/references.js';
import type { Clock } from '../platform/clock.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { Priority, WorkOrder } from './work-order.entity.js';
import type { Actor, NewEvent, WorkOrderService } from './work-order.service.js';
import type { WorkOrderStatus } from './work-order.state.js';

/** What creating a work order needs (the composition root's services satisfy it). */
export interface WorkOrderFactoryDeps {
  sla: Pick<SlaService, 'dueAt' | 'atRiskFrom' | 'stateAt'>;
  clock: Clock;
  config: Pick<Config, 'timeZone'>;
  workOrders: Pick<WorkOrderService, 'insertMany'>;
  /** Names the place of a report given only as a map point (its nearest shipped postcode). */
  postcodes: Pick<PostcodeService, 'nearest'>;
}

export interface NewWorkOrder {
  /** Chosen by the caller when it must know the id before the row exists (intake's duplicate check within a batch). */
  id?: string;
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
  return (await createWorkOrders(deps, em, [spec]))[0];
}

/**
 * Several new work orders in one go (a batch of reports): one reference allocation (or the caller's,
 * taken with its own), one insert for the rows and one for their first events, to which a caller may
 * add further events of its own (they follow the "created" ones).
 */
export async function createWorkOrders(
  deps: WorkOrderFactoryDeps,
  target: EntityManager | InsertPlan,
  specs: NewWorkOrder[],
  opts: { references?: string[]; thenEvents?: { workOrderId: string; event: NewEvent }[] } = {},
): Promise<WorkOrder[]> {
  if (!specs.length) return [];
  const now = deps.clock.now();
  if (!opts.references && target instanceof InsertPlan) throw new Error('work orders written by a plan need their references given');
  const references = opts.references ?? (await allocateReferences(target as EntityManager, 'WO', specs.length, now, deps.config.timeZone));
  const built = await Promise.all(specs.map((spec, i) => buildWorkOrder(deps, spec, references[i], now)));
  await deps.workOrders.insertMany(
    target,
    built.map((wo, i) => ({ wo, created: { actor: specs[i].actor, data: { autoAccepted: specs[i].category.autoAccept, source: specs[i].source } } })),
    opts.thenEvents,
  );
  return built;
}

async function buildWorkOrder(deps: WorkOrderFactoryDeps, spec: NewWorkOrder, reference: string, now: Date): Promise<WorkOrder> {
  const nowIso = now.toISOString();
  const { category } = spec;
  const dueAt = await deps.sla.dueAt(category.slaPolicy, spec.openedAt, spec.zone);
  // Hazards and other auto-accepted categories skip the triage queue and go straight to planning.
  const status: WorkOrderStatus = category.autoAccept ? 'accepted' : 'new';
  const reported = flyTipFieldsFromAnswers(category, spec.answers ?? {});
  return {
    id: spec.id ?? newRowId(),
    reference,
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
}
