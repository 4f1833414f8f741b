import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * What an Open311 client sent with a request that the intake has no column
 * for: the media URLs (kept as links, never fetched) and the report's page on
 * the sender's site (FixMyStreet's `url:` line).
 */
export interface Open311Request {
  serviceRequestId: string;
  apiClientId: string;
  mediaUrls: string[];
  sourceUrl: string | null;
  createdAt: string;
}

export const Open311RequestEntity = new EntitySchema<Open311Request>({
  name: 'Open311Request',
  tableName: 'open311_request',
  columns: {
    serviceRequestId: col.uuid({ name: 'service_request_id', primary: true }),
    apiClientId: col.uuid({ name: 'api_client_id' }),
    mediaUrls: col.json({ name: 'media_urls' }),
    sourceUrl: col.text({ name: 'source_url', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

/**
 * A resident's update sent on by an Open311 client (mySociety's
 * servicerequestupdates). `(apiClientId, externalUpdateId)` is unique, so
 * a client's retry of the same update is stored once. Names and email the
 * client sends with it are not kept: the request's contact is already held.
 */
export interface Open311Update {
  id: number;
  apiClientId: string;
  externalUpdateId: string;
  serviceRequestId: string;
  workOrderId: string | null;
  status: string;
  description: string;
  mediaUrl: string | null;
  /** When the client says the resident wrote it. */
  clientUpdatedAt: string | null;
  createdAt: string;
}

export const Open311UpdateEntity = new EntitySchema<Open311Update>({
  name: 'Open311Update',
  tableName: 'open311_update',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    apiClientId: col.uuid({ name: 'api_client_id' }),
    externalUpdateId: col.str(100, { name: 'external_update_id' }),
    serviceRequestId: col.uuid({ name: 'service_request_id' }),
    workOrderId: col.uuid({ name: 'work_order_id', nullable: true }),
    status: col.str(40),
    description: col.text({ default: '' }),
    mediaUrl: col.text({ name: 'media_url', nullable: true }),
    clientUpdatedAt: col.instant({ name: 'client_updated_at', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
  uniques: [{ name: 'uq_open311_update_client_ext', columns: ['apiClientId', 'externalUpdateId'] }],
});
