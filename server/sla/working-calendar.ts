/**
 * When the council is on duty: which weekdays, which hours, and which dates
 * are off (bank holidays). Configurable by an administrator (the
 * `working_calendar` setting); the defaults are Monday–Friday 07:00–18:00
 * with the England and Wales bank holidays.
 */
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.js';
import { addDays, isoWeekday } from './local-time.js';

export interface WorkingCalendarSpec {
  /** ISO weekdays on duty, 1 = Monday … 7 = Sunday. */
  dutyDays: number[];
  /** Start and end of the duty day, local time 'HH:MM'. A working-days deadline falls at `dayEnd`. */
  dayStart: string;
  dayEnd: string;
  /** Dates (YYYY-MM-DD) with no duty: bank holidays plus any the council adds. */
  holidays: string[];
  timeZone: string;
}

export function defaultCalendarSpec(timeZone = 'Europe/London'): WorkingCalendarSpec {
  return {
    dutyDays: [1, 2, 3, 4, 5],
    dayStart: '07:00',
    dayEnd: '18:00',
    holidays: ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date),
    timeZone,
  };
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly dutyDays: ReadonlySet<number>;

  constructor(readonly spec: WorkingCalendarSpec) {
    if (!spec.dutyDays.length) throw new Error('A working calendar needs at least one duty day.');
    this.holidays = new Set(spec.holidays);
    this.dutyDays = new Set(spec.dutyDays);
  }

  get timeZone(): string {
    return this.spec.timeZone;
  }

  isDutyDay(date: string): boolean {
    return this.dutyDays.has(isoWeekday(date)) && !this.holidays.has(date);
  }

  /** The first duty day strictly after `date`. */
  nextDutyDay(date: string): string {
    let d = addDays(date, 1);
    // A year of holidays cannot hide every duty day; the bound only guards a broken setting.
    for (let i = 0; i < 400 && !this.isDutyDay(d); i++) d = addDays(d, 1);
    return d;
  }

  /** `date` itself when it is a duty day, else the next one. */
  dutyDayOnOrAfter(date: string): string {
    return this.isDutyDay(date) ? date : this.nextDutyDay(date);
  }

  /** The n-th duty day after `date` (n ≥ 1). */
  addDutyDays(date: string, n: number): string {
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextDutyDay(d);
    return d;
  }
}
