import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The duplicate check on every report asks "open work orders of this
 * category within a box around this point". With only (status, category)
 * indexed, it read every open work order of the category; with
 * (category, status, lat) it reads one short latitude range per open status.
 */
export class IntakeSpeed1765000000000 implements MigrationInterface {
  name = 'IntakeSpeed1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_nearby', columnNames: ['category_code', 'status', 'lat'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('work_order', 'ix_wo_nearby');
  }
}
