/**
 * The crew steps' rules that need no database: who may act, what each step
 * requires, which quantities a category records, and when a step happened.
 * The services load the rows; these functions decide.
 */
import type { Category } from '../categories/category.entity.js';
import { ForbiddenError, UnprocessableError, ValidationError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { PhotoKind } from '../photos/photo.entity.js';
import type { WorkOrder, WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';

export const NOT_COMPLETED_REASONS = ['no_access', 'vehicle_blocking', 'needs_specialist', 'not_found', 'unsafe', 'other'] as const;
export type NotCompletedReason = (typeof NOT_COMPLETED_REASONS)[number];

export type CrewAction = 'start' | 'complete' | 'not_completed' | 'partial' | 'photo';

/** Closed by the office without the crew: a late step is refused as JOB_CANCELLED. */
export const CANCELLED: readonly WorkOrderStatus[] = ['cancelled', 'duplicate', 'rejected', 'not_responsible'];
/** Closed by a crew step: only extra photos are still taken. */
export const CLOSED_BY_CREW: readonly WorkOrderStatus[] = ['completed', 'not_completed'];
/** Statuses a crew's list shows whatever their route date: work in their hands. */
export const IN_HAND: readonly WorkOrderStatus[] = ['assigned', 'in_progress'];

/** The kind of photo each step carries (an extra photo says its own kind). */
export const PHOTO_KIND: Record<Exclude<CrewAction, 'photo'>, PhotoKind> = { start: 'before', complete: 'after', partial: 'after', not_completed: 'extra' };

/** How far ahead of the server a tablet's clock may run before its times are not believed. */
const CLOCK_SKEW_MS = 2 * 60_000;

/** The crew the user leads; anyone else has no crew jobs. */
export function crewOf(user: SessionUser): string {
  if (user.role !== 'crew_lead' || !user.crewId) throw new ForbiddenError('You are not the lead of a crew, so you have no crew jobs.', 'NOT_YOUR_CREW');
  return user.crewId;
}

/** A not-completed step must say why, and "other" must say what. */
export function checkNotCompletedReason(reason: NotCompletedReason | undefined, note: string | null | undefined): void {
  if (!reason) throw new ValidationError('Say why the job could not be done.', { fields: [{ field: 'reason', message: 'Required' }] });
  if (reason === 'other' && !note?.trim()) throw new ValidationError('With reason "other", add a note saying what stopped the job.', { fields: [{ field: 'note', message: 'Required for other' }] });
}

/** The photo a step needs, and a started job for closing steps unless the category needs no before photo. */
export function checkStepNeeds(action: CrewAction, wo: WorkOrder, category: Category | null, hasPhoto: boolean): void {
  const requiresBefore = category?.requiresBeforePhoto ?? true;
  switch (action) {
    case 'start':
      if (!hasPhoto && requiresBefore) throw new UnprocessableError('PHOTO_REQUIRED', 'Take a before photo to start this job.');
      return;
    case 'complete':
      if (!hasPhoto) throw new UnprocessableError('PHOTO_REQUIRED', 'Take an after photo to close this job as fixed.');
      if (wo.status === 'assigned' && requiresBefore) throw new UnprocessableError('NOT_STARTED', 'Start the job with a before photo first.');
      return;
    case 'partial':
      if (wo.status === 'assigned' && requiresBefore) throw new UnprocessableError('NOT_STARTED', 'Start the job with a before photo first.');
      return;
    case 'photo':
      if (!hasPhoto) throw new UnprocessableError('PHOTO_REQUIRED', 'Attach the photo in the field "photo".');
      return;
    case 'not_completed':
      return;
  }
}

/** Quantities must be the category's own fields, each within its range. */
export function checkQuantities(category: Category | null, given: Record<string, number>): Record<string, number> {
  const fields = category?.quantities ?? [];
  const problems: { field: string; message: string }[] = [];
  for (const [code, value] of Object.entries(given)) {
    const field = fields.find((f) => f.code === code);
    if (!field) problems.push({ field: `quantities.${code}`, message: `Not recorded for this category (expected one of: ${fields.map((f) => f.code).join(', ') || 'none'})` });
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < field.min || value > field.max) {
      problems.push({ field: `quantities.${code}`, message: `Must be a number from ${field.min} to ${field.max}` });
    }
  }
  if (problems.length) throw new ValidationError(`Please check ${problems[0]!.field}: ${problems[0]!.message}.`, { fields: problems }, 'QUANTITIES_INVALID');
  return { ...given };
}

/**
 * A hazard (sharps, condoms) closed as fixed must say how many were removed: at
 * least one of its count fields at 1 or more. None found is not fixed: the
 * crew closes it as not completed with the reason "not_found".
 */
export function checkHazardCount(category: Category | null, quantities: Record<string, number>): void {
  if (!category?.hazard) return;
  const counts = (category.quantities ?? []).filter((f) => f.code.endsWith('_count'));
  if (!counts.length) return;
  if (counts.some((f) => (quantities[f.code] ?? 0) >= 1)) return;
  const field = counts[0]!;
  throw new UnprocessableError(
    'HAZARD_COUNT_REQUIRED',
    `Say how many were removed (${field.label.toLowerCase()}, at least 1). If none was found, close the job as not completed with the reason "not found".`,
    { fields: counts.map((f) => ({ field: `quantities.${f.code}`, message: 'At least 1, or close as not found' })) },
  );
}

/** Every report's answers in one record; where reports disagree, the first report's answer stands. */
export function firstAnswers(requests: ServiceRequest[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const r of requests) for (const [k, v] of Object.entries(r.answers ?? {})) if (!(k in answers)) answers[k] = v;
  return answers;
}

/** The tablet's tap time in ms, when it can be believed at all: readable, and not ahead of ours by more than the skew. */
export function believableTap(capturedAt: string | undefined, receivedAt: string): number | null {
  const captured = capturedAt === undefined ? NaN : Date.parse(capturedAt);
  return Number.isFinite(captured) && captured <= Date.parse(receivedAt) + CLOCK_SKEW_MS ? captured : null;
}

/**
 * When a step happened. A tablet that was offline sends its steps later, so
 * the tap time it recorded is used, unless its clock cannot be right: earlier
 * than any of `notBefore` (the job opened, started, closed, came to this
 * crew). Then: when it was received. Never later than received.
 */
export function stepTime(captured: number, receivedAt: string, notBefore: (string | null)[]): string {
  const earliest = notBefore.reduce<number>((latest, at) => (at ? Math.max(latest, Date.parse(at)) : latest), -Infinity);
  if (captured < earliest) return receivedAt;
  return new Date(Math.min(captured, Date.parse(receivedAt))).toISOString();
}

/** When the job last came to this crew from elsewhere (reordering the same crew's day does not count). */
export function cameToCrewAt(events: WorkOrderEvent[], crewId: string): string | null {
  let holder: unknown = null;
  let since: string | null = null;
  for (const e of events) {
    const data = (e.data ?? {}) as { crewId?: unknown };
    const next = e.type === 'unassigned' ? null : typeof data.crewId === 'string' ? data.crewId : holder;
    if (next !== holder && next === crewId) since = e.createdAt;
    holder = next;
  }
  return since;
}

/** The crew had this job at some point (assigned to it, or moved away from it). */
export function wasEverCrews(events: WorkOrderEvent[], crewId: string): boolean {
  return events.some((e) => {
    const d = (e.data ?? {}) as { crewId?: unknown; from?: { crewId?: unknown } };
    return d.crewId === crewId || d.from?.crewId === crewId;
  });
}

export function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}
