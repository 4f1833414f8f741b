/**
 * The crew app's state in one place: who is logged in, today's route, the
 * categories, the outbox, signal and position. Everything the app needs to
 * open with no signal is mirrored to IndexedDB; screens subscribe with
 * `useCrewState` and act through the functions exported here.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setCsrfToken } from '../api.ts';
import type { ApiErrorBody, ApiResponse, Session, SessionUser } from '../api/types.ts';
import { normaliseJob, normaliseRoute, type Category, type CrewJob, type Route } from './model.ts';
import { askAboutCapture, captureWarnings } from './capture-check.tsx';
import { compressPhoto, currentFix, exifFacts } from './photo.ts';
import { Outbox, type ActionKind, type OutboxItem } from './queue.ts';
import { askForPersistentStorage, idbOutboxStore, kvDelete, kvGet, kvSet } from './store.ts';
import { httpTransport } from './transport.ts';

export interface CrewState {
  phase: 'loading' | 'login' | 'ready';
  user: SessionUser | null;
  /** The session ended while the app was open: queued items wait for a new login. */
  needsLogin: boolean;
  route: Route | null;
  categories: Record<string, Category>;
  items: OutboxItem[];
  online: boolean;
  position: { lat: number; lng: number } | null;
  /** Jobs that arrived while the app was open (SSE): highlighted until opened. */
  newJobIds: string[];
  routeError: string | null;
}

let state: CrewState = {
  phase: 'loading',
  user: null,
  needsLogin: false,
  route: null,
  categories: {},
  items: [],
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  position: null,
  newJobIds: [],
  routeError: null,
};

const listeners = new Set<(s: CrewState) => void>();

function set(patch: Partial<CrewState>): void {
  state = { ...state, ...patch };
  for (const fn of listeners) fn(state);
}

export function getState(): CrewState {
  return state;
}

export function useCrewState(): CrewState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const outbox = new Outbox(idbOutboxStore, httpTransport, {
  now: () => Date.now(),
  newKey,
  isOnline: () => navigator.onLine,
  // A survey's answer is the graded visit, not a work order: the survey screens read the outbox for it.
  onSent: (item, body) => void (item.kind === 'survey' ? undefined : applyServerJob(body)),
});

/** The crew API answers with the updated work order: fold it into the cached route. */
async function applyServerJob(body: unknown): Promise<void> {
  if (!state.route || !body || typeof body !== 'object' || !('id' in body)) return;
  const updated = normaliseJob(body as Record<string, unknown>);
  // The work order's photos are the crew's own; the residents' report photos stay from the route.
  const merge = (j: CrewJob): CrewJob => ({ ...j, status: updated.status, version: updated.version, photos: [...new Map([...j.photos.filter((p) => p.kind === 'report'), ...updated.photos].map((p) => [p.id, p])).values()] });
  const jobs = state.route.jobs.map((j) => (j.id === updated.id ? merge(j) : j));
  const route = { ...state.route, jobs };
  set({ route });
  await kvSet('route', route);
}

let started = false;

export async function boot(): Promise<void> {
  if (started) return;
  started = true;
  outbox.subscribe((items) => {
    set({ items, needsLogin: items.some((i) => i.status === 'waiting' && i.errorCode === 'UNAUTHENTICATED') });
  });
  window.addEventListener('online', () => {
    set({ online: true });
    outbox.kick({ skipBackoff: true });
    if (!loggedIn()) return;
    void refreshRoute();
    connectLive();
  });
  window.addEventListener('offline', () => set({ online: false }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine && loggedIn()) {
      outbox.kick({ skipBackoff: true });
      void refreshRoute();
    }
  });

  const [user, route, categories] = await Promise.all([kvGet<SessionUser>('user'), kvGet<Route>('route'), kvGet<Record<string, Category>>('categories')]);
  set({ user: user ?? null, route: route ?? null, categories: categories ?? {} });
  await outbox.open();
  void askForPersistentStorage();
  watchPosition();

  // Known tablet: ask for the route alongside "who am I" rather than after it (one round trip less before the list shows).
  const routeLoad = user ? refreshRoute() : null;
  try {
    const me = await api.get<Session>('/api/auth/me');
    await kvSet('user', me.user);
    set({ user: me.user, phase: 'ready' });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      // Logged out on the server. With a cached user keep showing the route (and the queue) and ask to log in again.
      set(user ? { phase: 'ready', needsLogin: true } : { phase: 'login' });
      return;
    }
    // No signal: carry on with what the tablet remembers.
    set({ phase: user ? 'ready' : 'login' });
    return;
  }
  await afterLogin(routeLoad);
}

