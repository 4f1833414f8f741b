import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

const n = c.nullable;

/** Open311: what a client sent beyond the intake's columns, and residents' updates stored once per client update id. */
export class Open3111764800000000 implements MigrationInterface {
  name = 'Open3111764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'open311_request',
        columns: [c.uuid('service_request_id', { isPrimary: true }), c.uuid('api_client_id'), c.json('media_urls'), c.text('source_url', n), c.instant('created_at')],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'open311_update',
        columns: [
          c.pkSerial(), c.uuid('api_client_id'), c.str('external_update_id', 100), c.uuid('service_request_id'), c.uuid('work_order_id', n),
          c.str('status', 40), c.text('description', { default: "''" }), c.text('media_url', n), c.instant('client_updated_at', n), c.instant('created_at'),
        ],
        uniques: [{ name: 'uq_open311_update_client_ext', columnNames: ['api_client_id', 'external_update_id'] }],
        indices: [{ name: 'ix_open311_update_sr', columnNames: ['service_request_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('open311_update', true);
    await q.dropTable('open311_request', true);
  }
}
