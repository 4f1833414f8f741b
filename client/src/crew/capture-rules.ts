/** When a photo will be flagged by the server, in words for the crew (no DOM: unit-tested on the server's runner). */

/** The server's defaults (EVIDENCE_MAX_DISTANCE_M, EVIDENCE_MAX_AGE_MINUTES). */
export const MAX_DISTANCE_M = 150;
export const MAX_AGE_MINUTES = 120;

export interface CaptureWarning {
  code: 'far' | 'old' | 'no_position';
  text: string;
}

function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

function distance(m: number): string {
  if (m < 1000) return `${Math.round(m / 10) * 10} m`;
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} km`;
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** What the office will be told about this photo, in words the crew reads at a glance. */
export function captureWarnings(job: { lat: number; lng: number }, fix: { lat: number; lng: number } | null, takenAt: number | null, now: number): CaptureWarning[] {
  const out: CaptureWarning[] = [];
  if (!fix) out.push({ code: 'no_position', text: 'The tablet cannot tell where it is, so the photo has no position.' });
  else {
    const d = metres(fix, job);
    if (d > MAX_DISTANCE_M) out.push({ code: 'far', text: `You are ${distance(d)} from the job.` });
  }
  if (takenAt !== null && now - takenAt > MAX_AGE_MINUTES * 60_000) out.push({ code: 'old', text: `This photo was taken ${ago(now - takenAt)}.` });
  return out;
}
