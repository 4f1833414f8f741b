/**
 * The one rule for which crew photo the public sees as "after": the after
 * photo of the proof fixed when the job closed, once the office's evidence
 * check has accepted it; nothing before that or for any other outcome. Every
 * public output (the public report page, its JSON) asks here.
 */
import type { Photo } from '../photos/photo.entity.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { isVerifiedFixed, proofOf } from '../work-orders/evidence.js';

export function publicAfterPhoto(
  workOrder: Pick<WorkOrder, 'status' | 'evidenceStatus' | 'evidenceFlags' | 'proofBeforeId' | 'proofAfterId' | 'completedAt' | 'closedAt'>,
  photos: Photo[],
): Photo | null {
  if (!isVerifiedFixed(workOrder)) return null;
  return proofOf(workOrder, photos).after;
}
