import { expect } from 'chai';
import { CrewDayService } from '../../server/crew-jobs/crew-day.service.js';
import type { Crew } from '../../server/crews/crew.entity.js';
import type { ServiceRequest } from '../../server/intake/service-request.entity.js';
import { FixedClock } from '../../server/platform/clock.js';
import { defaultCategories } from '../../server/seed/reference-data.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { blankWorkOrder } from '../support/work-order-row.js';
import { CREW_A, crewLead } from './crew-job.fakes.js';

describe('crew day (in-memory fakes)', () => {
  const now = '2026-03-02T10:00:00.000Z';

  function day(orders: WorkOrder[], requests: ServiceRequest[] = []) {
    return new CrewDayService({
      clock: new FixedClock(new Date(now)),
      config: { timeZone: 'Europe/London' },
      workOrderRepository: { findCrewDayWithInHand: async () => orders, findNotesOf: async () => [] },
      serviceRequestRepository: { findOfWorkOrders: async (ids) => requests.filter((r) => ids.includes(r.workOrderId!)) },
      crewRepository: { findCrewById: async (id) => ({ id, name: 'Crew 1' }) as Crew },
      categories: { list: async () => defaultCategories() },
      photos: { ofMany: async () => [] },
    });
  }

  it('When the crew has jobs from today and one in hand from yesterday, then yesterday\'s comes first and today\'s follow in route order', async () => {
    const job = (ref: string, routeDate: string, routePosition: number) => blankWorkOrder(now, { reference: ref, crewId: CREW_A, status: 'assigned', routeDate, routePosition });
    const list = await day([job('WO-3', '2026-03-02', 2), job('WO-1', '2026-03-01', 5), job('WO-2', '2026-03-02', 1)]).jobsForToday(crewLead());
    expect(list.date).to.equal('2026-03-02');
    expect(list.crew).to.deep.equal({ id: CREW_A, name: 'Crew 1' });
    expect(list.jobs.map((j) => j.reference)).to.deep.equal(['WO-1', 'WO-2', 'WO-3']);
  });

  it('When a fly-tip has no confirmed Defra fields yet, then the tablet gets those the first report answered', async () => {
    const flyTip = blankWorkOrder(now, { categoryCode: 'fly-tipping', crewId: CREW_A, status: 'assigned', routeDate: '2026-03-02' });
    const litter = blankWorkOrder(now, { categoryCode: 'litter', crewId: CREW_A, status: 'assigned', routeDate: '2026-03-02' });
    const report = (workOrderId: string, answers: Record<string, unknown>, createdAt: string) => ({ id: `${workOrderId}-${createdAt}`, workOrderId, answers, description: '', createdAt }) as ServiceRequest;
    const list = await day([flyTip, litter], [
      report(flyTip.id, { size: 'single_item', waste_type: 'white_goods' }, '2026-03-02T08:00:00.000Z'),
      report(flyTip.id, { size: 'tipper_lorry_load', land_type: 'highway' }, '2026-03-02T09:00:00.000Z'),
    ]).jobsForToday(crewLead());
    const byId = new Map(list.jobs.map((j) => [j.id, j]));
    expect(byId.get(flyTip.id)!.wasteData).to.deep.equal({ size: 'single_item', wasteType: 'white_goods', landType: 'highway' });
    expect(byId.get(litter.id)!.wasteData).to.equal(null);
  });
});
