/**
 * How Open311 answers look on the wire: the same plain object becomes XML
 * (what FixMyStreet reads) or JSON, and every failure becomes the GeoReport
 * `<errors><error><code/><description/></error></errors>` shape. Kept apart
 * from the JSON API's error renderer because Open311 clients parse neither
 * our `{error:{…}}` body nor an HTML page.
 */
import type { Response } from 'express';
import { AppError } from '../errors.js';
import { zonedInstant } from '../sla/local-time.js';

export type Open311Format = 'xml' | 'json';

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A value an element can hold: text, a nested record, or a list of repeated children. */
export type XmlValue = string | number | boolean | null | undefined | XmlRecord | XmlList;
export interface XmlRecord {
  [name: string]: XmlValue;
}
/** Repeated child elements, e.g. `<values><value>…</value><value>…</value></values>`. */
export class XmlList {
  constructor(
    readonly childName: string,
    readonly items: XmlValue[],
  ) {}
}

// XML 1.0 cannot carry most control characters even escaped, so they are dropped rather than breaking the document.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // A raw CR would be normalised to LF by every XML parser; FixMyStreet's descriptions use CRLF.
    .replace(/\r/g, '&#13;');
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (value instanceof XmlList) return `<${name}>${value.items.map((item) => element(value.childName, item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXmlText(String(value))}</${name}>`;
}

export function toXml(rootName: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootName, value)}\n`;
}

/** `XmlList`s become arrays, records stay objects: the JSON rendering of the same answer. */
export function toJsonValue(value: XmlValue): unknown {
  if (value instanceof XmlList) return value.items.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value ?? null;
}

/**
 * An Open311 document: in XML the root element wraps `body`; in JSON the
 * spec's documents are bare arrays or objects, so the root name is dropped.
 */
export function sendOpen311(res: Response, format: Open311Format, status: number, rootName: string, body: XmlValue): void {
  res.status(status);
  if (format === 'json') {
    res.setHeader('Content-Type', JSON_CONTENT_TYPE);
    res.send(JSON.stringify(toJsonValue(body)));
    return;
  }
  res.setHeader('Content-Type', XML_CONTENT_TYPE);
  res.send(toXml(rootName, body));
}

/** A failure a client caused, in Open311's vocabulary (400, 403, 404). */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'Open311Error';
  }
}

/**
 * Anything thrown under /open311/v2 → an Open311 error. GeoReport knows only
 * 400, 403 and 404, so our 409/413/415/422 (stale, too large, outside the
 * area…) are all "bad request" with the message kept; anything unknown is a
 * 500 with no internals.
 */
export function toOpen311Error(err: unknown): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    if (err.status === 401 || err.status === 403) return new Open311Error(403, err.message);
    if (err.status === 404) return new Open311Error(404, err.message);
    if (err.status < 500) return new Open311Error(400, err.message);
    return new Open311Error(500, 'Something went wrong on our side. It has been logged; please try again.');
  }
  const e = err as { type?: string; status?: number; statusCode?: number } | null;
  if (e?.type === 'entity.parse.failed') return new Open311Error(400, 'The request body could not be parsed.');
  if (e?.type === 'entity.too.large') return new Open311Error(400, 'The request body is too large.');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new Open311Error(status === 401 || status === 403 ? 403 : status === 404 ? 404 : 400, 'Bad request.');
  }
  return new Open311Error(500, 'Something went wrong on our side. It has been logged; please try again.');
}

export function sendOpen311Error(res: Response, format: Open311Format, error: Open311Error): void {
  sendOpen311(res, format, error.status, 'errors', new XmlList('error', [{ code: error.status, description: error.message }]));
}

/** `services.json` → json; anything else (including no or a bad extension) answers in XML, FixMyStreet's format. */
export function formatOf(path: string): Open311Format {
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

/**
 * An instant as ISO 8601 with the council's offset and no fractions
 * (`2026-06-01T11:00:00+01:00`), as the GeoReport examples write dates.
 */
export function open311DateTime(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A client's date-time → ISO UTC. A `+` in an unencoded query string arrives
 * as a space, so " 01:00" is read as "+01:00". A date or time without an
 * offset is the council's local time (`timeZone`, the configured one), as a
 * UK client means it. A date that does not exist (2026-02-30, 25:00) is a 400.
 */
export function parseOpen311DateTime(input: unknown, name: string, timeZone: string): string | null {
  if (input === undefined || input === null || input === '') return null;
  if (typeof input !== 'string') throw new Open311Error(400, `${name} must be a single ISO 8601 date-time.`);
  const text = input.trim().replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
  const m = ISO_DATE_TIME.exec(text);
  let parsed: Date | null = null;
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
    const [Y, MO, D, H, MI, S] = [y, mo, d, h, mi, s].map(Number);
    const real = new Date(Date.UTC(Y, MO - 1, D));
    const exists = real.getUTCFullYear() === Y && real.getUTCMonth() === MO - 1 && real.getUTCDate() === D && H <= 23 && MI <= 59 && S <= 59;
    if (!exists) throw new Open311Error(400, `${name} "${input.slice(0, 40)}" is not a real date and time.`);
    if (!zone) {
      const local = zonedInstant(`${y}-${mo}-${d}`, `${h}:${mi}`, timeZone);
      parsed = new Date(local.getTime() + S * 1000 + Math.round(Number(`0${fraction || '.0'}`) * 1000));
    } else {
      const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
      parsed = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
    }
  }
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new Open311Error(400, `${name} must be an ISO 8601 date-time such as 2026-11-24T10:00:00+00:00 (got "${input.slice(0, 40)}").`);
  }
  return parsed.toISOString();
}
