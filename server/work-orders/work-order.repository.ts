/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report, the exports). Other modules call these methods and never query the tables themselves. */
import { Brackets, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';
import { entitiesFromRows, findRowsByIds, insertRow, insertRowsInto, type InsertPlan } from '../../db/row-sql.js';
import type { RequestSource } from '../intake/service-request.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity, type WorkOrder, type WorkOrderEvent } from './work-order.entity.js';
import { OPEN_STATUSES, type WorkOrderStatus } from './work-order.state.js';

/** The columns of a work order a list (the board, the councillor's table) shows. */
export const LIST_COLUMNS = [
  'id', 'reference', 'status', 'categoryCode', 'wardCode', 'zone', 'lat', 'lng', 'address', 'postcode', 'publicPlace', 'priority',
  'openedAt', 'dueAt', 'crewId', 'routeDate', 'routePosition', 'closedAt', 'completedAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof WorkOrder)[];
export type WorkOrderListRow = Pick<WorkOrder, (typeof LIST_COLUMNS)[number]>;

/** What the office's board can filter work orders by. */
export interface WorkOrderFilter {
  status?: WorkOrderStatus[];
  /** Restricts to these wards (a councillor's own), combined with `ward`. */
  wardCodes?: string[];
  ward?: string;
  category?: string;
  crew?: string;
  dueBefore?: string;
  atRisk?: boolean;
  overdue?: boolean;
  /** Only work orders with at least one report from this source. */
  source?: RequestSource;
  page: number;
  pageSize: number;
}

/** Which work orders an export holds: its filters and the caller's scope. */
export interface WorkOrderExportFilter {
  /** Only these wards (a councillor's own); an empty list matches nothing. */
  wardCodes?: string[];
  /** Only work orders holding at least one request this partner (API client) sent. */
  partnerId?: string;
  /** Reported at or after this instant (ISO). */
  from?: string;
  /** Reported before this instant (ISO). */
  to?: string;
  ward?: string;
  category?: string;
  status?: string[];
}

/** Where the next export page starts: just after this (opened_at, id). */
export interface WorkOrderKeyset {
  openedAt: string;
  id: string;
}

/** The columns an export reads of a work order: never `address` (the resident's unreviewed place text). */
export type WorkOrderExportRow = Pick<
  WorkOrder,
  | 'id' | 'reference' | 'status' | 'categoryCode' | 'wardCode' | 'zone' | 'lat' | 'lng' | 'postcode' | 'publicPlace' | 'priority' | 'openedAt' | 'dueAt'
  | 'startedAt' | 'completedAt' | 'closedAt' | 'outcomeReason' | 'quantities' | 'wasteData' | 'evidenceFlags' | 'evidenceStatus' | 'crewId'
>;

/** A fly-tip cleared in a month, as the WasteDataFlow return reads it. */
export type WorkOrderFlyTipRow = Pick<WorkOrder, 'id' | 'reference' | 'wardCode' | 'completedAt' | 'wasteData'>;

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

/** The WHERE conditions of an export's filter and scope, on work_order aliased `w`. */
function exportWhere(q: Sql, f: WorkOrderExportFilter): string[] {
  const where: string[] = [];
  if (f.wardCodes) where.push(f.wardCodes.length ? `w.ward_code IN (${q.list(f.wardCodes)})` : '1 = 0');
  // The partner scope's one subquery on service_request, as in `page()`'s source filter: a partner's
  // work orders can be any number, so they are filtered in the page query rather than fetched as ids first.
  if (f.partnerId) where.push(`EXISTS (SELECT 1 FROM service_request sr WHERE sr.work_order_id = w.id AND sr.api_client_id = ${q.p(f.partnerId)})`);
  if (f.ward) where.push(`w.ward_code = ${q.p(f.ward)}`);
  if (f.category) where.push(`w.category_code = ${q.p(f.category)}`);
  if (f.status?.length) where.push(`w.status IN (${q.list(f.status)})`);
  if (f.from) where.push(`w.opened_at >= ${q.p(f.from)}`);
  if (f.to) where.push(`w.opened_at < ${q.p(f.to)}`);
  return where;
}

/** A JSON column as stored (text on both dialects); unreadable text reads as the fallback rather than failing a whole export. */
function jsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return (JSON.parse(value) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

interface ExportSqlRow {
  id: string;
  reference: string;
  status: string;
  category_code: string;
  ward_code: string;
  zone: number | string;
  lat: number | string;
  lng: number | string;
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
  evidence_status: string | null;
  crew_id: string | null;
}

export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  // ── work-orders (one work order, the change path, the board lists)
  async findById(id: string, em: EntityManager = this.db.manager): Promise<WorkOrder | null> {
    return em.getRepository(WorkOrderEntity).findOneBy({ id });
  }

  /** New work orders, in one statement where the database allows (now, or as part of a plan written later). */
  async insertMany(wos: WorkOrder[], target: EntityManager | InsertPlan): Promise<void> {
    await insertRowsInto(target, WorkOrderEntity, wos);
  }

  /** Writes every column of `next` only if the row is still at `expectedVersion`; false when someone else wrote first. */
  async updateIfVersion(next: WorkOrder, expectedVersion: number, em: EntityManager = this.db.manager): Promise<boolean> {
    const { id, ...columns } = next;
    const result = await em
      .createQueryBuilder()
      .update(WorkOrderEntity)
      .set(columns as never)
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute();
    return result.affected !== 0;
  }

  /** Jobs closed as fixed whose proof waits for the office, oldest closure first. */
  evidenceToReview(limit: number, em: EntityManager = this.db.manager): Promise<WorkOrder[]> {
    return em.getRepository(WorkOrderEntity).find({ where: { status: 'completed', evidenceStatus: 'needs_review' }, order: { completedAt: 'ASC' }, take: limit });
  }

  async insertEvent(row: Omit<WorkOrderEvent, 'id'>, em: EntityManager = this.db.manager): Promise<void> {
    await insertRow(em, WorkOrderEventEntity, row);
  }

  /** Events in the order given (their ids follow it), in one statement where the database allows. */
  async insertEvents(rows: Omit<WorkOrderEvent, 'id'>[], target: EntityManager | InsertPlan): Promise<void> {
    await insertRowsInto(target, WorkOrderEventEntity, rows);
  }

  /** A work order's history, oldest first. */
  async eventsOf(workOrderId: string, em: EntityManager = this.db.manager): Promise<WorkOrderEvent[]> {
    return em.getRepository(WorkOrderEventEntity).find({ where: { workOrderId }, order: { id: 'ASC' } });
  }

  /** One page of the board, most urgent deadline first, with the total matching. `now` decides at risk and overdue. */
  async page(f: WorkOrderFilter, now: string): Promise<{ rows: WorkOrderListRow[]; total: number }> {
    const q = this.db.manager.getRepository(WorkOrderEntity).createQueryBuilder('w');
    if (f.status?.length) q.andWhere('w.status IN (:...status)', { status: f.status });
    if (f.wardCodes) q.andWhere(f.wardCodes.length ? 'w.wardCode IN (:...wardCodes)' : '1 = 0', { wardCodes: f.wardCodes });
    if (f.ward) q.andWhere('w.wardCode = :ward', { ward: f.ward });
    if (f.category) q.andWhere('w.categoryCode = :category', { category: f.category });
    if (f.crew) q.andWhere('w.crewId = :crew', { crew: f.crew });
    if (f.dueBefore) q.andWhere('w.dueAt < :dueBefore', { dueBefore: new Date(f.dueBefore).toISOString() });
    if (f.atRisk || f.overdue) q.andWhere('w.status IN (:...open)', { open: OPEN_STATUSES });
    if (f.atRisk) {
      q.andWhere('w.dueAt > :now', { now });
      // Work orders made by older code paths have no at_risk_at; their stored state still counts.
      q.andWhere(new Brackets((b) => b.where('w.atRiskAt <= :now', { now }).orWhere("w.atRiskAt IS NULL AND w.deadlineState = 'at_risk'")));
    }
    if (f.overdue) q.andWhere('w.dueAt <= :now', { now });
    if (f.source) q.andWhere('EXISTS (SELECT 1 FROM service_request sr WHERE sr.work_order_id = w.id AND sr.source = :source)', { source: f.source });
    const total = await q.getCount();
    const rows = await q
      // Only what a list row shows: the JSON columns and the rest cost a board of 200 rows more to read than to find.
      .select(LIST_COLUMNS.map((c) => `w.${c}`))
      .orderBy('w.dueAt', 'ASC')
      .addOrderBy('w.reference', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getMany();
    return { rows, total };
  }

  // ── crew-jobs (a crew lead's jobs)
  /** The crew's work orders routed for `date`, plus those in `inHand` whatever their date (unsorted). */
  async findCrewDayWithInHand(crewId: string, date: string, inHand: readonly WorkOrderStatus[]): Promise<WorkOrder[]> {
    return this.db.manager
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('wo')
      .where('wo.crew_id = :crewId', { crewId })
      .andWhere(new Brackets((q) => q.where('wo.route_date = :date', { date }).orWhere('wo.status IN (:...inHand)', { inHand })))
      .getMany();
  }

  /** The internal notes on these work orders, oldest first. */
  async findNotesOf(workOrderIds: string[]): Promise<WorkOrderEvent[]> {
    if (!workOrderIds.length) return [];
    return this.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: In(workOrderIds), type: 'note' }, order: { id: 'ASC' } });
  }

  /** The latest event that moved the work order into `status` (who closed it). */
  async findLastMoveInto(workOrderId: string, status: WorkOrderStatus, em: EntityManager = this.db.manager): Promise<WorkOrderEvent | null> {
    return em.getRepository(WorkOrderEventEntity).findOne({ where: { workOrderId, toStatus: status }, order: { id: 'DESC' } });
  }

  // ── crews, dispatch and scheduling (routes, planning, sweeps, cron rules)
  /** One crew's day in route order (planned start breaks ties). */
  findCrewDay(crewId: string, date: string, em: EntityManager = this.db.manager): Promise<WorkOrder[]> {
    return em.getRepository(WorkOrderEntity).find({ where: { crewId, routeDate: date }, order: { routePosition: 'ASC', plannedStartAt: 'ASC' } });
  }

  /** How many work orders in these statuses a crew holds. */
  countOnCrewWithStatus(crewId: string, statuses: readonly WorkOrderStatus[], em: EntityManager = this.db.manager): Promise<number> {
    return em
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('wo')
      .where('wo.crew_id = :crewId', { crewId })
      .andWhere('wo.status IN (:...statuses)', { statuses })
      .getCount();
  }

  /** Work orders in these statuses on no day yet (merged duplicates excluded). */
  findUnplacedWithStatus(statuses: readonly WorkOrderStatus[]): Promise<WorkOrder[]> {
    return this.db.manager.getRepository(WorkOrderEntity).find({ where: { status: In([...statuses]), routeDate: IsNull(), mergedIntoId: IsNull() } });
  }

  /** Work orders in these statuses on that date's routes. */
  findOnDayWithStatus(statuses: readonly WorkOrderStatus[], date: string): Promise<WorkOrder[]> {
    return this.db.manager.getRepository(WorkOrderEntity).find({ where: { status: In([...statuses]), routeDate: date } });
  }

  /** Work orders of these categories and statuses that no crew holds (merged duplicates excluded), soonest deadline first. */
  findUncrewedByCategory(categoryCodes: string[], statuses: readonly WorkOrderStatus[]): Promise<WorkOrder[]> {
    return this.db.manager.getRepository(WorkOrderEntity).find({
      where: { categoryCode: In(categoryCodes), status: In([...statuses]), crewId: IsNull(), mergedIntoId: IsNull() },
      order: { dueAt: 'ASC' },
    });
  }

  /** Every work order in these statuses (the deadline watch's sweep over open work). */
  findWithStatus(statuses: readonly WorkOrderStatus[]): Promise<WorkOrder[]> {
    return this.db.manager.getRepository(WorkOrderEntity).findBy({ status: In([...statuses]) });
  }

  // ── intake, notifications and Open311

  /**
   * The open work orders of a category inside each of several boxes (a batch of reports' duplicate
   * check), whole rows, by box. PostgreSQL: one statement joining the boxes (an array each of category
   * and bounds) to the index; SQLite has no round trip to save and runs a statement per box.
   */
  async openInBoxesForIntake(
    boxes: { categoryCode: string; box: { minLat: number; maxLat: number; minLng: number; maxLng: number } }[],
    em: EntityManager,
  ): Promise<WorkOrder[][]> {
    if (this.db.dialect !== 'postgres') {
      return Promise.all(
        boxes.map(async ({ categoryCode, box }) =>
          entitiesFromRows(em, WorkOrderEntity, await rawQuery(em, WorkOrderRepository.OPEN_IN_BOX_SQL, [box.minLat, box.maxLat, box.minLng, box.maxLng, categoryCode, ...OPEN_STATUSES], { pipelined: true })),
        ),
      );
    }
    const out: WorkOrder[][] = boxes.map(() => []);
    if (!boxes.length) return out;
    const rows = await rawQuery<{ box_index: number }>(em, WorkOrderRepository.OPEN_IN_BOXES_SQL, [
      boxes.map((_, i) => i),
      boxes.map((b) => b.categoryCode),
      boxes.map((b) => b.box.minLat),
      boxes.map((b) => b.box.maxLat),
      boxes.map((b) => b.box.minLng),
      boxes.map((b) => b.box.maxLng),
      [...OPEN_STATUSES],
    ], { pipelined: true });
    const found = entitiesFromRows(em, WorkOrderEntity, rows);
    rows.forEach((r, k) => out[Number(r.box_index)].push(found[k]));
    return out;
  }

  /** SQLite's duplicate-check query (its plan is tested: it must read ix_wo_nearby_lng). */
  static readonly OPEN_IN_BOX_SQL = `SELECT * FROM work_order WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ? AND category_code = ? AND status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`;

  // LATERAL: each box is its own index scan of ix_wo_nearby_lng (category, status, lat, lng), whatever plan the
  // prepared statement settles on (a generic plan joined the boxes to every open job instead).
  private static readonly OPEN_IN_BOXES_SQL = `SELECT b.i AS box_index, w.*
    FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS b(i, category_code, min_lat, max_lat, min_lng, max_lng)
    CROSS JOIN LATERAL (
      SELECT * FROM work_order
      WHERE category_code = b.category_code AND status = ANY($7::text[]) AND lat BETWEEN b.min_lat AND b.max_lat AND lng BETWEEN b.min_lng AND b.max_lng
    ) w`;

  /** Open work orders of any category inside a box (the public "reported nearby" list), nearest-first is the caller's. */
  openInBox(box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, limit: number): Promise<WorkOrder[]> {
    return this.db.manager
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('w')
      .where('w.lat BETWEEN :minLat AND :maxLat AND w.lng BETWEEN :minLng AND :maxLng', box)
      .andWhere('w.status IN (:...open)', { open: OPEN_STATUSES })
      .orderBy('w.openedAt', 'DESC')
      .take(limit)
      .getMany();
  }

  /** The work orders merged into this one, directly or through others merged into it (their followers follow it now). */
  async idsMergedInto(workOrderId: string): Promise<string[]> {
    const found: string[] = [];
    let frontier = [workOrderId];
    while (frontier.length && found.length < 1000) {
      const rows = await this.db.manager.getRepository(WorkOrderEntity).find({ select: { id: true }, where: { mergedIntoId: In(frontier) } });
      frontier = rows.map((r) => r.id).filter((id) => !found.includes(id) && id !== workOrderId);
      found.push(...frontier);
    }
    return found;
  }

  /** The rows with these ids that exist, by id, in one raw statement whatever their number (the on-call escalations of one turn). */
  async findRows(ids: readonly string[], em: EntityManager = this.db.manager): Promise<Map<string, WorkOrder>> {
    return new Map((await findRowsByIds(em, WorkOrderEntity, ids)).map((wo) => [wo.id, wo]));
  }

  findAllByIds(ids: string[]): Promise<WorkOrder[]> {
    return ids.length ? this.db.manager.getRepository(WorkOrderEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** A work order's public events, oldest first (the reporter's timeline). */
  publicEventsOf(workOrderId: string): Promise<WorkOrderEvent[]> {
    return this.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId, isPublic: true }, order: { id: 'ASC' } });
  }

  /** Status changes and events of `types` on any of these work orders, oldest first. */
  stateEventsOf(workOrderIds: string[], types: string[]): Promise<WorkOrderEvent[]> {
    return this.db.manager
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.workOrderId IN (:...ids)', { ids: workOrderIds })
      .andWhere('(e.toStatus IS NOT NULL OR e.type IN (:...types))', { types })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Status changes (and events of `alsoTypes`) made between `start` and `end` inclusive, oldest first, at most `limit`. */
  statusEventsBetween(start: string, end: string, alsoTypes: string[], limit: number): Promise<WorkOrderEvent[]> {
    return this.db.manager
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.createdAt >= :start AND e.createdAt <= :end', { start, end })
      .andWhere('(e.toStatus IS NOT NULL OR e.type IN (:...alsoTypes))', { alsoTypes })
      .orderBy('e.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Events of one type on any of these work orders, oldest first. */
  eventsOfTypeOn(workOrderIds: string[], type: string): Promise<WorkOrderEvent[]> {
    return this.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: In(workOrderIds), type }, order: { id: 'ASC' } });
  }

  // ── weekly reports and seeds
  /** Work orders a week's reports read: opened before the week ended and open now or changed since the trend window began. */
  async weeklyReportWorkOrders(weekEnd: string, windowStart: string): Promise<WorkOrder[]> {
    return this.db.manager
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('wo')
      .where('wo.opened_at < :end', { end: weekEnd })
      // Every close stamps updated_at, so this keeps all jobs open now and all closed within the trend window.
      .andWhere('(wo.status IN (:...open) OR wo.updated_at >= :from)', { open: OPEN_STATUSES, from: windowStart })
      .getMany();
  }

  /**
   * When each job's proof was last rejected (sent back for a revisit), of rejections in [from, to): the weekly
   * report lists a job as sent back by when that happened, not by whatever touched the row since.
   */
  async weeklyReportRejections(from: string, to: string): Promise<Map<string, string>> {
    const rows = await this.db.manager
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.workOrderId', 'e.createdAt'])
      .where('e.type = :type AND e.created_at >= :from AND e.created_at < :to', { type: 'evidence_rejected', from, to })
      .getMany();
    const latest = new Map<string, string>();
    for (const r of rows) if ((latest.get(r.workOrderId) ?? '') < r.createdAt) latest.set(r.workOrderId, r.createdAt);
    return latest;
  }

  /** Ids of jobs completed since an instant (their evidence photos get print copies). */
  async weeklyReportCompletedIdsSince(since: string): Promise<string[]> {
    const rows = await this.db.manager
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('wo')
      .select(['wo.id'])
      .where('wo.status = :s AND wo.completed_at >= :since', { s: 'completed', since })
      .getMany();
    return rows.map((r) => r.id);
  }

  // ── exports (keyset pages of the work-order export, its count, the WasteDataFlow return)
  /**
   * The export's next page after `after` (null: the first), at most `limit` rows, in (opened_at, id) order:
   * each page starts where the last ended (read through ix_wo_opened), so an export of any size holds one
   * page in memory and page 400 costs what page 1 does. A projection: never `address`.
   */
  async exportPage(f: WorkOrderExportFilter, after: WorkOrderKeyset | null, limit: number, em: EntityManager = this.db.manager): Promise<WorkOrderExportRow[]> {
    const q = new Sql(this.db.dialect);
    const where = exportWhere(q, f);
    if (after) where.push(`(w.opened_at > ${q.p(after.openedAt)} OR (w.opened_at = ${q.p(after.openedAt)} AND w.id > ${q.p(after.id)}))`);
    const sql = `SELECT w.id, w.reference, w.status, w.category_code, w.ward_code, w.zone, w.lat, w.lng, w.postcode, w.public_place, w.priority,
        w.opened_at, w.due_at, w.started_at, w.completed_at, w.closed_at, w.outcome_reason, w.quantities, w.waste_data, w.evidence_flags, w.evidence_status, w.crew_id
      FROM work_order w
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY w.opened_at, w.id
      LIMIT ${q.p(limit)}`;
    const rows = await rawQuery<ExportSqlRow>(em, sql, q.params);
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status as WorkOrderStatus,
      categoryCode: r.category_code,
      wardCode: r.ward_code,
      zone: Number(r.zone),
      lat: Number(r.lat),
      lng: Number(r.lng),
      postcode: r.postcode,
      publicPlace: r.public_place,
      priority: r.priority as WorkOrder['priority'],
      openedAt: r.opened_at,
      dueAt: r.due_at,
      startedAt: r.started_at,
      completedAt: r.completed_at,
      closedAt: r.closed_at,
      outcomeReason: r.outcome_reason,
      quantities: jsonColumn<Record<string, number>>(r.quantities, {}),
      wasteData: jsonColumn<Record<string, string> | null>(r.waste_data, null),
      evidenceFlags: jsonColumn<string[]>(r.evidence_flags, []),
      evidenceStatus: (r.evidence_status as WorkOrder['evidenceStatus']) ?? null,
      crewId: r.crew_id,
    }));
  }

  /** How many work orders an export with this filter would hold. */
  async exportCount(f: WorkOrderExportFilter, em: EntityManager = this.db.manager): Promise<number> {
    const q = new Sql(this.db.dialect);
    const where = exportWhere(q, f);
    const rows = await rawQuery<{ n: number | string }>(em, `SELECT COUNT(*) AS n FROM work_order w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, q.params);
    return Number(rows[0]?.n ?? 0);
  }

  /** Work orders of these categories completed in [start, end), oldest first (a month's WasteDataFlow candidates). */
  async completedOfCategoriesBetween(categoryCodes: string[], start: string, end: string, em: EntityManager = this.db.manager): Promise<WorkOrderFlyTipRow[]> {
    if (!categoryCodes.length) return [];
    const q = new Sql(this.db.dialect);
    const sql = `SELECT w.id, w.reference, w.ward_code, w.completed_at, w.waste_data FROM work_order w
      WHERE w.status = 'completed' AND w.category_code IN (${q.list(categoryCodes)}) AND w.completed_at >= ${q.p(start)} AND w.completed_at < ${q.p(end)}
      ORDER BY w.completed_at, w.id`;
    const rows = await rawQuery<{ id: string; reference: string; ward_code: string; completed_at: string; waste_data: string | null }>(em, sql, q.params);
    return rows.map((r) => ({ id: r.id, reference: r.reference, wardCode: r.ward_code, completedAt: r.completed_at, wasteData: jsonColumn<Record<string, string> | null>(r.waste_data, null) }));
  }

}
