/**
 * The inspector's day on the tablet: today's transects, kept in IndexedDB so
 * the screen opens with no signal, and grading a transect, which goes into the
 * crew app's outbox (same IndexedDB queue, same Idempotency-Key per tap, same
 * ordered, retried sending) as a 'survey' item.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import type { ElementKey } from '../../pages/cleanliness/vocabulary.ts';
import { compressPhoto, currentFix } from '../photo.ts';
import type { OutboxItem } from '../queue.ts';
import { outbox } from '../state.ts';
import { kvGet, kvSet } from '../store.ts';

export { ELEMENTS, LAND_USE_LABELS } from '../../pages/cleanliness/vocabulary.ts';

export const GRADES = ['A', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export type Grades = Record<ElementKey, Grade | null>;

type MyVisits = ApiResponse<'inspections.visits.mine'>;
export type SurveyVisit = MyVisits['visits'][number];

export interface SurveyDay {
  day: string;
  visits: SurveyVisit[];
  fetchedAt: number;
}

let day: SurveyDay | null = null;
let error: string | null = null;
let loaded = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** C+ to D: an unacceptable site (a clean-up job is raised for litter or detritus). */
export function failsSite(g: Grade | null): boolean {
  return g !== null && GRADES.indexOf(g) >= GRADES.indexOf('C+');
}

export async function refreshSurveys(): Promise<void> {
  try {
    const body = await api.get<MyVisits>('/api/inspections/my-visits');
    day = { ...body, fetchedAt: Date.now() };
    error = null;
    await kvSet('surveys', day);
  } catch (err) {
    // No signal: keep what the tablet has. A refusal is shown.
    if (err instanceof ApiError && err.status > 0 && err.status !== 401) error = err.message;
  }
  emit();
}

async function open(): Promise<void> {
  if (loaded) return;
  loaded = true;
  day = (await kvGet<SurveyDay>('surveys')) ?? null;
  emit();
  window.addEventListener('online', () => void refreshSurveys());
  if (navigator.onLine) await refreshSurveys();
}

export function useSurveys(): { day: SurveyDay | null; error: string | null } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    void open();
    return () => void listeners.delete(l);
  }, []);
  return { day, error };
}

/** Done on the server, or graded here and waiting in (or sent from) the outbox. */
export function localSurvey(visit: SurveyVisit, items: readonly OutboxItem[]): { done: boolean; pending: boolean; refusal: string | null; grades: Grades | null } {
  const mine = items.filter((i) => i.kind === 'survey' && i.jobId === visit.id);
  const live = mine.filter((i) => i.status !== 'failed');
  const refusal = mine.find((i) => i.status === 'failed')?.reason ?? null;
  const queued = live[live.length - 1];
  return {
    done: visit.status === 'done' || !!queued,
    pending: live.some((i) => i.status !== 'done'),
    refusal,
    grades: visit.grades ?? ((queued?.data.grades as Grades | undefined) ?? null),
  };
}

/** The inspector's tap: photo shrunk, grades, position and time written to the outbox before the screen moves on. */
export async function recordSurvey(visit: SurveyVisit, grades: Grades, photo: File | null): Promise<void> {
  const [compressed, fix] = await Promise.all([photo ? compressPhoto(photo) : Promise.resolve(null), currentFix(1500)]);
  const data = { grades, capturedAt: new Date().toISOString(), ...(fix ? { position: fix } : {}) };
  await outbox.enqueue({ jobId: visit.id, jobLabel: `Survey: ${visit.transect.name}`, kind: 'survey', data, photo: compressed });
}
