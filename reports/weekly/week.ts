/**
 * ISO weeks in the council's time zone. A report week runs from Monday 00:00
 * to the next Monday 00:00 local time, so the week of the October clock
 * change is 169 hours long and the March one 167: the instants come from the
 * zone's real offset on each Monday, never from "start + 7 × 24 h".
 */

export interface ReportWeek {
  /** "2026-W48" */
  label: string;
  year: number;
  week: number;
  /** First instant of the week (Monday 00:00 local), ISO UTC. */
  start: string;
  /** First instant after the week (next Monday 00:00 local), ISO UTC. */
  end: string;
  /** Local calendar dates of the Monday and the Sunday, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
}

const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export function isWeekLabel(s: string): boolean {
  const m = WEEK_LABEL.exec(s);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= isoWeeksInYear(Number(m[1]));
}

function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOfDate(Date.UTC(year, 11, 28)).week;
}

/** ISO year and week of a calendar date given as a UTC-midnight timestamp. */
function isoWeekOfDate(utcMidnight: number): { year: number; week: number } {
  const d = new Date(utcMidnight);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(utcMidnight + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / DAY_MS / 7);
  return { year, week };
}

/** Monday of ISO week 1: the Monday of the week holding 4 January. */
function mondayOf(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

function ymd(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Europe/London: 0 or 3 600 000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a local wall-clock time happens in the zone (times in a spring-forward gap move forward). */
export function localToInstant(utcMidnightOfDate: number, hour: number, timeZone: string): number {
  const wall = utcMidnightOfDate + hour * 3_600_000;
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return second;
}

/** The local calendar date (UTC-midnight timestamp) of an instant. */
function localDate(instant: number, timeZone: string): number {
  const shifted = instant + zoneOffsetMs(instant, timeZone);
  return Math.floor(shifted / DAY_MS) * DAY_MS;
}

export function reportWeek(label: string, timeZone: string): ReportWeek {
  const m = WEEK_LABEL.exec(label);
  if (!m || !isWeekLabel(label)) throw new RangeError(`"${label}" is not an ISO week like 2026-W48`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const monday = mondayOf(year, week);
  const nextMonday = monday + 7 * DAY_MS;
  return {
    label,
    year,
    week,
    start: new Date(localToInstant(monday, 0, timeZone)).toISOString(),
    end: new Date(localToInstant(nextMonday, 0, timeZone)).toISOString(),
    firstDay: ymd(monday),
    lastDay: ymd(nextMonday - DAY_MS),
  };
}

function labelOf(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week holding an instant, in the zone's local calendar. */
export function weekContaining(instant: Date | string, timeZone: string): ReportWeek {
  const { year, week } = isoWeekOfDate(localDate(new Date(instant).getTime(), timeZone));
  return reportWeek(labelOf(year, week), timeZone);
}

/** The week `n` weeks after (negative: before) the given one. */
export function shiftWeek(label: string, n: number, timeZone: string): ReportWeek {
  const w = reportWeek(label, timeZone);
  const monday = mondayOf(w.year, w.week) + n * 7 * DAY_MS;
  const { year, week } = isoWeekOfDate(monday);
  return reportWeek(labelOf(year, week), timeZone);
}

/** The last complete week before an instant: what Monday morning's report covers. */
export function previousWeek(instant: Date | string, timeZone: string): ReportWeek {
  return shiftWeek(weekContaining(instant, timeZone).label, -1, timeZone);
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build and a report formats hundreds of times: keep one per zone and style. */
function displayFormatter(timeZone: string, style: 'date' | 'dateTime' | 'dateTimeYear'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = style === 'date'
      ? new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' })
      : new Intl.DateTimeFormat('en-GB', {
          timeZone, weekday: 'short', day: 'numeric', month: 'short', ...(style === 'dateTimeYear' ? { year: 'numeric' } : {}), hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        });
    displayFormatters.set(key, f);
  }
  return f;
}

/** "23 Nov 2026" in the zone. */
export function formatLocalDate(iso: string, timeZone: string): string {
  return displayFormatter(timeZone, 'date').format(new Date(iso));
}

/** "Mon 23 Nov 14:05" in the zone. */
export function formatLocalDateTime(iso: string, timeZone: string, withYear = false): string {
  return displayFormatter(timeZone, withYear ? 'dateTimeYear' : 'dateTime').format(new Date(iso)).replace(/,/g, '');
}
