/**
 * The exports' read queries: work orders a page at a time in reported order,
 * each page starting where the last ended (keyset on opened_at, id, read
 * through ix_wo_opened), so an export of any size holds one page in memory
 * and every page costs the same. A read-only projection over work_order, the
 * crew's name, whether before/after photos exist and, for a partner, its own
 * reference; it never reads request_contact (reporters' personal details) or
 * the resident's own place text (`address`).
 */
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';

export interface ExportScope {
  /** Only these wards (a councillor's own); an empty list matches nothing. */
  wardCodes?: string[];
  /** Only work orders holding at least one request this partner sent. */
  partnerId?: string;
}

export interface ExportFilter extends ExportScope {
  /** Reported at or after this instant (ISO). */
  from?: string;
  /** Reported before this instant (ISO). */
  to?: string;
  ward?: string;
  category?: string;
  status?: string[];
}

/** One work order as the exports read it (JSON columns still text, as stored). */
export interface ExportRow {
  id: string;
  reference: string;
  status: string;
  category_code: string;
  ward_code: string;
  zone: number;
  lat: number;
  lng: number;
  postcode: string | null;
  public_place: string | null;
  priority: string;
  opened_at: string;
  due_at: string;
  started_at: string | null;
  completed_at: string | null;
  closed_at: string | null;
  outcome_reason: string | null;
  quantities: string | null;
  waste_data: string | null;
  evidence_flags: string | null;
  crew_name: string | null;
  has_before: number | boolean;
  has_after: number | boolean;
  partner_reference: string | null;
}

export interface Keyset {
  openedAt: string;
  id: string;
}

/** Builds a statement's text and parameters together, in the dialect's placeholder style. */
class Sql {
  readonly params: unknown[] = [];
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  p(value: unknown): string {
    this.params.push(value);
    return this.dialect === 'postgres' ? `$${this.params.length}` : '?';
  }
  list(values: unknown[]): string {
    return values.map((v) => this.p(v)).join(', ');
  }
}

/** The WHERE conditions of a filter and scope. */
function filterSql(q: Sql, f: ExportFilter): string[] {
  const where: string[] = [];
  if (f.wardCodes) where.push(f.wardCodes.length ? `w.ward_code IN (${q.list(f.wardCodes)})` : '1 = 0');
  if (f.partnerId) where.push(`EXISTS (SELECT 1 FROM service_request sr2 WHERE sr2.work_order_id = w.id AND sr2.api_client_id = ${q.p(f.partnerId)})`);
  if (f.ward) where.push(`w.ward_code = ${q.p(f.ward)}`);
  if (f.category) where.push(`w.category_code = ${q.p(f.category)}`);
  if (f.status?.length) where.push(`w.status IN (${q.list(f.status)})`);
  if (f.from) where.push(`w.opened_at >= ${q.p(f.from)}`);
  if (f.to) where.push(`w.opened_at < ${q.p(f.to)}`);
  return where;
}

export class ExportsRepository {
  constructor(private readonly db: Database) {}

  /** The next page after `after` (null: the first), at most `limit` rows, in (opened_at, id) order. */
  async page(f: ExportFilter, after: Keyset | null, limit: number): Promise<ExportRow[]> {
    const q = new Sql(this.db.dialect);
    const partnerRef = f.partnerId
      ? `(SELECT MIN(sr.external_id) FROM service_request sr WHERE sr.work_order_id = w.id AND sr.api_client_id = ${q.p(f.partnerId)})`
      : 'NULL';
    const where = filterSql(q, f);
    if (after) where.push(`(w.opened_at > ${q.p(after.openedAt)} OR (w.opened_at = ${q.p(after.openedAt)} AND w.id > ${q.p(after.id)}))`);
    const sql = `SELECT w.id, w.reference, w.status, w.category_code, w.ward_code, w.zone, w.lat, w.lng, w.postcode, w.public_place, w.priority,
        w.opened_at, w.due_at, w.started_at, w.completed_at, w.closed_at, w.outcome_reason, w.quantities, w.waste_data, w.evidence_flags,
        c.name AS crew_name,
        CASE WHEN EXISTS (SELECT 1 FROM photo p WHERE p.work_order_id = w.id AND p.kind = 'before') THEN 1 ELSE 0 END AS has_before,
        CASE WHEN EXISTS (SELECT 1 FROM photo p WHERE p.work_order_id = w.id AND p.kind = 'after') THEN 1 ELSE 0 END AS has_after,
        ${partnerRef} AS partner_reference
      FROM work_order w LEFT JOIN crew c ON c.id = w.crew_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY w.opened_at, w.id
      LIMIT ${q.p(limit)}`;
    return rawQuery<ExportRow>(this.db.manager, sql, q.params);
  }

  /** How many work orders an export would hold (the Exports page says so before downloading). */
  async count(f: ExportFilter): Promise<number> {
    const q = new Sql(this.db.dialect);
    const where = filterSql(q, f);
    const rows = await rawQuery<{ n: number | string }>(this.db.manager, `SELECT COUNT(*) AS n FROM work_order w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, q.params);
    return Number(rows[0]?.n ?? 0);
  }

  /** Fly-tips completed in [start, end) of these categories (the month's WasteDataFlow candidates), oldest first. */
  async completedBetween(categoryCodes: string[], start: string, end: string): Promise<{ id: string; reference: string; ward_code: string; completed_at: string; waste_data: string | null }[]> {
    if (!categoryCodes.length) return [];
    const q = new Sql(this.db.dialect);
    const sql = `SELECT w.id, w.reference, w.ward_code, w.completed_at, w.waste_data FROM work_order w
      WHERE w.status = 'completed' AND w.category_code IN (${q.list(categoryCodes)}) AND w.completed_at >= ${q.p(start)} AND w.completed_at < ${q.p(end)}
      ORDER BY w.completed_at, w.id`;
    return rawQuery(this.db.manager, sql, q.params);
  }
}
