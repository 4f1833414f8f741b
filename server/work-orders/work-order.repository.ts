/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report). Other modules call these methods and never query the tables themselves. */
import { Brackets, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';
import { findRowById, insertRow } from '../../db/row-sql.js';
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

export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  // ── work-orders (one work order, the change path, the board lists)
  async findById(id: string, em: EntityManager = this.db.manager): Promise<WorkOrder | null> {
    return em.getRepository(WorkOrderEntity).findOneBy({ id });
  }

  async insert(wo: WorkOrder, em: EntityManager = this.db.manager): Promise<void> {
    await insertRow(em, WorkOrderEntity, wo);
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

  async insertEvent(row: Omit<WorkOrderEvent, 'id'>, em: EntityManager = this.db.manager): Promise<void> {
    await insertRow(em, WorkOrderEventEntity, row);
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

  /** The work order as a plan saw it, or null when it is gone. */
  findForPlanning(id: string, em: EntityManager = this.db.manager): Promise<WorkOrder | null> {
    return em.getRepository(WorkOrderEntity).findOneBy({ id });
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

  /** The duplicate check's candidates (read through ix_wo_nearby), written once per dialect rather than on every report. */
  static readonly NEAREST_OPEN_SQL = (() => {
    const build = (mark: (i: number) => string) =>
      `SELECT id, lat, lng FROM work_order WHERE lat BETWEEN ${mark(1)} AND ${mark(2)} AND lng BETWEEN ${mark(3)} AND ${mark(4)} AND category_code = ${mark(5)} AND status IN (${OPEN_STATUSES.map((_, i) => mark(6 + i)).join(', ')})`;
    return { sqlite: build(() => '?'), postgres: build((i) => `$${i}`) };
  })();

  /** Id and position of the open work orders of a category inside a box: the index narrows them to a handful. */
  openCandidatesInBox(
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
    categoryCode: string,
    em: EntityManager,
  ): Promise<{ id: string; lat: number; lng: number }[]> {
    return rawQuery(em, WorkOrderRepository.NEAREST_OPEN_SQL[this.db.dialect], [box.minLat, box.maxLat, box.minLng, box.maxLng, categoryCode, ...OPEN_STATUSES]);
  }

  /** One row by id as a raw prepared statement (row-sql.ts), for intake's hot path. */
  loadForIntake(id: string, em: EntityManager): Promise<WorkOrder | null> {
    return findRowById(em, WorkOrderEntity, id);
  }

  findIfAny(id: string, em: EntityManager = this.db.manager): Promise<WorkOrder | null> {
    return em.getRepository(WorkOrderEntity).findOneBy({ id });
  }

  findAllByIds(ids: string[]): Promise<WorkOrder[]> {
    return ids.length ? this.db.manager.getRepository(WorkOrderEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** A work order's public events, oldest first (the reporter's timeline). */
  publicEventsOf(workOrderId: string): Promise<WorkOrderEvent[]> {
    return this.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId, isPublic: true }, order: { id: 'ASC' } });
  }

  /** The latest event that moved a work order into `status`. */
  lastEventInto(workOrderId: string, status: WorkOrderStatus): Promise<WorkOrderEvent | null> {
    return this.db.manager.getRepository(WorkOrderEventEntity).findOne({ where: { workOrderId, toStatus: status }, order: { id: 'DESC' } });
  }

  /** Events with a note on any of these work orders, oldest first. */
  notedEventsOf(workOrderIds: string[]): Promise<WorkOrderEvent[]> {
    return this.db.manager
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.workOrderId IN (:...ids)', { ids: workOrderIds })
      .andWhere('e.note IS NOT NULL')
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Status changes (and events of `alsoType`) made between `start` and `end` inclusive, oldest first, at most `limit`. */
  statusEventsBetween(start: string, end: string, alsoType: string, limit: number): Promise<WorkOrderEvent[]> {
    return this.db.manager
      .getRepository(WorkOrderEventEntity)
      .createQueryBuilder('e')
      .where('e.createdAt >= :start AND e.createdAt <= :end', { start, end })
      .andWhere('(e.toStatus IS NOT NULL OR e.type = :alsoType)', { alsoType })
      .orderBy('e.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Events of one type on any of these work orders, oldest first. */
  eventsOfTypeOn(workOrderIds: string[], type: string): Promise<WorkOrderEvent[]> {
    return this.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: In(workOrderIds), type }, order: { id: 'ASC' } });
  }

  /** The status a work order was in just before one of its events (null when nothing had changed it yet). */
  async statusBeforeEvent(event: Pick<WorkOrderEvent, 'id' | 'workOrderId'>): Promise<WorkOrderStatus | null> {
    const last = await this.db.manager.getRepository(WorkOrderEventEntity).findOne({
      where: { workOrderId: event.workOrderId, toStatus: Not(IsNull()), id: LessThan(event.id) },
      order: { id: 'DESC' },
    });
    return (last?.toStatus as WorkOrderStatus | undefined) ?? null;
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




}
