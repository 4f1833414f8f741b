/** A complete work-order row with neutral defaults; each builder overrides only what its tests care about. */
import { randomUUID } from 'node:crypto';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { KENSINGTON, SHEIL_ROAD } from './fixtures.js';

let seq = 0;

export function blankWorkOrder(now: string, over: Partial<WorkOrder> = {}): WorkOrder {
  seq += 1;
  return {
    id: randomUUID(),
    // Unique across builders and runs sharing a PostgreSQL template.
    reference: `WO-T-${process.pid % 100000}-${seq}-${Math.random().toString(36).slice(2, 5)}`,
    status: 'accepted',
    categoryCode: 'litter',
    wardCode: KENSINGTON,
    zone: 2,
    lat: SHEIL_ROAD.lat,
    lng: SHEIL_ROAD.lng,
    address: null,
    postcode: null,
    publicPlace: null,
    priority: 'normal',
    openedAt: now,
    dueAt: new Date(Date.parse(now) + 24 * 3600_000).toISOString(),
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
}
