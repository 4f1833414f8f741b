/**
 * Deadlines: when a work order must be done, from its category's policy and
 * its Code of Practice zone, computed on the council's local wall clock and
 * returned as UTC instants.
 */
import type { SlaPolicy } from '../categories/category.entity.js';
import type { DeadlineState } from '../work-orders/work-order.entity.js';
import { addDays, localParts, toMinutes, zonedInstant } from './local-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * Code of Practice on Litter and Refuse, maximum response times by zone.
 * Zone 1 ("half a day"): before the cut-off → by 18:00 the same duty day;
 * from the cut-off until 18:00 → by 13:00 the next duty day. Zone 2: by 18:00
 * the following duty day. Zones 3 and 4: 14 and 28 calendar days.
 */
export const CODE_OF_PRACTICE = Object.freeze({
  zone1: { morningCutoff: '13:00', sameDayBy: '18:00', nextDayBy: '13:00' },
  zone2: { nextDayBy: '18:00' },
  zone3: { days: 14 },
  zone4: { days: 28 },
});

export function dueAt(policy: SlaPolicy, openedAt: Date, zone: number, calendar: WorkingCalendar): Date {
  switch (policy.kind) {
    case 'hours':
      // Elapsed hours: a 2-hour sharps job reported at 00:30 on clock-change night is still due 2 real hours later.
      return new Date(openedAt.getTime() + policy.hours * 3_600_000);
    case 'working_days':
      return workingDaysDue(openedAt, policy.days, calendar);
    case 'zone':
      return zoneDue(openedAt, zone, calendar);
  }
}

/**
 * End of the duty day N duty days after the day the clock starts. The clock
 * starts on the reported day when that is a duty day and the report came in
 * before the end of duty, else on the next duty day.
 */
function workingDaysDue(openedAt: Date, days: number, calendar: WorkingCalendar): Date {
  const tz = calendar.timeZone;
  const local = localParts(openedAt, tz);
  const start = calendar.isDutyDay(local.date) && local.minutes < toMinutes(calendar.spec.dayEnd) ? local.date : calendar.nextDutyDay(local.date);
  return zonedInstant(calendar.addDutyDays(start, Math.max(0, days)), calendar.spec.dayEnd, tz);
}

function zoneDue(openedAt: Date, zone: number, calendar: WorkingCalendar): Date {
  const tz = calendar.timeZone;
  const local = localParts(openedAt, tz);
  const cop = CODE_OF_PRACTICE;
  if (zone === 1) {
    const onDuty = calendar.isDutyDay(local.date);
    if (onDuty && local.minutes < toMinutes(cop.zone1.morningCutoff)) return zonedInstant(local.date, cop.zone1.sameDayBy, tz);
    if (onDuty && local.minutes < toMinutes(cop.zone1.sameDayBy)) return zonedInstant(calendar.nextDutyDay(local.date), cop.zone1.nextDayBy, tz);
    // Evening, weekend or holiday reports count as arriving on the next duty morning.
    return zonedInstant(calendar.nextDutyDay(local.date), cop.zone1.sameDayBy, tz);
  }
  if (zone === 2) return zonedInstant(calendar.nextDutyDay(local.date), cop.zone2.nextDayBy, tz);
  const days = zone === 3 ? cop.zone3.days : cop.zone4.days;
  // Calendar days on the wall clock: the same local time, whatever the clocks did in between.
  const h = Math.floor(local.minutes / 60);
  const m = local.minutes % 60;
  return zonedInstant(addDays(local.date, days), `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`, tz);
}

/** From this instant on, less than `atRiskShare` of the response time remains. */
export function atRiskFrom(openedAt: string, due: string, atRiskShare: number): string {
  const start = Date.parse(openedAt);
  const end = Date.parse(due);
  return new Date(end - Math.max(0, end - start) * atRiskShare).toISOString();
}

export function deadlineStateAt(openedAt: string, due: string, now: Date, atRiskShare: number): DeadlineState {
  const t = now.getTime();
  if (t >= Date.parse(due)) return 'overdue';
  if (t >= Date.parse(atRiskFrom(openedAt, due, atRiskShare))) return 'at_risk';
  return 'on_time';
}
