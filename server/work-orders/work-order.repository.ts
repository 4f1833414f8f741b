/** Every query on work_order and work_order_event: the one work order, the change path's guarded update, lists for the board, and the sets other modules ask for (planning, intake's duplicate check, Open311, the weekly report). Other modules call these methods and never query the tables themselves. */
import type { Database } from '../../db/data-source.js';

export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  // ── work-orders (one work order, the change path, the board lists)




  // ── crew-jobs (a crew lead's jobs)




  // ── crews, dispatch and scheduling (routes, planning, sweeps, cron rules)




  // ── intake, notifications and Open311




  // ── weekly reports and seeds




}
