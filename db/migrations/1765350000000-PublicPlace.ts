import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * `work_order.public_place`: how a place is described in public (tracking and
 * report pages, Open311, the councillor PDF), as reviewed by the office. The
 * resident's own landmark text (`address`) is never shown publicly unreviewed.
 */
export class PublicPlace1765350000000 implements MigrationInterface {
  name = 'PublicPlace1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('work_order', new TableColumn(c.str('public_place', 200, c.nullable)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('work_order', 'public_place');
  }
}
