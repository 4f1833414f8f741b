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
