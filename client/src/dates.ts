const yearOf = (d: Date) => d.toLocaleString('en-GB', { year: 'numeric', timeZone: 'Europe/London' });

/** "Tue 24 Nov, 14:00" in the council's time zone, whatever the device's; with the year when it is not this year ("Thu 3 Oct 2024, 10:15"). */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const year = yearOf(date) !== yearOf(now) ? { year: 'numeric' as const } : {};
  // With a year, en-GB puts a comma after the weekday ("Thu, 3 Oct 2024"); without one it does not: read the same either way.
  return date.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', ...year, hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).replace(/^(\p{L}+),/u, '$1');
}

/** Today's date in the council's time zone as YYYY-MM-DD (what date inputs and the API's route days use). */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
