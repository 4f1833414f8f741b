import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Intake and triage: one counter row per reference series (KB-26, WO-26) so
 * human references are gapless-enough and race-free on both databases, and
 * `reporter_notice` (one row per email a reporter is owed, so a closure is
 * told once even when several instances hear the same event), and
 * `work_order.at_risk_at` so "at risk" is a plain indexed comparison.
 */
export class Intake1764500000000 implements MigrationInterface {
  name = 'Intake1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'reference_counter', columns: [c.str('series', 12, { isPrimary: true }), c.int('value')] }), true);
    await q.createTable(
      new Table({
        name: 'reporter_notice',
        columns: [c.uuid('request_id', { isPrimary: true }), c.str('kind', 60, { isPrimary: true }), c.str('status', 10), c.instant('created_at')],
      }),
      true,
    );
    await q.addColumn('work_order', new TableColumn(c.instant('at_risk_at', c.nullable)));
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_at_risk', columnNames: ['at_risk_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('work_order', 'ix_wo_at_risk');
    await q.dropColumn('work_order', 'at_risk_at');
    await q.dropTable('reporter_notice', true);
    await q.dropTable('reference_counter', true);
  }
}
