/** Every query on service_request and request_contact (reporters' contact details live only here). */
import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { idSlices } from '../../db/id-slices.js';
import { rawQuery } from '../../db/raw-query.js';
import { entitiesFromRows, insertRow, insertRowsInto, type InsertPlan } from '../../db/row-sql.js';
import { OPEN_STATUSES } from '../work-orders/work-order.state.js';
import { ReferenceCounters, type ReferenceBlocks, type ReferenceSeries } from './references.js';
import { RequestContactEntity, ServiceRequestEntity, type RequestContact, type ServiceRequest } from './service-request.entity.js';

export type WeeklyReportRequestRow = Pick<ServiceRequest, 'id' | 'categoryCode' | 'source' | 'wardCode' | 'lat' | 'lng' | 'postcode' | 'createdAt'>;

export class ServiceRequestRepository {
  constructor(private readonly db: Database) {}

  // ── intake and tracking

  /** A partner's earlier request with the same id of its own (a resend). */
  findByExternalId(apiClientId: string, externalId: string, em: EntityManager = this.db.manager): Promise<ServiceRequest | null> {
    return em.getRepository(ServiceRequestEntity).findOneBy({ apiClientId, externalId });
  }

  /**
   * Earlier requests for any of these (client, its own id) pairs, by "<client>\n<id>": a batch's resends
   * checked under intake's lock. PostgreSQL: one statement for the batch.
   */
  async findByExternalIds(pairs: { apiClientId: string; externalId: string }[], em: EntityManager): Promise<Map<string, ServiceRequest>> {
    const found = new Map<string, ServiceRequest>();
    if (!pairs.length) return found;
    const key = (r: { apiClientId: string | null; externalId: string | null }) => `${r.apiClientId}\n${r.externalId}`;
    if (this.db.dialect !== 'postgres') {
      for (const p of pairs) {
        const r = await this.findByExternalId(p.apiClientId, p.externalId, em);
        if (r) found.set(key(p), r);
      }
      return found;
    }
    const raws = await rawQuery(
      em,
      'SELECT s.* FROM service_request s JOIN unnest($1::text[], $2::text[]) AS p(api_client_id, external_id) ON s.api_client_id = p.api_client_id AND s.external_id = p.external_id',
      [pairs.map((p) => p.apiClientId), pairs.map((p) => p.externalId)],
      { pipelined: true },
    );
    for (const r of entitiesFromRows(em, ServiceRequestEntity, raws)) found.set(key(r), r);
    return found;
  }

  /** The counters a batch's references come from (`KB` for its requests, `WO` for the work orders it opens), locked for its transaction. */
  lockReferenceCounters(series: ReferenceSeries[], now: Date, timeZone: string, em: EntityManager): Promise<ReferenceBlocks> {
    return ReferenceCounters.lock(em, series, now, timeZone);
  }

  /** Intake's inserts: raw multi-row statements (row-sql.ts), on the report's hot path. */
  insertManyForIntake(requests: ServiceRequest[], target: EntityManager | InsertPlan): Promise<void> {
    return insertRowsInto(target, ServiceRequestEntity, requests);
  }

  insertContactsForIntake(contacts: RequestContact[], target: EntityManager | InsertPlan): Promise<void> {
    return insertRowsInto(target, RequestContactEntity, contacts);
  }

  findByTrackingToken(trackingToken: string): Promise<ServiceRequest | null> {
    return this.db.manager.getRepository(ServiceRequestEntity).findOneBy({ trackingToken });
  }

  findRequestById(id: string): Promise<ServiceRequest | null> {
    return this.db.manager.getRepository(ServiceRequestEntity).findOneBy({ id });
  }




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

  /** The reporter's contact details: read only to email them, never by Open311. */
  findContact(requestId: string): Promise<RequestContact | null> {
    return this.db.manager.getRepository(RequestContactEntity).findOneBy({ requestId });
  }

  findAttachedTo(workOrderId: string): Promise<ServiceRequest[]> {
    return this.db.manager.getRepository(ServiceRequestEntity).findBy({ workOrderId });
  }

