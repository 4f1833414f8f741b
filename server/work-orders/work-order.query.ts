/** Lists of work orders for the office: filters the dispatcher uses, paged, most urgent deadline first. */
import { Brackets } from 'typeorm';
import type { Services } from '../composition-root.js';
import { ServiceRequestEntity, type RequestSource } from '../intake/service-request.entity.js';
import { WorkOrderEntity } from './work-order.entity.js';
import { OPEN_STATUSES, type WorkOrderStatus } from './work-order.state.js';
import { workOrderSummary, type WorkOrderSummary } from './work-order.view.js';

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
  source?: RequestSource;
  page: number;
  pageSize: number;
}

export interface WorkOrderPage {
  items: (WorkOrderSummary & { reportCount: number })[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listWorkOrders(deps: Pick<Services, 'db' | 'clock' | 'sla' | 'wardLocator'>, f: WorkOrderFilter): Promise<WorkOrderPage> {
  const now = deps.clock.now().toISOString();
  const q = deps.db.manager.getRepository(WorkOrderEntity).createQueryBuilder('w');
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
  if (f.source) {
    const sub = deps.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .select('1')
      .where('sr.work_order_id = w.id')
      .andWhere('sr.source = :source');
    q.andWhere(`EXISTS (${sub.getQuery()})`, { source: f.source });
  }
  const total = await q.getCount();
  const rows = await q
    .orderBy('w.dueAt', 'ASC')
    .addOrderBy('w.reference', 'ASC')
    .skip((f.page - 1) * f.pageSize)
    .take(f.pageSize)
    .getMany();
  const counts = new Map<string, number>();
  if (rows.length) {
    const raw: { workOrderId: string; n: string | number }[] = await deps.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .select('sr.work_order_id', 'workOrderId')
      .addSelect('COUNT(*)', 'n')
      .where('sr.work_order_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('sr.work_order_id')
      .getRawMany();
    for (const r of raw) counts.set(r.workOrderId, Number(r.n));
  }
  return {
    items: rows.map((wo) => ({ ...workOrderSummary(deps, wo), reportCount: counts.get(wo.id) ?? 0 })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}
