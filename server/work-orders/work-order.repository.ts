/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report). Other modules call these methods and never query the tables themselves. */
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { WorkOrderEntity, type WorkOrder } from './work-order.entity.js';
import type { WorkOrderStatus } from './work-order.state.js';

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




  // ── weekly reports and seeds




}
