import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * A resident's report photo is checked and stored as uploaded before the 201
 * and rendered afterwards: `photo.pending` marks the ones still waiting, so a
 * restart finds them and renders them.
 */
export class PhotoRendering1765100000000 implements MigrationInterface {
  name = 'PhotoRendering1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('photo', new TableColumn(c.bool('pending', false)));
    await q.createIndex('photo', new TableIndex({ name: 'ix_photo_pending', columnNames: ['pending'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('photo', 'ix_photo_pending');
    await q.dropColumn('photo', 'pending');
  }
}
