import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** The first answer to a request carrying an Idempotency-Key, replayed for every retry. */
export interface IdempotencyRecord {
  key: string;
  principal: string; // user id or api client id: keys are scoped to who sent them
  requestHash: string; // method + path (+ body digest where cheap), to refuse a key reused for something else
  statusCode: number;
  responseBody: string;
  createdAt: string;
}

export const IdempotencyRecordEntity = new EntitySchema<IdempotencyRecord>({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  columns: {
    key: col.str(100, { primary: true }),
    principal: col.str(40, { primary: true }),
    requestHash: col.str(64, { name: 'request_hash' }),
    statusCode: col.int({ name: 'status_code' }),
    responseBody: col.text({ name: 'response_body' }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});
