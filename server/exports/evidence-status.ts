/**
 * A work order's evidence in words, for the exports: what photos there are and
 * what the checks flagged, led by the office's review when the job was closed
 * as fixed on photos it has not accepted (`evidenceStatusOf`, the rule every
 * public output follows).
 */
import { evidenceStatusOf, FLAG_WORDS } from '../work-orders/evidence.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';

export interface EvidenceFacts extends Pick<WorkOrder, 'status' | 'evidenceStatus' | 'evidenceFlags'> {
  hasBefore: boolean;
  hasAfter: boolean;
}

const REVIEW_WORDS: Readonly<Record<string, string>> = {
  needs_review: 'Being checked by the office: ',
  rejected: 'Rejected by the office: ',
};

export function evidenceStatus(f: EvidenceFacts): string {
  if (!f.hasBefore && !f.hasAfter) return f.status === 'completed' ? 'No photos' : '';
  const review = f.status === 'completed' ? (REVIEW_WORDS[evidenceStatusOf(f)] ?? '') : '';
  const photos = f.hasBefore && f.hasAfter ? 'Before and after photos' : f.hasAfter ? 'After photo only' : 'Before photo only';
  const flags = f.evidenceFlags ?? [];
  if (!flags.length) return `${review}${photos}, checks passed`;
  return `${review}${photos}, flagged: ${flags.map((x) => FLAG_WORDS[x] ?? x.replace(/_/g, ' ')).join('; ')}`;
}
