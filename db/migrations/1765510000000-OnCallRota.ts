import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/** The on-call rota for the 24/7 categories: who is called when no crew with the skill is on shift. */
export class OnCallRota1765510000000 implements MigrationInterface {
  name = 'OnCallRota1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'on_call_slot',
        columns: [
          c.pkUuid(),
          c.str('contact_name', 120),
          c.str('email', 254),
          c.str('phone', 40, c.nullable),
          c.json('days'),
          c.str('start_time', 5),
          c.str('end_time', 5),
          c.instant('created_at'),
          c.int('version', { default: 1 }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('on_call_slot');
  }
}
