import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The board's own queries at 200,000 work orders (bench/board): open work by
 * status in deadline order reads (status, due_at) instead of sorting every
 * open row, and the job page's history reads events by work order in id order.
 */
export class BoardIndexes1765520000000 implements MigrationInterface {
  name = 'BoardIndexes1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_status_due', columnNames: ['status', 'due_at'] }));
    await q.createIndex('work_order_event', new TableIndex({ name: 'ix_event_wo_id', columnNames: ['work_order_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('work_order_event', 'ix_event_wo_id');
    await q.dropIndex('work_order', 'ix_wo_status_due');
  }
}
