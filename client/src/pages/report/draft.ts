/**
 * What a resident has typed into the report form, kept in sessionStorage until
 * it is sent, and how it travels to the server.
 */
import type { ComponentChildren } from 'preact';
import { request } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import type { Category } from '../../config.ts';

export interface Place {
  lat: number;
  lng: number;
  how: 'gps' | 'postcode' | 'map';
  label: string;
  wardName?: string | null;
}

export interface Draft {
  categoryCode: string;
  answers: Record<string, unknown>;
  postcode: string;
  place: Place | null;
  address: string;
  description: string;
  name: string;
  email: string;
  phone: string;
}

export type SetDraft = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** Field ids with a message, keyed as the form's elements are ("location", "q-size", "email"). */
export type FieldErrors = Record<string, string>;

/** How a field shows its error: the wrapper's class, the message element and aria-describedby. */
export interface FieldHelpers {
  errors: FieldErrors;
  fieldClass: (id: string) => string;
  err: (id: string) => ComponentChildren;
  describedBy: (id: string, hint?: boolean) => string | undefined;
}

export type Busy = '' | 'gps' | 'postcode' | 'send';

export const EMPTY: Draft = { categoryCode: '', answers: {}, postcode: '', place: null, address: '', description: '', name: '', email: '', phone: '' };
export const DRAFT_KEY = 'kerbside.reportDraft';
/** The server takes up to three photos with a report. */
export const MAX_PHOTOS = 3;

export type ReportReceipt = ApiResponse<'reports.create', 201>;

export function loadDraft(): Draft {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Draft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** POST /api/reports as multipart (the photo travels with the report). */
export async function submitReport(draft: Draft, category: Category, photos: File[]): Promise<ReportReceipt> {
  const form = new FormData();
  form.set('categoryCode', category.code);
  form.set('description', draft.description.trim());
  if (draft.place) {
    form.set('lat', draft.place.lat.toFixed(6));
    form.set('lng', draft.place.lng.toFixed(6));
  }
  if (draft.place?.how === 'postcode' && draft.postcode.trim()) form.set('postcode', draft.postcode.trim());
  if (draft.address.trim()) form.set('address', draft.address.trim());
  const answers: Record<string, unknown> = {};
  for (const q of category.questions) if (draft.answers[q.code] !== undefined && draft.answers[q.code] !== '') answers[q.code] = draft.answers[q.code];
  form.set('answers', JSON.stringify(answers));
  const contact = { name: draft.name.trim(), email: draft.email.trim(), phone: draft.phone.trim() };
  for (const [k, v] of Object.entries(contact)) if (v) form.set(k, v);
  for (const p of photos) form.append('photos', p, p.name || 'photo.jpg');
  return request<ReportReceipt>('/api/reports', { method: 'POST', body: form });
}
