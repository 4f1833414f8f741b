import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Exports read work orders in reported order, a page at a time from where the
 * last page ended (opened_at, id): an index on that pair keeps every page a
 * short index walk however large the table. Fly-tip enforcement actions the
 * office records (Defra's list), dated, for the monthly WasteDataFlow return.
 */
export class Exports1765800000000 implements MigrationInterface {
  name = 'Exports1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_opened', columnNames: ['opened_at', 'id'] }));
    await q.createTable(
      new Table({
        name: 'fly_tip_enforcement',
        columns: [
          c.pkUuid(),
          c.uuid('work_order_id'),
          c.str('action', 40),
          c.str('taken_on', 10),
          c.uuid('recorded_by_user_id', c.nullable),
          c.str('recorded_by', 200),
          c.instant('created_at'),
        ],
        indices: [
          { name: 'ix_fly_tip_enforcement_wo', columnNames: ['work_order_id'] },
          { name: 'ix_fly_tip_enforcement_taken', columnNames: ['taken_on'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('fly_tip_enforcement');
    await q.dropIndex('work_order', 'ix_wo_opened');
  }
}
