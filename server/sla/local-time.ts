/**
 * Wall-clock arithmetic in a named time zone (Europe/London by default) with
 * nothing but Intl, so deadlines land on the right local hour on both sides
 * of the March and October clock changes. Dates are 'YYYY-MM-DD', times 'HH:MM'.
 */

export interface LocalParts {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes after local midnight
  isoWeekday: number; // 1 = Monday … 7 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's offset from UTC at an instant. Offsets only change on quarter-hours
 * of UTC (every zone's transitions fall on them), so one Intl call per zone and
 * quarter-hour is enough (formatToParts on every deadline is costly on intake's hot path).
 */
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();

function zoneOffsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const out: Record<string, number> = {};
    for (const p of formatter(timeZone).formatToParts(new Date(bucket))) if (p.type !== 'literal') out[p.type] = Number(p.value);
    offset = Date.UTC(out.year, out.month - 1, out.day, out.hour, out.minute, out.second) - bucket;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function fields(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const t = instant.getTime();
  const local = new Date(t + zoneOffsetMs(t, timeZone));
  return { y: local.getUTCFullYear(), mo: local.getUTCMonth() + 1, d: local.getUTCDate(), h: local.getUTCHours(), mi: local.getUTCMinutes(), s: local.getUTCSeconds() };
}

/** Local minus UTC, in milliseconds, at that instant (0 in GMT, +3 600 000 in BST). */
export function offsetMs(instant: Date, timeZone: string): number {
  return zoneOffsetMs(instant.getTime(), timeZone);
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const f = fields(instant, timeZone);
  const date = `${f.y}-${String(f.mo).padStart(2, '0')}-${String(f.d).padStart(2, '0')}`;
  return { date, minutes: f.h * 60 + f.mi, isoWeekday: isoWeekday(date) };
}

/**
 * The instant a local wall time happens. A time that does not exist (inside
 * the spring-forward hour) comes out one hour later, as a wall clock would show it.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

export function isoWeekday(date: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay() || 7;
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
