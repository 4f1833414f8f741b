/**
 * Work orders as the office screens see them, and every dispatcher action in
 * one place, so a change in the server's shapes is absorbed here.
 */
import { api, ApiError } from './api.ts';
import type { ApiBody } from './api/types.ts';
import { formatDateTime } from './dates.ts';

export type DeadlineState = 'on_time' | 'at_risk' | 'overdue';
export type Priority = ApiBody<'workOrders.priority'>['priority'];

export interface WorkOrder {
  id: string;
  reference: string;
  status: string;
  categoryCode: string;
  wardCode: string;
  ward?: { code: string; name: string };
  zone: number;
  lat: number;
  lng: number;
  address: string | null;
  postcode: string | null;
  /** The office-reviewed public description of the place (null: use the postcode). */
  publicPlace?: string | null;
  priority: Priority;
  openedAt: string;
  dueAt: string;
  deadlineState: DeadlineState;
  crewId: string | null;
  routeDate: string | null;
  routePosition: number | null;
  plannedStartAt?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  closedAt?: string | null;
  outcomeReason?: string | null;
  outcomeNote?: string | null;
  evidenceFlags: string[];
  quantities?: Record<string, number>;
  wasteData?: Record<string, string> | null;
  mergedIntoId?: string | null;
  version: number;
  /** Some list answers carry a summary of the first report. */
  description?: string | null;
  reportCount?: number;
}

export interface ServiceRequestView {
  id: string;
  reference: string;
  source: string;
  description: string;
  answers: Record<string, unknown>;
  createdAt: string;
  postcode?: string | null;
  address?: string | null;
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  photoIds?: string[];
  photos?: PhotoRef[];
}

export interface PhotoRef {
  id: string;
  url?: string;
  thumbUrl?: string;
  width?: number;
  height?: number;
  gpsLat?: number | null;
  gpsLng?: number | null;
  createdAt?: string;
  kind?: string; // report | before | after
  role?: string;
  takenAt?: string | null;
  flags?: string[];
  evidenceFlags?: string[];
  lat?: number | null;
  lng?: number | null;
}

export interface WorkOrderEvent {
  id: number | string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorLabel: string;
  note: string | null;
  isPublic?: boolean;
  data?: Record<string, unknown> | null;
  createdAt: string;
}

export interface WorkOrderDetail extends WorkOrder {
  reports: ServiceRequestView[];
  events: WorkOrderEvent[];
  photos: PhotoRef[];
}

export interface WorkOrderQuery {
  status?: string;
  ward?: string;
  category?: string;
  crew?: string;
  limit?: number;
}

function items<T>(r: unknown): T[] {
  if (Array.isArray(r)) return r as T[];
  const o = r as { items?: T[]; workOrders?: T[]; data?: T[] };
  return o.items ?? o.workOrders ?? o.data ?? [];
}

/** The list, detail and crew-day answers name the ward as {code,name} or wardCode; screens use wardCode. */
export function normalise<T extends WorkOrder>(wo: T): T {
  return { ...wo, wardCode: wo.wardCode ?? wo.ward?.code ?? '', evidenceFlags: wo.evidenceFlags ?? [] };
}

/** Every matching work order, page by page (up to `limit`, default 2000). */
export async function listWorkOrders(q: WorkOrderQuery = {}): Promise<WorkOrder[]> {
  const { limit = 2000, ...filters } = q;
  const all: WorkOrder[] = [];
  for (let page = 1; all.length < limit; page++) {
    const r = await api.get<{ items: WorkOrder[]; total: number } | WorkOrder[]>('/api/work-orders', { ...filters, page, pageSize: 200 });
    const batch = items<WorkOrder>(r);
    all.push(...batch);
    const total = Array.isArray(r) ? batch.length : r.total;
    if (batch.length === 0 || all.length >= total) break;
  }
  return all.map(normalise);
}

