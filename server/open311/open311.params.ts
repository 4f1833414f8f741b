/**
 * Reading Open311's form and query parameters: every check a sender's input
 * can fail without looking anything up, each failure an Open311Error (400).
 */
import { Open311Error, parseOpen311DateTime } from './open311.format.js';

/** Form and query values as qs parses them: strings, repeated keys as arrays, `a[b]` as nested objects. */
export type Params = Record<string, unknown>;

const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;
const DEFAULT_UPDATES_WINDOW_MS = DAY_MS;
const MAX_MEDIA_URLS = 10;

/** Statuses a resident's update may carry (mySociety's list, lower-cased: FixMyStreet sends them in capitals). */
const UPDATE_STATUSES = new Set([
  'open', 'closed', 'fixed', 'in_progress', 'action_scheduled', 'investigating', 'duplicate',
  'not_councils_responsibility', 'no_further_action', 'internal_referral', 'cancelled', 'reopen',
]);

const UK_POSTCODE_IN_TEXT = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b/i;

export function single(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Open311Error(400, `${name} must be given once, as text.`);
}

export function required(params: Params, name: string): string {
  const v = single(params, name)?.trim();
  if (!v) throw new Open311Error(400, `${name} is required.`);
  return v;
}

function coordinate(params: Params, name: string, limit: number): number | null {
  const raw = single(params, name)?.trim();
  if (!raw) return null;
  const n = /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error(400, `${name} must be a WGS84 decimal degree (got "${raw.slice(0, 30)}").`);
  return n;
}

/** `attribute[code]=v` arrives nested (qs), or as flat "attribute[code]" keys from JSON senders. */
export function attributesOf(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [key, value] of Object.entries(params)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) out[m[1]] = value;
  }
  return out;
}

