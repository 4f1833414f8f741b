/** Every query on service_request and request_contact (reporters' contact details live only here). */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { RequestContactEntity, ServiceRequestEntity, type RequestContact, type ServiceRequest } from './service-request.entity.js';

export class ServiceRequestRepository {
  constructor(private readonly db: Database) {}

  // ── intake and tracking




  // ── work-orders (triage, the job page)
  /** The reports on one work order, first reported first. */
  async findOfWorkOrder(workOrderId: string, em: EntityManager = this.db.manager): Promise<ServiceRequest[]> {
    return em.getRepository(ServiceRequestEntity).find({ where: { workOrderId }, order: { createdAt: 'ASC', reference: 'ASC' } });
  }

  /** The reports on any of these work orders, first reported first. */
  async findOfWorkOrders(workOrderIds: string[], em: EntityManager = this.db.manager): Promise<ServiceRequest[]> {
    if (!workOrderIds.length) return [];
    return em.getRepository(ServiceRequestEntity).find({ where: { workOrderId: In(workOrderIds) }, order: { createdAt: 'ASC', reference: 'ASC' } });
  }

  /** Reporters' contact details: for staff views only. */
  async findContactsOf(requestIds: string[], em: EntityManager = this.db.manager): Promise<RequestContact[]> {
    if (!requestIds.length) return [];
    return em.getRepository(RequestContactEntity).findBy({ requestId: In(requestIds) });
  }

  /** How many reports each of these work orders has (absent: none). */
  async countPerWorkOrder(workOrderIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!workOrderIds.length) return counts;
    const raw: { workOrderId: string; n: string | number }[] = await this.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .select('sr.work_order_id', 'workOrderId')
      .addSelect('COUNT(*)', 'n')
      .where('sr.work_order_id IN (:...ids)', { ids: workOrderIds })
      .groupBy('sr.work_order_id')
      .getRawMany();
    for (const r of raw) counts.set(r.workOrderId, Number(r.n));
    return counts;
  }

  /** Moves reports to another work order (merge, split). */
  async moveToWorkOrder(requestIds: string[], workOrderId: string, em: EntityManager = this.db.manager): Promise<void> {
    if (!requestIds.length) return;
    await em.getRepository(ServiceRequestEntity).update({ id: In(requestIds) }, { workOrderId });
  }




  // ── notifications and Open311




  // ── weekly reports




}
