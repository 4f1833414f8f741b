/**
 * "What happens next, and by when", honestly: from the job's status, its
 * deadline and the crews' duty hours. When no crew is on duty now it says
 * when the next duty period starts, and when that is after the deadline it
 * says so rather than promising a time nobody is working.
 */
import type { Crew } from '../crews/crew.entity.js';
import { shiftOn } from '../crews/crew.service.js';
import { addDays, localParts } from '../sla/local-time.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { FIXED_STATUSES, isOpen } from '../work-orders/work-order.state.js';

export interface NextStep {
  text: string;
  /** The deadline the council works to, when the job is open. */
  by: string | null;
  /** When the next crew duty period starts (null: a crew is on duty now, or the job is closed). */
  nextDutyAt: string | null;
  onDutyNow: boolean;
}

const DAYS_AHEAD = 14;

/** Now inside some active crew's shift, or the start of the next one within two weeks. */
export function dutyCover(crews: readonly Pick<Crew, 'shift' | 'exceptions' | 'active'>[], now: Date, timeZone: string): { onDutyNow: boolean; nextStart: string | null } {
  const today = localParts(now, timeZone).date;
  let nextStart: string | null = null;
  for (let i = -1; i <= DAYS_AHEAD; i++) {
    const date = addDays(today, i);
    for (const crew of crews) {
      const w = shiftOn(crew, date, timeZone);
      if (!w) continue;
      if (Date.parse(w.start) <= now.getTime() && now.getTime() < Date.parse(w.end)) return { onDutyNow: true, nextStart: null };
      if (Date.parse(w.start) > now.getTime() && (!nextStart || w.start < nextStart)) nextStart = w.start;
    }
    if (nextStart && i >= 0) break;
  }
  return { onDutyNow: false, nextStart };
}

export function nextStep(
  wo: Pick<WorkOrder, 'status' | 'dueAt' | 'crewId' | 'routeDate' | 'plannedStartAt'> | null,
  crews: readonly Pick<Crew, 'shift' | 'exceptions' | 'active'>[],
  now: Date,
  timeZone: string,
  when: (iso: string) => string,
): NextStep {
  const status = wo?.status ?? 'new';
  if (FIXED_STATUSES.includes(status)) {
    return { text: 'Our crew has cleared it. If it is still there or has come back, tell us below and we will send a crew again.', by: null, nextDutyAt: null, onDutyNow: false };
  }
  if (wo && !isOpen(status)) {
    return { text: 'This report is closed. If the problem is still there, tell us below.', by: null, nextDutyAt: null, onDutyNow: false };
  }
  const due = wo?.dueAt ?? null;
  if (status === 'in_progress') return { text: 'A crew is working on it now.', by: due, nextDutyAt: null, onDutyNow: true };
  const cover = dutyCover(crews, now, timeZone);
  const parts: string[] = [];
  if (status === 'assigned' && wo?.plannedStartAt) parts.push(`A crew has it on their list and plans to be there around ${when(wo.plannedStartAt)}.`);
  else if (status === 'assigned' || status === 'scheduled') parts.push('A crew has it on their list.');
  else if (status === 'accepted') parts.push('The street cleansing team has accepted it and will give it to a crew.');
  else if (status === 'reopened') parts.push('You told us it is still there: the team has it at the top of their list again.');
  else parts.push('The street cleansing team checks every new report and sends a crew.');
  if (cover.onDutyNow) parts.push('Crews are on duty now.');
  else if (cover.nextStart) parts.push(`No crew is on duty right now; the next duty period starts ${when(cover.nextStart)}.`);
  else parts.push('No crew duty period is planned in the next two weeks; the office will arrange cover.');
  if (due) {
    if (!cover.onDutyNow && cover.nextStart && cover.nextStart > due) {
      parts.push(`Our target was ${when(due)}, but no crew is on duty before then, so it will be dealt with as soon as a crew starts.`);
    } else parts.push(`We aim to deal with it by ${when(due)}.`);
  }
  return { text: parts.join(' '), by: due, nextDutyAt: cover.onDutyNow ? null : cover.nextStart, onDutyNow: cover.onDutyNow };
}
