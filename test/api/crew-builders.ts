/** Small builders for crew, dispatch, planner and job tests: rows inserted directly, so each test states what it needs. */
import type { Services } from '../../server/composition-root.js';
import { CrewEntity, type Crew } from '../../server/crews/crew.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { blankWorkOrder } from '../support/work-order-row.js';

export async function insertWorkOrder(deps: Services, over: Partial<WorkOrder> = {}): Promise<WorkOrder> {
  const wo = blankWorkOrder(deps.clock.now().toISOString(), { address: 'Sheil Road', ...over });
  await deps.db.manager.getRepository(WorkOrderEntity).insert(wo as never);
  return wo;
}

export async function crewByName(deps: Services, prefix: string): Promise<Crew> {
  const crews = await deps.db.manager.getRepository(CrewEntity).find();
  const crew = crews.find((c) => c.name.startsWith(prefix));
  if (!crew) throw new Error(`no crew named ${prefix}…`);
  return crew;
}
