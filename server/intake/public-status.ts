import type { WorkOrderStatus } from '../work-orders/work-order.state.js';

/** Words a resident understands, one per status. */
export const PUBLIC_STATUS: Readonly<Record<WorkOrderStatus, string>> = Object.freeze({
  new: 'Received',
  accepted: 'Accepted: a crew will be sent',
  scheduled: 'Scheduled',
  assigned: 'A crew has it on today\u2019s list',
  in_progress: 'A crew is on site',
  completed: 'Cleared',
  not_completed: 'Closed: not cleared',
  partially_completed: 'Closed: partly cleared',
  rejected: 'Closed: no action',
  cancelled: 'Cancelled',
  duplicate: 'Joined with another report of the same problem',
  not_responsible: 'Closed: not the council\u2019s responsibility',
  reopened: 'Reopened',
});
