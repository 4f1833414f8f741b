/** "Tue 24 Nov, 14:00" in the council's time zone, whatever the device's. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}
