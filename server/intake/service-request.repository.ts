/** Every query on service_request and request_contact (reporters' contact details live only here). */
import type { Database } from '../../db/data-source.js';
import { ServiceRequestEntity, type ServiceRequest } from './service-request.entity.js';

export type WeeklyReportRequestRow = Pick<ServiceRequest, 'id' | 'categoryCode' | 'source' | 'wardCode' | 'lat' | 'lng' | 'postcode' | 'address' | 'createdAt'>;

export class ServiceRequestRepository {
  constructor(private readonly db: Database) {}

  // ── intake and tracking




  // ── work-orders (triage, the job page)




  // ── notifications and Open311




  // ── weekly reports
  /** Requests created in [from, end): only the fields a weekly report may use (never contact details or free text). */
  async weeklyReportRequests(from: string, end: string): Promise<WeeklyReportRequestRow[]> {
    return (await this.db.manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('sr')
      .select(['sr.id', 'sr.categoryCode', 'sr.source', 'sr.wardCode', 'sr.lat', 'sr.lng', 'sr.postcode', 'sr.address', 'sr.createdAt'])
      .where('sr.created_at >= :from AND sr.created_at < :end', { from, end })
      .getMany()) as WeeklyReportRequestRow[];
  }




}
