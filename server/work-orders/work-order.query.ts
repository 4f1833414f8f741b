/** Lists of work orders for the office: filters the dispatcher uses, paged, most urgent deadline first. */
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { WorkOrderFilter, WorkOrderRepository } from './work-order.repository.js';
import { workOrderSummary, type SummaryDeps, type WorkOrderSummary } from './work-order.view.js';

export interface WorkOrderPage {
  items: (WorkOrderSummary & { reportCount: number })[];
  total: number;
  page: number;
  pageSize: number;
}

export interface WorkOrderQueryDeps extends SummaryDeps {
  workOrderRepository: Pick<WorkOrderRepository, 'page'>;
  serviceRequestRepository: Pick<ServiceRequestRepository, 'countPerWorkOrder'>;
}

export class WorkOrderQuery {
  constructor(private readonly deps: WorkOrderQueryDeps) {}

  async list(f: WorkOrderFilter): Promise<WorkOrderPage> {
    const { rows, total } = await this.deps.workOrderRepository.page(f, this.deps.clock.now().toISOString());
    const counts = await this.deps.serviceRequestRepository.countPerWorkOrder(rows.map((r) => r.id));
    return {
      items: rows.map((wo) => ({ ...workOrderSummary(this.deps, wo), reportCount: counts.get(wo.id) ?? 0 })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }
}
