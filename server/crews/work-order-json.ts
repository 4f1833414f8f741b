/** The work order as dispatch answers it: the same JSON as GET /api/work-orders/:id (work-orders' view). */
import type { Services } from '../composition-root.js';
import type { Principal } from '../http/principal.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { workOrderView, type WorkOrderView } from '../work-orders/work-order.view.js';

export function workOrderJson(deps: Services, wo: WorkOrder, viewer: Principal): Promise<WorkOrderView> {
  return workOrderView(deps, wo, viewer);
}
