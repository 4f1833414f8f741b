import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * What a resident or partner told us: kept apart from the work order (what a
 * crew does), since many requests can point at one work order. Named after
 * Open311's "service request" so it never gets confused with the councillors'
 * PDF reports in `reports/`.
 */
export type RequestSource = 'public' | 'partner' | 'open311' | 'staff' | 'sweep';

export interface ServiceRequest {
  id: string;
  reference: string; // KB-26-000123
  trackingToken: string;
  categoryCode: string;
  workOrderId: string | null;
  source: RequestSource;
  apiClientId: string | null;
  externalId: string | null; // the sender's own id, e.g. FixMyStreet's
  lat: number;
  lng: number;
  postcode: string | null;
  address: string | null;
  description: string;
  /** Staff-moderated summary safe to show publicly and to councillors. */
  publicSummary: string | null;
  answers: Record<string, unknown>;
  wardCode: string;
  zone: number;
  createdAt: string;
}

export const ServiceRequestEntity = new EntitySchema<ServiceRequest>({
  name: 'ServiceRequest',
  tableName: 'service_request',
  columns: {
    id: col.uuid({ primary: true }),
    reference: col.str(20, { unique: true }),
    trackingToken: col.str(64, { name: 'tracking_token', unique: true }),
    categoryCode: col.str(40, { name: 'category_code' }),
    workOrderId: col.uuid({ name: 'work_order_id', nullable: true }),
    source: col.str(16),
    apiClientId: col.uuid({ name: 'api_client_id', nullable: true }),
    externalId: col.str(100, { name: 'external_id', nullable: true }),
    lat: col.float(),
    lng: col.float(),
    postcode: col.str(9, { nullable: true }),
    address: col.str(300, { nullable: true }),
    description: col.text({ default: '' }),
    publicSummary: col.text({ name: 'public_summary', nullable: true }),
    answers: col.json(),
    wardCode: col.str(12, { name: 'ward_code' }),
    zone: col.int(),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

/** Personal data, in its own table so only staff-facing queries ever join it. */
export interface RequestContact {
  requestId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export const RequestContactEntity = new EntitySchema<RequestContact>({
  name: 'RequestContact',
  tableName: 'request_contact',
  columns: {
    requestId: col.uuid({ name: 'request_id', primary: true }),
    name: col.str(200, { nullable: true }),
    email: col.str(320, { nullable: true }),
    phone: col.str(40, { nullable: true }),
  },
});
