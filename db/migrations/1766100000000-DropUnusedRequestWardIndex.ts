import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * ix_sr_ward_created (ward, time) on service_request is read by no query:
 * the weekly report reads a week's requests of every ward by time alone
 * (ix_sr_created), and no list filters requests by ward. Every report still
 * paid for it: with the ward leading the key, a batch of ten reports
 * dirties up to ten of its leaf pages at random places, each written to the
 * WAL at the commit (work_order's own ward index cost 12 of a batch's 72 WAL
 * pages, measured on the bench's 200,000 rows; that one the board's ward
 * filter uses).
 */
export class DropUnusedRequestWardIndex1766100000000 implements MigrationInterface {
  name = 'DropUnusedRequestWardIndex1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('service_request', 'ix_sr_ward_created');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('service_request', new TableIndex({ name: 'ix_sr_ward_created', columnNames: ['ward_code', 'created_at'] }));
  }
}
