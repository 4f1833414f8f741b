/** Every query on service_request and request_contact (reporters' contact details live only here). */
import type { Database } from '../../db/data-source.js';

export class ServiceRequestRepository {
  constructor(private readonly db: Database) {}

  // ── intake and tracking




  // ── work-orders (triage, the job page)




  // ── notifications and Open311




  // ── weekly reports




}