export async function getWorkOrder(id: string): Promise<WorkOrderDetail> {
  const r = await api.get<WorkOrderDetail | { workOrder: WorkOrder; reports: ServiceRequestView[]; events: WorkOrderEvent[]; photos: PhotoRef[] }>(`/api/work-orders/${id}`);
  const detail = ('workOrder' in r ? { ...r.workOrder, reports: r.reports, events: r.events, photos: r.photos } : r) as WorkOrderDetail;
  return normalise({ ...detail, reports: detail.reports ?? [], events: detail.events ?? [], photos: detail.photos ?? [] });
}

/** Why a dispatcher turns a report down; the resident is told in words of the dispatcher's choosing. */
export type RejectReason = NonNullable<ApiBody<'workOrders.reject'>['reason']>;

/** Each action's path segment and the operation it is, so its body is checked against the server's. */
const ACTIONS = {
  accept: 'workOrders.accept',
  reject: 'workOrders.reject',
  merge: 'workOrders.merge',
  recategorise: 'workOrders.recategorise',
  assign: 'dispatch.assign',
  unassign: 'dispatch.unassign',
} as const;

const act = <A extends keyof typeof ACTIONS, R = WorkOrder>(id: string, action: A, body: ApiBody<(typeof ACTIONS)[A]>) => api.post<R>(`/api/work-orders/${id}/${action}`, body);

/** Set on an assign's answer when the crew is not on shift now: allowed (it may be tomorrow's work), but said plainly. */
export interface OffShift {
  crewId: string;
  crewName: string;
  nextOnAt: string | null;
}

/** "next on Sun 29 Nov, 08:00", or that there is no shift in the fortnight ahead (how far the server looks). */
export function nextOnWords(nextOnAt: string | null): string {
  return nextOnAt ? `next on ${formatDateTime(nextOnAt)}` : 'no shift in the next fortnight';
}

/** "The crew is off shift: next on Sun 29 Nov, 08:00." — the board and the job page say it alike after an assignment. */
export function offShiftSentence(o: OffShift): string {
  return `The crew is off shift: ${nextOnWords(o.nextOnAt)}.`;
}

export const dispatcherActions = {
  accept: (wo: WorkOrder) => act(wo.id, 'accept', { version: wo.version }),
  reject: (wo: WorkOrder, reason: RejectReason, message: string) => act(wo.id, 'reject', { version: wo.version, reason, message }),
  merge: (wo: WorkOrder, into: WorkOrder) => act(wo.id, 'merge', { version: wo.version, intoId: into.id }),
  recategorise: (wo: WorkOrder, categoryCode: string) => act(wo.id, 'recategorise', { version: wo.version, categoryCode }),
  assign: (wo: WorkOrder, crewId: string, position?: number) => act<'assign', WorkOrder & { offShift: OffShift | null }>(wo.id, 'assign', { version: wo.version, crewId, position }),
  unassign: (wo: WorkOrder) => act(wo.id, 'unassign', { version: wo.version }),
};

export const OPEN_STATUSES = ['new', 'accepted', 'scheduled', 'assigned', 'in_progress', 'reopened'];

/** Metres between two points (for suggesting duplicates close by). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371e3;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export function photoUrl(id: string, size: 'thumb' | 'full' = 'thumb'): string {
  return `/api/photos/${encodeURIComponent(id)}?size=${size}`;
}

/** "due in 3 h 20 min" / "overdue by 45 min". */
export function countdown(dueAt: string, now: number): { text: string; overdue: boolean } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const mins = Math.round(abs / 60000);
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  const span = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  return ms >= 0 ? { text: `due in ${span}`, overdue: false } : { text: `overdue by ${span}`, overdue: true };
}

export function isStale(err: unknown): boolean {
  return err instanceof ApiError && err.isStale;
}

/** A readable place: the reviewed description, else the nearest postcode, else the point. */
export function placeOf(w: Pick<WorkOrder, 'publicPlace' | 'postcode' | 'lat' | 'lng'>): string {
  if (w.publicPlace) return w.publicPlace;
  if (w.postcode) return `near ${w.postcode}`;
  return `${w.lat.toFixed(5)}, ${w.lng.toFixed(5)}`;
}
