/**
 * The one table of allowed work-order transitions. Every caller (dispatcher
 * actions, crew API, planner, Open311, cron) goes through `assertTransition`,
 * so a rule is changed in one place and an illegal move is always the same
 * 409 INVALID_TRANSITION.
 */
import { ConflictError } from '../errors.js';

export const WORK_ORDER_STATUSES = [
  'new',
  'accepted',
  'scheduled',
  'assigned',
  'in_progress',
  'completed',
  'not_completed',
  'partially_completed',
  'rejected',
  'cancelled',
  'duplicate',
  'not_responsible',
  'reopened',
] as const;

export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

const CANCELLABLE = ['cancelled', 'duplicate'] as const;

export const TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = Object.freeze({
  new: ['accepted', 'rejected', 'not_responsible', ...CANCELLABLE],
  accepted: ['scheduled', 'assigned', 'rejected', 'not_responsible', ...CANCELLABLE],
  scheduled: ['assigned', 'accepted', ...CANCELLABLE],
  assigned: ['in_progress', 'accepted', 'not_completed', ...CANCELLABLE],
  in_progress: ['completed', 'not_completed', 'partially_completed', 'cancelled'],
  completed: ['reopened'],
  not_completed: ['reopened', 'cancelled'],
  partially_completed: ['reopened', 'completed', 'cancelled'],
  rejected: ['reopened'],
  cancelled: ['reopened'],
  duplicate: ['reopened'],
  not_responsible: ['reopened'],
  reopened: ['accepted', 'scheduled', 'assigned', 'rejected', 'not_responsible', ...CANCELLABLE],
});

/** Still needs work. */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['new', 'accepted', 'scheduled', 'assigned', 'in_progress', 'reopened'];
/** Closed and fixed, with evidence. The only status that counts as "fixed" anywhere. */
export const FIXED_STATUSES: readonly WorkOrderStatus[] = ['completed'];
/** Closed without fixing: counted separately everywhere, never as fixed. */
export const CLOSED_NOT_FIXED_STATUSES: readonly WorkOrderStatus[] = [
  'not_completed',
  'partially_completed',
  'rejected',
  'cancelled',
  'duplicate',
  'not_responsible',
];

export function isOpen(status: WorkOrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

export function assertTransition(from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError('INVALID_TRANSITION', `A work order cannot go from "${from}" to "${to}".`, { from, to, allowed: TRANSITIONS[from] ?? [] });
  }
}
