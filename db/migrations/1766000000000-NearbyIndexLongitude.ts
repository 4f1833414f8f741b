import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The duplicate check reads one latitude band per open status from
 * (category, status, lat), and the band crosses the whole city east to west:
 * every open job of the category in it was fetched from the table only to be
 * dropped for its longitude. With the longitude in the index too, the band is
 * filtered in the index and only the jobs inside the box are fetched.
 */
export class NearbyIndexLongitude1766000000000 implements MigrationInterface {
  name = 'NearbyIndexLongitude1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_nearby_lng', columnNames: ['category_code', 'status', 'lat', 'lng'] }));
    await q.dropIndex('work_order', 'ix_wo_nearby');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('work_order', new TableIndex({ name: 'ix_wo_nearby', columnNames: ['category_code', 'status', 'lat'] }));
    await q.dropIndex('work_order', 'ix_wo_nearby_lng');
  }
}
