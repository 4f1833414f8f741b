import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

const n = c.nullable;

/**
 * Councillors' weekly PDFs: the archive (one stored PDF per ward-week, served
 * byte for byte ever after) and one delivery row per councillor, ward and
 * week, whose unique key is what keeps the Monday email to exactly one.
 * Also an index on postcode.lat: the reports describe every job by its
 * nearest postcode, and without it each lookup scans all 10 000 postcodes.
 */
export class WeeklyReports1764900000000 implements MigrationInterface {
  name = 'WeeklyReports1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'weekly_report',
        columns: [
          c.pkUuid(), c.str('ward_code', 12), c.str('week', 8), c.str('sha256', 64), c.int('bytes'), c.int('pages'), c.str('path', 300),
          c.json('summary'), c.instant('generated_at'), c.instant('created_at'),
        ],
        uniques: [{ name: 'uq_weekly_report_ward_week', columnNames: ['ward_code', 'week'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'weekly_report_delivery',
        columns: [
          c.pkUuid(), c.uuid('user_id'), c.str('ward_code', 12), c.str('week', 8), c.str('status', 12), c.int('attempts', { default: 0 }),
          c.instant('next_attempt_at', n), c.text('last_error', n), c.str('claimed_by', 80, n), c.instant('claimed_at', n), c.instant('sent_at', n),
          c.str('message_id', 250, n), c.instant('created_at'), c.instant('updated_at'),
        ],
        uniques: [{ name: 'uq_weekly_delivery_user_ward_week', columnNames: ['user_id', 'ward_code', 'week'] }],
        indices: [{ name: 'ix_weekly_delivery_due', columnNames: ['status', 'next_attempt_at'] }],
      }),
      true,
    );
    await q.createIndex('postcode', new TableIndex({ name: 'ix_postcode_lat', columnNames: ['lat'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('postcode', 'ix_postcode_lat');
    await q.dropTable('weekly_report_delivery', true);
    await q.dropTable('weekly_report', true);
  }
}
