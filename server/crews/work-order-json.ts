/** The work order as dispatch answers it: the same JSON as GET /api/work-orders/:id. */
import type { WorkOrder } from '../work-orders/work-order.entity.js';

export async function workOrderJson(wo: WorkOrder): Promise<WorkOrder> {
  return wo;
}
