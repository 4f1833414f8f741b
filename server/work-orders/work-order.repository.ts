/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report). Other modules call these methods and never query the tables themselves. */
import { In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { rawQuery } from '../../db/raw-query.js';
import { findRowById } from '../../db/row-sql.js';
import { WorkOrderEntity, WorkOrderEventEntity, type WorkOrder, type WorkOrderEvent } from './work-order.entity.js';
import { OPEN_STATUSES, type WorkOrderStatus } from './work-order.state.js';

export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  // ── work-orders (one work order, the change path, the board lists)




  // ── crew-jobs (a crew lead's jobs)




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




}