export function mediaUrlsOf(params: Params): string[] {
  const raw = params.media_url;
  const list = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
  const urls: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') throw new Open311Error(400, 'media_url must be a URL.');
    const trimmed = item.trim();
    if (!trimmed) continue;
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new Open311Error(400, `media_url "${trimmed.slice(0, 60)}" is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Open311Error(400, 'media_url must be an http or https URL.');
    urls.push(url.toString());
  }
  if (urls.length > MAX_MEDIA_URLS) throw new Open311Error(400, `At most ${MAX_MEDIA_URLS} media_url values.`);
  return urls;
}

/** FixMyStreet writes "title: …\n\ndetail: …\n\nurl: https://…/report/123\n\nSubmitted via FixMyStreet". */
export function fixMyStreetReportUrl(description: string): { url: string; reportId: string | null } | null {
  const m = /^url:\s*(https?:\/\/\S+)\s*$/im.exec(description);
  if (!m) return null;
  const id = /\/report\/(\d+)\b/.exec(m[1]);
  return { url: m[1], reportId: id ? id[1] : null };
}

/** A name, email or phone that fails our checks is dropped, not refused: a resident's report must not bounce on a typo. */
export function contactOf(params: Params): { name: string | null; email: string | null; phone: string | null } | null {
  const name = [single(params, 'first_name'), single(params, 'last_name')].map((s) => s?.trim()).filter(Boolean).join(' ').slice(0, 200) || null;
  const emailRaw = single(params, 'email')?.trim() ?? '';
  const email = emailRaw.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailRaw) ? emailRaw : null;
  const phoneRaw = single(params, 'phone')?.trim() ?? '';
  const phone = /^\+?[0-9 ()-]{6,40}$/.test(phoneRaw) ? phoneRaw : null;
  return name || email || phone ? { name, email, phone } : null;
}

/** Where a new request is: lat and long together, else a postcode found in address_string. */
export function locationOf(params: Params): { lat: number | null; lng: number | null; addressString: string | null; postcode: string | null } {
  const lat = coordinate(params, 'lat', 90);
  const lng = coordinate(params, 'long', 180);
  if ((lat === null) !== (lng === null)) throw new Open311Error(400, 'lat and long must be given together.');
  const addressString = single(params, 'address_string')?.trim() || null;
  let postcode: string | null = null;
  if (lat === null) {
    const found = addressString ? UK_POSTCODE_IN_TEXT.exec(addressString) : null;
    if (!found) throw new Open311Error(400, 'A location is required: lat and long, or an address_string containing a postcode.');
    postcode = `${found[1]} ${found[2]}`.toUpperCase();
  }
  return { lat, lng, addressString, postcode };
}

function checkSpan(start: string, end: string): void {
  if (end < start) throw new Open311Error(400, 'end_date must not be before start_date.');
  if (Date.parse(end) - Date.parse(start) > MAX_SPAN_DAYS * DAY_MS) {
    throw new Open311Error(400, `start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart.`);
  }
}

/** GET requests' dates: by default the 90 days up to now, or from start_date; at most 90 days apart. A date without an offset is in `timeZone`. */
export function requestsWindow(params: Params, now: Date, timeZone: string): { start: string; end: string } {
  let start = parseOpen311DateTime(params.start_date, 'start_date', timeZone);
  let end = parseOpen311DateTime(params.end_date, 'end_date', timeZone);
  if (!end) end = start ? new Date(Math.min(Date.parse(start) + MAX_SPAN_DAYS * DAY_MS, now.getTime())).toISOString() : now.toISOString();
  if (!start) start = new Date(Date.parse(end) - MAX_SPAN_DAYS * DAY_MS).toISOString();
  checkSpan(start, end);
  return { start, end };
}

/** GET servicerequestupdates' dates: by default the last day up to now or end_date; at most 90 days apart. A date without an offset is in `timeZone`. */
export function updatesWindow(params: Params, now: Date, timeZone: string): { start: string; end: string } {
  let start = parseOpen311DateTime(params.start_date, 'start_date', timeZone);
  let end = parseOpen311DateTime(params.end_date, 'end_date', timeZone);
  if (!end) end = now.toISOString();
  if (!start) start = new Date(Date.parse(end) - DEFAULT_UPDATES_WINDOW_MS).toISOString();
  checkSpan(start, end);
  return { start, end };
}

/** GET requests' `status`: open, closed, or both (no filter). */
export function workOrderStateFilter(params: Params): 'open' | 'closed' | undefined {
  const status = single(params, 'status')?.trim().toLowerCase();
  if (!status) return undefined;
  const wanted = status.split(',').map((s) => s.trim());
  if (wanted.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed.');
  if (wanted.includes('open') && !wanted.includes('closed')) return 'open';
  if (wanted.includes('closed') && !wanted.includes('open')) return 'closed';
  return undefined;
}

export interface ResidentUpdate {
  reference: string;
  externalUpdateId: string;
  status: string;
  updatedAt: string | null;
  description: string;
  mediaUrl: string | null;
}

/** What the intake accepts as a description; a partner's longer text (FixMyStreet's title/detail/url) is cut rather than refused. */
const MAX_DESCRIPTION = 2000;

/** A report's or resident update's description, cut to what is kept with an ellipsis. */
export function capDescription(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** POST servicerequestupdates' parameters; an updated_datetime without an offset is in `timeZone`. */
export function residentUpdateOf(params: Params, timeZone: string): ResidentUpdate {
  const reference = required(params, 'service_request_id');
  const externalUpdateId = required(params, 'update_id').slice(0, 100);
  const status = required(params, 'status').toLowerCase();
  if (!UPDATE_STATUSES.has(status)) throw new Open311Error(400, `status "${status.slice(0, 40)}" is not an Open311 update status.`);
  const updatedAt = parseOpen311DateTime(required(params, 'updated_datetime'), 'updated_datetime', timeZone);
  const description = capDescription((single(params, 'description') ?? '').trim());
  const mediaUrl = mediaUrlsOf({ media_url: params.media_url })[0] ?? null;
  if (!description && !mediaUrl) throw new Open311Error(400, 'description is required.');
  return { reference, externalUpdateId, status, updatedAt, description, mediaUrl };
}
