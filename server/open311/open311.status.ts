/**
 * The one mapping from a work order's status to what Open311 clients see:
 * GeoReport's `open`/`closed`, and mySociety's extended values that
 * FixMyStreet turns into its own states. Only `completed` is ever `fixed`;
 * every other closure names why it closed. No closed status maps to the bare
 * word `closed`, because FixMyStreet without extended statuses reads
 * `closed` as "fixed".
 */
import { isOpen, type WorkOrderStatus } from '../work-orders/work-order.state.js';

export type Open311ExtendedStatus =
  | 'open'
  | 'investigating'
  | 'action_scheduled'
  | 'in_progress'
  | 'fixed'
  | 'duplicate'
  | 'not_councils_responsibility'
  | 'no_further_action'
  | 'cancelled'
  | 'reopen';

export interface Open311Status {
  status: 'open' | 'closed';
  extended: Open311ExtendedStatus;
  /** Said to the resident when the council wrote nothing itself. */
  defaultNote: string;
}

const EXTENDED: Readonly<Record<WorkOrderStatus, [Open311ExtendedStatus, string]>> = Object.freeze({
  new: ['open', 'Your report has been received.'],
  accepted: ['investigating', 'Your report has been accepted and is waiting to be scheduled.'],
  scheduled: ['action_scheduled', 'A street-cleansing crew has been scheduled to deal with this.'],
  assigned: ['action_scheduled', 'A street-cleansing crew has been given this job.'],
  in_progress: ['in_progress', 'A crew is dealing with this now.'],
  completed: ['fixed', 'A crew has cleared this.'],
  not_completed: ['no_further_action', 'A crew visited but could not clear this.'],
  partially_completed: ['no_further_action', 'A crew cleared part of this; the rest could not be dealt with on this visit.'],
  rejected: ['no_further_action', 'We have looked at this report and will not be taking action.'],
  cancelled: ['cancelled', 'This job has been cancelled.'],
  duplicate: ['duplicate', 'This has already been reported; it is being dealt with under the earlier report.'],
  not_responsible: ['not_councils_responsibility', 'This is not the council’s responsibility; it has been passed on where we can.'],
  reopened: ['reopen', 'This report has been reopened.'],
});

/** A request whose work order is gone or not yet made counts as newly received. */
export function open311Status(workOrderStatus: WorkOrderStatus | null | undefined): Open311Status {
  const status = workOrderStatus ?? 'new';
  const [extended, defaultNote] = EXTENDED[status] ?? EXTENDED.new;
  return { status: isOpen(status) ? 'open' : 'closed', extended, defaultNote };
}

/** Events that change what the public sees without changing the work order's status. */
export const PUBLIC_STATE_EVENTS = ['evidence_accepted'] as const;

/** An update the office wrote for residents (job page "Tell the resident"): words, with no change of state. */
export const PUBLIC_UPDATE = 'public_update';

interface EventLike {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  isPublic: boolean;
  data: Record<string, unknown> | null;
}

/**
 * The status the public saw after this event (null: the event is not a change
 * of state). A closure on photos still under review is "in progress" until
 * the office accepts them; a rejection reopens it quietly (to the public it
 * never stopped being in progress).
 */
export function publicStatusAfter(e: EventLike): WorkOrderStatus | null {
  if (e.type === 'evidence_accepted') return 'completed';
  if (e.type === 'evidence_rejected') return 'in_progress';
  if (!e.toStatus) return null;
  if (e.toStatus === 'completed' && typeof e.data?.evidence === 'string' && e.data.evidence !== 'accepted') return 'in_progress';
  return e.toStatus as WorkOrderStatus;
}

/** The status the public saw before this event. */
export function publicStatusBefore(e: EventLike): WorkOrderStatus | null {
  if (e.type === 'evidence_accepted' || e.type === 'evidence_rejected') return 'in_progress';
  if (e.fromStatus === 'reopened' && e.data?.revisit === true) return 'in_progress';
  return (e.fromStatus as WorkOrderStatus | null) ?? null;
}

/**
 * What an event says to residents in its own words: only text written for
 * them (a dispatcher's rejection message, which is also emailed to the
 * reporter, or staff text its author marked "tell the resident"). Crew and
 * office notes otherwise stay internal; the status's standard sentence is used.
 */
export function publicNoteOf(e: EventLike): string | null {
  if (typeof e.data?.publicNote === 'string' && e.data.publicNote.trim()) return e.data.publicNote.trim();
  if (e.type === 'rejected' && e.isPublic && e.note) return e.note;
  return null;
}
