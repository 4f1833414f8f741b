/** The work order as dispatch answers it: the same JSON as GET /api/work-orders/:id (work-orders' view). */
import type { Services } from '../composition-root.js';
import type { Principal } from '../http/principal.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderView } from '../work-orders/work-order.view.js';

export function workOrderJson(deps: Services, wo: WorkOrder, viewer: Principal): Promise<WorkOrderView> {
  return deps.workOrderViews.detail(wo, viewer);
}