async function afterLogin(routeLoad: Promise<void> | null = null): Promise<void> {
  await outbox.resumeAfterLogin();
  await Promise.all([routeLoad ?? refreshRoute(), refreshCategories()]);
  connectLive();
}

/**
 * POST /api/auth/login without fetching a CSRF token first (login is exempt):
 * that fetch would open a throwaway session whose cookie, re-sent by the
 * rolling session on any response still in flight (the service worker's
 * precache), could overwrite the logged-in cookie and log the tablet out.
 */
async function postLogin(email: string, password: string): Promise<ApiResponse<'auth.login'>> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'No signal.');
  }
  const body = (await res.json().catch(() => null)) as (ApiResponse<'auth.login'> & Partial<ApiErrorBody>) | null;
  if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `Login failed (${res.status}).`);
  return body;
}

export async function login(email: string, password: string): Promise<string | null> {
  try {
    const res = await postLogin(email, password);
    setCsrfToken(res.csrfToken);
    if (state.user && state.user.id !== res.user.id) {
      // A different crew lead on this tablet: yesterday's route is not theirs.
      await kvDelete('route');
      set({ route: null });
    }
    await kvSet('user', res.user);
    set({ user: res.user, phase: 'ready', needsLogin: false });
    await afterLogin();
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status > 0) return err.message;
    return 'No signal — you need a connection to log in the first time.';
  }
}

/** Only a logged-in tablet asks for its route; before that every call would be a 401. */
export function loggedIn(): boolean {
  return state.phase === 'ready' && !state.needsLogin;
}

/**
 * End of shift on a shared tablet. Refused while anything is still waiting to
 * go: it would otherwise be sent later under the next crew lead's login.
 */
export async function logout(): Promise<string | null> {
  if (outbox.snapshot().some((i) => i.status === 'waiting' || i.status === 'sending')) return 'Some work is not sent yet. Wait for signal so it can go, then log out.';
  // Quiet first: no live stream or route refresh may still be talking when the session ends.
  live?.close();
  live = null;
  if (liveTimer) clearTimeout(liveTimer);
  await refreshing;
  try {
    await api.post('/api/auth/logout');
  } catch {
    connectLive();
    return 'No signal — log out when the tablet is back online.';
  }
  setCsrfToken(null);
  await Promise.all([kvDelete('user'), kvDelete('route')]);
  if ('caches' in window) await caches.delete('crew-today').catch(() => false);
  set({ user: null, route: null, phase: 'login', needsLogin: false, newJobIds: [] });
  return null;
}

let refreshing: Promise<void> | null = null;

