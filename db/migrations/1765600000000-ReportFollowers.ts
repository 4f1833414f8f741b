import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * `report_follower`: a resident who follows someone else's report instead of
 * filing a duplicate. The email is personal data, kept like a reporter's
 * contact (office only, never on public pages, Open311, exports or logs); the
 * unsubscribe token is the only key a follower holds.
 */
export class ReportFollowers1765600000000 implements MigrationInterface {
  name = 'ReportFollowers1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'report_follower',
        columns: [
          c.pkUuid(),
          c.uuid('work_order_id'),
          c.str('reference', 20),
          c.str('email', 320),
          c.str('unsubscribe_token', 64, { isUnique: true }),
          c.instant('created_at'),
          c.instant('unsubscribed_at', c.nullable),
        ],
      }),
    );
    await q.createIndex('report_follower', new TableIndex({ name: 'ix_report_follower_wo', columnNames: ['work_order_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_follower');
  }
}
