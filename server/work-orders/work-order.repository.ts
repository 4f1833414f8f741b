/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report). Other modules call these methods and never query the tables themselves. */
import type { Database } from '../../db/data-source.js';
import { WorkOrderEntity, type WorkOrder } from './work-order.entity.js';
import { OPEN_STATUSES } from './work-order.state.js';

export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  // ── work-orders (one work order, the change path, the board lists)




  // ── crew-jobs (a crew lead's jobs)




  // ── crews, dispatch and scheduling (routes, planning, sweeps, cron rules)




  // ── intake, notifications and Open311




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
