/**
 * The one rule for which crew photo the public sees as "after": every public
 * output (the public report page, its JSON) asks here, so the rule for
 * accepted evidence changes in one place. Today: the latest after photo of a
 * work order closed as fixed; nothing for any other status.
 */
import type { Photo } from '../photos/photo.entity.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { FIXED_STATUSES } from '../work-orders/work-order.state.js';

export function publicAfterPhoto(workOrder: Pick<WorkOrder, 'status'>, photos: readonly Photo[]): Photo | null {
  if (!FIXED_STATUSES.includes(workOrder.status)) return null;
  const after = photos.filter((p) => p.kind === 'after');
  return after.length ? after[after.length - 1] : null;
}