export function refreshRoute(): Promise<void> {
  // Inspectors have no crew route: their day is the survey list (crew/surveys).
  if (state.user?.role === 'inspector') return Promise.resolve();
  refreshing ??= (async () => {
    try {
      const body = await api.get<unknown>('/api/crew/today');
      const route = normaliseRoute(body, Date.now());
      const before = state.route;
      // Jobs that appear while the app is open were inserted by the planner: highlight them.
      const known = new Set(before?.jobs.map((j) => j.id) ?? []);
      const arrived = before && before.date === route.date ? route.jobs.filter((j) => !known.has(j.id)).map((j) => j.id) : [];
      const stillThere = new Set(route.jobs.map((j) => j.id));
      set({ route, routeError: null, newJobIds: [...state.newJobIds.filter((id) => stillThere.has(id)), ...arrived] });
      await kvSet('route', route);
      prefetchThumbnails(route.jobs);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set({ needsLogin: state.phase === 'ready' });
      else if (err instanceof ApiError && err.status > 0) set({ routeError: err.message });
      // No signal: keep the route we have.
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function refreshCategories(): Promise<void> {
  try {
    const list = await api.get<Category[]>('/api/categories');
    const categories = Object.fromEntries(list.map((c) => [c.code, c]));
    set({ categories });
    await kvSet('categories', categories);
  } catch {
    // Keep the cached list.
  }
}

/** Fetched once while there is signal, so the service worker has them for the back alley. */
function prefetchThumbnails(jobs: CrewJob[]): void {
  for (const job of jobs) for (const p of job.photos) void fetch(p.thumbUrl, { credentials: 'same-origin' }).catch(() => undefined);
}

let live: EventSource | null = null;
let liveTimer: ReturnType<typeof setTimeout> | null = null;

/** New urgent jobs from the planner arrive without a reload: any change to this crew's work refreshes the route. */
function connectLive(): void {
  if (live || typeof EventSource === 'undefined' || state.user?.role === 'inspector') return;
  live = new EventSource('/api/crew/live');
  const onChange = () => {
    if (liveTimer) clearTimeout(liveTimer);
    liveTimer = setTimeout(() => {
      if (loggedIn()) void refreshRoute();
    }, 300);
  };
  live.onmessage = onChange;
  // A job put on the route between the route's fetch and this stream's (re)connection sent its event to nobody:
  // each time the stream opens, the route is fetched once more (CI once saw a new urgent job missed this way).
  live.onopen = onChange;
  // The crew stream carries only this crew's events (server/live); each one may change the day's list.
  const types = ['work_order.updated', 'work_order.created', 'work_order.assignment', 'work_order.left_route', 'route.changed', 'deadline.changed', 'crew.notified', 'resync'];
  for (const type of types) live.addEventListener(type, onChange);
  live.onerror = () => {
    // EventSource reconnects by itself while the server is up; when offline close it and reconnect on 'online'.
    if (!navigator.onLine && live) {
      live.close();
      live = null;
    }
  };
}

export function markSeen(jobId: string): void {
  if (state.newJobIds.includes(jobId)) set({ newJobIds: state.newJobIds.filter((id) => id !== jobId) });
}

function watchPosition(): void {
  if (!('geolocation' in navigator)) return;
  navigator.geolocation.watchPosition(
    (p) => set({ position: { lat: p.coords.latitude, lng: p.coords.longitude } }),
    () => undefined,
    { enableHighAccuracy: false, maximumAge: 60_000 },
  );
}

export function jobLabel(job: CrewJob): string {
  return [job.reference, job.address ?? job.postcode].filter(Boolean).join(', ');
}

/** When a photo was taken, as far as the tablet knows (the file's own time). */
function takenAtOf(photo: File | Blob): number | null {
  return 'lastModified' in photo && Number.isFinite((photo as File).lastModified) ? (photo as File).lastModified : null;
}

/**
 * Checks a photo at capture: when it will be flagged (old, far, no position)
 * the crew lead retakes it (false) or keeps it with a reason (the reason).
 */
export async function checkCapture(job: CrewJob, photo: File | Blob): Promise<{ keep: boolean; reason: string | null }> {
  // As the server will judge it: the photo's own EXIF first, else the tablet's position and the file's time.
  const exif = exifFacts(new Uint8Array(await photo.slice(0, 256 * 1024).arrayBuffer()));
  const fix = exif.lat !== null && exif.lng !== null ? { lat: exif.lat, lng: exif.lng, accuracyM: 0 } : await currentFix(1500);
  const warnings = captureWarnings(job, fix, exif.takenAt ?? takenAtOf(photo), Date.now());
  if (!warnings.length) return { keep: true, reason: null };
  const answer = await askAboutCapture(warnings);
  return answer.keep ? { keep: true, reason: answer.reason } : { keep: false, reason: null };
}

/**
 * The crew lead's tap: a photo is checked (see capture-check.tsx) unless the
 * screen checked it already, shrunk, and the action and photo are written to
 * IndexedDB with a fresh Idempotency-Key, and only then does the screen move
 * on. The tablet's position (with its accuracy) and clock go with it, for the
 * server to use where the photo's EXIF has none. False: the crew chose to retake.
 */
export async function act(job: CrewJob, kind: ActionKind, data: Record<string, unknown>, photo: File | Blob | null, opts: { checked?: boolean } = {}): Promise<boolean> {
  let reason: string | null = typeof data.photoReason === 'string' ? data.photoReason : null;
  if (photo && !opts.checked) {
    const check = await checkCapture(job, photo);
    if (!check.keep) return false;
    reason = check.reason;
  }
  const [compressed, fix] = await Promise.all([photo ? compressPhoto(photo) : Promise.resolve(null), currentFix(1500)]);
  const now = new Date().toISOString();
  const takenAt = photo ? takenAtOf(photo) : null;
  const device = { ...(fix ? { lat: fix.lat, lng: fix.lng, accuracyM: fix.accuracyM } : {}), capturedAt: takenAt !== null ? new Date(takenAt).toISOString() : now };
  const capture = { capturedAt: now, device, ...(reason ? { photoReason: reason } : {}) };
  await outbox.enqueue({ jobId: job.id, jobLabel: jobLabel(job), kind, data: { ...data, ...capture }, photo: compressed });
  return true;
}
