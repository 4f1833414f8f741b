/** Small builders for crew, dispatch, planner and job tests: rows inserted directly, so each test states what it needs. */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../server/container.js';
import { CrewEntity, type Crew } from '../../server/crews/crew.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';

let counter = 0;

export async function insertWorkOrder(deps: Deps, over: Partial<WorkOrder> = {}): Promise<WorkOrder> {
  counter += 1;
  const now = deps.clock.now().toISOString();
  const wo: WorkOrder = {
    id: randomUUID(),
    reference: `WO-T-${process.pid % 100000}-${counter}`,
    status: 'accepted',
    categoryCode: 'litter',
    wardCode: KENSINGTON,
    zone: 2,
    lat: SHEIL_ROAD.lat,
    lng: SHEIL_ROAD.lng,
    address: 'Sheil Road',
    postcode: null,
    priority: 'normal',
    openedAt: now,
    dueAt: new Date(deps.clock.now().getTime() + 24 * 3600_000).toISOString(),
    atRiskAt: null,
    deadlineState: 'on_time',
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
    wasteData: null,
    evidenceFlags: [],
    publicSummary: null,
    sweepId: null,
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...over,
  };
  await deps.db.manager.getRepository(WorkOrderEntity).insert(wo as never);
  return wo;
}

export async function crewByName(deps: Deps, prefix: string): Promise<Crew> {
  const crews = await deps.db.manager.getRepository(CrewEntity).find();
  const crew = crews.find((c) => c.name.startsWith(prefix));
  if (!crew) throw new Error(`no crew named ${prefix}…`);
  return crew;
}
