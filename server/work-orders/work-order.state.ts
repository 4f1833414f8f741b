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

/** What a change into a status knows beyond the status: when it happened, and why the work order closed. */
export interface TransitionContext {
  /** When the change happened (a crew step may carry the tablet's tap time). */
  at: string;
  /** For closures: the reason code and the note the closer gave. */
  outcome?: { reason?: string | null; note?: string | null };
}

/** The work-order fields a status sets on entry. */
export interface TransitionFields {
  startedAt?: string | null;
  completedAt?: string | null;
  closedAt?: string | null;
  outcomeReason?: string | null;
  outcomeNote?: string | null;
}

/** Every closure stamps when it closed and says why (a fixed job has no reason code, only the crew's note). */
const closing = ({ at, outcome }: TransitionContext): TransitionFields => ({ closedAt: at, outcomeReason: outcome?.reason ?? null, outcomeNote: outcome?.note ?? null });
const none = (): TransitionFields => ({});

/**
 * The fields a status sets when a work order is moved into it, beside the
 * table of moves: callers name the status and give only what is theirs (the
 * time, the reason, the note). A caller's explicit patch still wins.
 */
export const TRANSITION_EFFECTS: Readonly<Record<WorkOrderStatus, (c: TransitionContext) => TransitionFields>> = Object.freeze({
  new: none,
  accepted: none,
  scheduled: none,
  assigned: none,
  in_progress: ({ at }) => ({ startedAt: at }),
  completed: (c) => ({ ...closing(c), completedAt: c.at }),
  not_completed: closing,
  partially_completed: closing,
  rejected: closing,
  cancelled: closing,
  duplicate: closing,
  not_responsible: closing,
  reopened: () => ({ closedAt: null, outcomeReason: null, outcomeNote: null }),
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
