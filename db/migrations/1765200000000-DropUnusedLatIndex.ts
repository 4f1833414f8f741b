import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * ix_wo_lat (latitude alone) served the first duplicate check; since
 * IntakeSpeed that check reads ix_wo_nearby (category, status, lat) and no
 * query filters work orders on latitude alone. Every new work order still
 * paid for it: one more B-tree page, at a random place, written to the WAL
 * at each commit.
 */
export class DropUnusedLatIndex1765200000000 implements MigrationInterface {
  name = 'DropUnusedLatIndex1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('work_order', 'ix_wo_lat');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_lat', columnNames: ['lat'] }));
  }
}
