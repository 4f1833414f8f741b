/**
 * What the tablet knows about today's route, and how queued actions change
 * what the crew lead sees before the server has heard about them.
 */
import type { ActionKind, OutboxItem } from './queue.ts';

export interface QuantityField {
  code: string;
  label: string;
  unit?: string;
  min: number;
  max: number;
}

export interface Category {
  code: string;
  name: string;
  icon: string;
  requiresBeforePhoto: boolean;
  quantities: QuantityField[];
  questions: { code: string; label: string; type: string; options?: { key: string; label: string }[] }[];
}

export interface JobPhoto {
  id: string;
  kind: string;
  thumbUrl: string;
  fullUrl: string;
}

export interface CrewJob {
  id: string;
  reference: string;
  status: string;
  categoryCode: string;
  priority: string;
  lat: number;
  lng: number;
  address: string | null;
  postcode: string | null;
  dueAt: string;
  deadlineState: string;
  routePosition: number | null;
  version: number;
  answers: Record<string, unknown>;
  description: string | null;
  notes: string[];
  photos: JobPhoto[];
  wasteData: Record<string, string> | null;
  quantities: Record<string, number>;
  /** The category as the route carries it (name, icon, quantities), for when the full list is not cached. */
  category: Category | null;
}

export interface Route {
  date: string | null;
  crewName: string | null;
  jobs: CrewJob[];
  fetchedAt: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function photoOf(raw: Record<string, unknown>): JobPhoto {
  const id = String(raw.id);
  return {
    id,
    kind: String(raw.kind),
    thumbUrl: str(raw.thumbUrl) ?? `/api/photos/${encodeURIComponent(id)}?size=thumb`,
    fullUrl: str(raw.url) ?? `/api/photos/${encodeURIComponent(id)}?size=full`,
  };
}

/**
 * One job, from either of the two shapes the crew API sends: a job of
 * GET /api/crew/today (location, category, reportPhotos, crewPhotos,
 * descriptions, notes) or the updated work order a crew action answers with
 * (flat lat/lng/address, categoryCode, photos). Fields the second lacks are
 * left empty and kept from the cached route by the caller.
 */
export function normaliseJob(raw: Record<string, unknown>): CrewJob {
  const location = (raw.location ?? raw) as Record<string, unknown>;
  const category = (raw.category ?? null) as Record<string, unknown> | null;
  const photos = [raw.photos, raw.reportPhotos, raw.crewPhotos].flatMap((list) => (Array.isArray(list) ? list : [])) as Record<string, unknown>[];
  const descriptions = Array.isArray(raw.descriptions) ? (raw.descriptions as unknown[]).filter((d): d is string => typeof d === 'string' && !!d.trim()) : [];
  const notes = Array.isArray(raw.notes) ? (raw.notes as { text?: unknown }[]).map((n) => String(n.text ?? '')).filter(Boolean) : [];
  return {
    id: String(raw.id),
    reference: String(raw.reference ?? ''),
    status: String(raw.status),
    categoryCode: String(category?.code ?? raw.categoryCode ?? ''),
    priority: String(raw.priority ?? 'normal'),
    lat: Number(location.lat),
    lng: Number(location.lng),
    address: str(location.address),
    postcode: str(location.postcode),
    dueAt: String(raw.dueAt ?? ''),
    deadlineState: String(raw.deadlineState ?? 'on_time'),
    routePosition: typeof raw.routePosition === 'number' ? raw.routePosition : null,
    version: Number(raw.version ?? 0),
    answers: (raw.answers as Record<string, unknown> | undefined) ?? {},
    description: descriptions.join(' / ') || null,
    notes,
    photos: [...new Map(photos.map((p) => [String(p.id), photoOf(p)])).values()],
    wasteData: (raw.wasteData as Record<string, string> | null) ?? null,
    quantities: (raw.quantities as Record<string, number> | undefined) ?? {},
    category: category
      ? {
          code: String(category.code),
          name: String(category.name ?? category.code),
          icon: String(category.icon ?? 'bin'),
          requiresBeforePhoto: category.requiresBeforePhoto !== false,
          quantities: Array.isArray(category.quantities) ? (category.quantities as QuantityField[]) : [],
          questions: [],
        }
      : null,
  };
}

/** GET /api/crew/today: `{date, crew:{id,name}, jobs}`, jobs already in route order. */
export function normaliseRoute(body: unknown, now: number): Route {
  const b = (body ?? {}) as { date?: unknown; crew?: { name?: unknown }; jobs?: unknown };
  const jobs = (Array.isArray(b.jobs) ? b.jobs : []) as Record<string, unknown>[];
  return { date: str(b.date), crewName: str(b.crew?.name), jobs: jobs.map(normaliseJob), fetchedAt: now };
}

const AFTER_ACTION: Record<ActionKind, string | null> = {
  start: 'in_progress',
  complete: 'completed',
  'not-completed': 'not_completed',
  partial: 'partially_completed',
  photos: null,
  survey: null,
};

const PROGRESS = ['new', 'accepted', 'scheduled', 'assigned', 'reopened', 'in_progress', 'completed', 'not_completed', 'partially_completed', 'cancelled'];

export interface LocalJobState {
  status: string;
  /** Something for this job is still on the tablet. */
  pending: boolean;
  /** The server refused a step ("This job was given to Crew 2 — your photos were kept."). */
  refusal: string | null;
}

/** The job as the crew lead should see it: the server's status moved on by the actions still on the tablet. */
export function localState(job: CrewJob, items: readonly OutboxItem[]): LocalJobState {
  let status = job.status;
  let pending = false;
  let refusal: string | null = null;
  for (const item of items) {
    if (item.jobId !== job.id) continue;
    if (item.status === 'failed') {
      refusal = item.reason;
      continue;
    }
    // A step the server has answered is already in the job as the server sent it back; the office may
    // have moved the job on since (evidence rejected: back on the list for a revisit).
    if (item.status === 'done') continue;
    pending = true;
    const to = AFTER_ACTION[item.kind];
    if (to && PROGRESS.indexOf(to) > PROGRESS.indexOf(status)) status = to;
  }
  return { status, pending, refusal };
}

export const CLOSED = new Set(['completed', 'not_completed', 'partially_completed', 'cancelled', 'rejected', 'duplicate', 'not_responsible']);

export const STATUS_LABEL: Record<string, string> = {
  assigned: 'To do',
  scheduled: 'To do',
  accepted: 'To do',
  reopened: 'To do',
  in_progress: 'Started',
  completed: 'Done',
  not_completed: "Couldn't complete",
  partially_completed: 'Partly done',
  cancelled: 'Cancelled',
};

export const NOT_COMPLETED_REASONS: { code: string; label: string }[] = [
  { code: 'no_access', label: 'No access' },
  { code: 'vehicle_blocking', label: 'Vehicle in the way' },
  { code: 'needs_specialist', label: 'Needs a specialist' },
  { code: 'not_found', label: 'Nothing there' },
  { code: 'unsafe', label: 'Unsafe' },
  { code: 'other', label: 'Other' },
];

export function clockTime(iso: string | number | null): string {
  if (iso === null || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/** "Due 15:30" today, "Due Wed 25 Nov, 15:30" another day; how late when past. */
export function dueText(dueAt: string, now: number = Date.now()): { text: string; overdue: boolean } {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return { text: '', overdue: false };
  const day = (t: number) => new Date(t).toLocaleDateString('en-GB', { timeZone: 'Europe/London' });
  const when = day(due) === day(now)
    ? clockTime(dueAt)
    : new Date(due).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  if (due >= now) return { text: `Due ${when}`, overdue: false };
  const mins = Math.floor((now - due) / 60_000);
  const late = mins >= 2 * 1440 ? `${Math.floor(mins / 1440)} days` : mins >= 120 ? `${Math.floor(mins / 60)} h` : `${mins} min`;
  return { text: `Overdue by ${late} (was due ${when})`, overdue: true };
}