  /** Requests attached to any of these work orders, oldest first. */
  findAttachedToAny(workOrderIds: string[]): Promise<ServiceRequest[]> {
    return this.db.manager.getRepository(ServiceRequestEntity).find({ where: { workOrderId: In(workOrderIds) }, order: { createdAt: 'ASC' } });
  }

  findByReference(reference: string): Promise<ServiceRequest | null> {
    return this.db.manager.getRepository(ServiceRequestEntity).findOneBy({ reference });
  }

  /** Newest first. */
  findByReferences(references: string[]): Promise<ServiceRequest[]> {
    return this.db.manager.getRepository(ServiceRequestEntity).find({ where: { reference: In(references) }, order: { createdAt: 'DESC' } });
  }

  /**
   * Requests made between `start` and `end` (ISO instants, inclusive), newest
   * first, optionally only of some categories and only those whose work order
   * is open (or has none yet) or closed.
   */
  findCreatedBetween(filter: { start: string; end: string; categoryCodes?: string[]; workOrder?: 'open' | 'closed'; limit: number }): Promise<ServiceRequest[]> {
    const qb = this.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .where('sr.createdAt >= :start AND sr.createdAt <= :end', { start: filter.start, end: filter.end });
    if (filter.categoryCodes?.length) qb.andWhere('sr.categoryCode IN (:...codes)', { codes: filter.categoryCodes });
    if (filter.workOrder === 'open') {
      qb.andWhere('(sr.workOrderId IS NULL OR sr.workOrderId IN (SELECT w.id FROM work_order w WHERE w.status IN (:...openStatuses)))', { openStatuses: OPEN_STATUSES });
    }
    if (filter.workOrder === 'closed') {
      qb.andWhere('sr.workOrderId IN (SELECT w.id FROM work_order w WHERE w.status NOT IN (:...openStatuses))', { openStatuses: OPEN_STATUSES });
    }
    return qb.orderBy('sr.createdAt', 'DESC').addOrderBy('sr.reference', 'DESC').take(filter.limit).getMany();
  }




  // ── scheduling (hotspot detection's input)
  /** Every report made since `since`, oldest first. */
  reportsSince(since: string): Promise<ServiceRequest[]> {
    return this.db.manager.getRepository(ServiceRequestEntity).find({ where: { createdAt: MoreThanOrEqual(since) }, order: { createdAt: 'ASC' } });
  }

  // ── weekly reports
  /** Requests created in [from, end): only the fields a weekly report may use (never contact details or free text). */
  async weeklyReportRequests(from: string, end: string): Promise<WeeklyReportRequestRow[]> {
    return (await this.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .select(['sr.id', 'sr.categoryCode', 'sr.source', 'sr.wardCode', 'sr.lat', 'sr.lng', 'sr.postcode', 'sr.createdAt'])
      .where('sr.created_at >= :from AND sr.created_at < :end', { from, end })
      .getMany()) as WeeklyReportRequestRow[];
  }




  // ── exports
  /**
   * A partner's own reference (its external id, the lowest when it sent several) on each of these
   * work orders it sent a request to (absent: none); one query per thousand ids. Reads service_request
   * only: never request_contact, never the request's free text.
   */
  async partnerReferencesOf(apiClientId: string, workOrderIds: readonly string[], em: EntityManager = this.db.manager): Promise<Map<string, string | null>> {
    const refs = new Map<string, string | null>();
    for (const ids of idSlices(workOrderIds)) {
      const rows: { workOrderId: string; externalId: string | null }[] = await em
        .getRepository(ServiceRequestEntity)
        .createQueryBuilder('sr')
        .select('sr.work_order_id', 'workOrderId')
        .addSelect('MIN(sr.external_id)', 'externalId')
        .where('sr.work_order_id IN (:...ids)', { ids })
        .andWhere('sr.api_client_id = :apiClientId', { apiClientId })
        .groupBy('sr.work_order_id')
        .getRawMany();
      for (const r of rows) refs.set(r.workOrderId, r.externalId);
    }
    return refs;
  }




}
