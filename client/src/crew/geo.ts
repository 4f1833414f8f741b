/** Distances and "navigate" links for the route list. */

export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.round(m / 10) * 10} m`;
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} km`;
}

/** Android opens geo: in the maps app of the crew's choice; elsewhere a maps web link that apps also claim. */
export function navigateUrl(lat: number, lng: number, label: string, userAgent = navigator.userAgent): string {
  const ll = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  if (/Android/i.test(userAgent)) return `geo:${ll}?q=${ll}(${encodeURIComponent(label)})`;
  if (/iPad|iPhone|Macintosh/i.test(userAgent) && 'ontouchend' in globalThis) return `https://maps.apple.com/?daddr=${ll}&dirflg=d`;
  return `https://www.google.com/maps/dir/?api=1&destination=${ll}`;
}
