/**
 * Evidence as its own state beside a work order's status. A crew closing a
 * job as fixed fixes one before and one after photo as its proof; the proof
 * is accepted on its own when no photo carries a problem flag, else it waits
 * for the office (needs_review). Public and official outputs (tracking page,
 * closure email, Open311, the councillor PDF) treat a completed job as fixed
 * only once its evidence is accepted; until then the public sees it in
 * progress. A rejected proof sends the job back to a crew as a revisit (see
 * EvidenceService), so "completed" with rejected evidence never stays.
 */
import type { Photo } from '../photos/photo.entity.js';
import type { EvidenceStatus, WorkOrder } from './work-order.entity.js';
import type { WorkOrderStatus } from './work-order.state.js';

/** Flags that make a proof need the office's eyes. */
const PROBLEM_FLAGS = [
  'far_from_job',
  'taken_long_before',
  'taken_before_start',
  'no_gps',
  'no_timestamp',
  'position_inaccurate',
  'same_as_before',
  'unreadable',
  'no_before_photo',
  'no_after_photo',
] as const;

/** Each flag in words, for the office's review queue and the PDF. */
export const FLAG_WORDS: Readonly<Record<string, string>> = Object.freeze({
  far_from_job: 'taken far from the job',
  taken_long_before: 'taken long before the job was started',
  taken_before_start: 'taken before the job was started',
  no_gps: 'no location',
  no_timestamp: 'no time of capture',
  position_inaccurate: 'the tablet’s position was too vague to tell',
  same_as_before: 'the same picture as another photo of the job',
  unreadable: 'the image could not be read',
  no_before_photo: 'no before photo',
  no_after_photo: 'no after photo',
  position_from_device: 'position from the tablet (the photo had none)',
  time_from_device: 'time from the tablet’s clock (the photo had none)',
});

function isProblemFlag(flag: string): boolean {
  return (PROBLEM_FLAGS as readonly string[]).includes(flag);
}

export function problemFlags(flags: readonly string[]): string[] {
  return [...new Set(flags.filter(isProblemFlag))];
}

/** The evidence state of a work order, for rows written before evidence had a state of its own too. */
export function evidenceStatusOf(wo: Pick<WorkOrder, 'status' | 'evidenceStatus' | 'evidenceFlags'>): EvidenceStatus {
  if (wo.evidenceStatus) return wo.evidenceStatus;
  if (wo.status === 'completed') return problemFlags(wo.evidenceFlags ?? []).length ? 'needs_review' : 'accepted';
  return 'none';
}

/** Fixed in the eyes of the public and the council: completed, and its proof accepted. */
export function isVerifiedFixed(wo: Pick<WorkOrder, 'status' | 'evidenceStatus' | 'evidenceFlags'>): boolean {
  return wo.status === 'completed' && evidenceStatusOf(wo) === 'accepted';
}

/** The status residents and Open311 clients are shown: a completed job under review is still in progress to them. */
export function publicStatusOf(wo: Pick<WorkOrder, 'status' | 'evidenceStatus' | 'evidenceFlags'>): WorkOrderStatus {
  return wo.status === 'completed' && !isVerifiedFixed(wo) ? 'in_progress' : wo.status;
}

/** The proof decided at closure: status and the problem flags of the two photos. */
export function judgeProof(before: Photo | null, after: Photo | null, requiresBefore: boolean): { status: EvidenceStatus; flags: string[] } {
  const flags = problemFlags([...(before?.flags ?? []), ...(after?.flags ?? [])]);
  if (requiresBefore && !before) flags.push('no_before_photo');
  if (!after) flags.push('no_after_photo');
  return { status: flags.length ? 'needs_review' : 'accepted', flags };
}

/**
 * The job's proof photos: the ones fixed at closure, or for jobs closed
 * before proof was fixed, the first before photo and the last after photo
 * sent by the time the job was closed.
 */
export function proofOf(wo: Pick<WorkOrder, 'proofBeforeId' | 'proofAfterId' | 'completedAt' | 'closedAt'>, photos: Photo[]): { before: Photo | null; after: Photo | null } {
  if (wo.proofBeforeId || wo.proofAfterId) {
    return { before: photos.find((p) => p.id === wo.proofBeforeId) ?? null, after: photos.find((p) => p.id === wo.proofAfterId) ?? null };
  }
  const closed = wo.completedAt ?? wo.closedAt;
  const byTime = [...photos].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const upTo = (p: Photo) => !closed || p.createdAt <= closed;
  const before = byTime.find((p) => p.kind === 'before' && upTo(p)) ?? byTime.find((p) => p.kind === 'before') ?? null;
  const afters = byTime.filter((p) => p.kind === 'after');
  const after = afters.filter(upTo).at(-1) ?? afters[0] ?? null;
  return { before, after };
}

/** The problem flags of a job's proof: its two photos' and, once it is completed, those recorded at closure. */
export function proofFlags(wo: Pick<WorkOrder, 'status' | 'evidenceFlags'>, proof: { before: Photo | null; after: Photo | null }): string[] {
  return problemFlags([...(proof.before?.flags ?? []), ...(proof.after?.flags ?? []), ...(wo.status === 'completed' ? wo.evidenceFlags : [])]);
}
