import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Cleanliness surveys: transects (graded stretches of street with a land use),
 * survey tranches (the plan and seed of each draw), visits (a sampled or
 * re-inspected transect and, once graded, its four grades) and partnership
 * areas (polygons whose index is compared before and after a start date).
 */
export class Inspections1765900000000 implements MigrationInterface {
  name = 'Inspections1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'transect',
        columns: [
          c.pkUuid(),
          c.str('name', 120),
          c.str('ward_code', 12),
          c.str('land_use', 30),
          c.json('geometry'),
          c.float('lat'),
          c.float('lng'),
          c.bool('active', true),
          c.instant('created_at'),
        ],
        indices: [{ name: 'ix_transect_ward', columnNames: ['ward_code', 'land_use'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'survey_tranche',
        columns: [
          c.pkUuid(),
          c.str('name', 60),
          c.str('starts_on', 10),
          c.str('ends_on', 10),
          c.int('sample_per_ward'),
          c.str('seed', 64),
          c.str('status', 12),
          c.instant('drawn_at', c.nullable),
          c.instant('created_at'),
        ],
        uniques: [{ name: 'uq_survey_tranche_name', columnNames: ['name'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'survey_visit',
        columns: [
          c.pkUuid(),
          c.uuid('tranche_id'),
          c.uuid('transect_id'),
          c.str('ward_code', 12),
          c.str('land_use', 30),
          c.str('kind', 14),
          c.uuid('parent_visit_id', c.nullable),
          c.uuid('inspector_id', c.nullable),
          c.str('due_on', 10),
          c.str('status', 10),
          c.str('litter', 2, c.nullable),
          c.str('detritus', 2, c.nullable),
          c.str('graffiti', 2, c.nullable),
          c.str('fly_posting', 2, c.nullable),
          c.text('note', c.nullable),
          c.uuid('photo_id', c.nullable),
          c.float('device_lat', c.nullable),
          c.float('device_lng', c.nullable),
          c.instant('surveyed_at', c.nullable),
          c.instant('received_at', c.nullable),
          c.uuid('surveyed_by', c.nullable),
          c.uuid('work_order_id', c.nullable),
          c.instant('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['tranche_id'], referencedTableName: 'survey_tranche', referencedColumnNames: ['id'] },
          { columnNames: ['transect_id'], referencedTableName: 'transect', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'ix_survey_visit_tranche_ward', columnNames: ['tranche_id', 'ward_code'] },
          { name: 'ix_survey_visit_inspector', columnNames: ['inspector_id', 'status', 'due_on'] },
          { name: 'ix_survey_visit_work_order', columnNames: ['work_order_id'] },
          // One re-inspection per failed site, however many instances or events book it at once (NULLs do not collide).
          { name: 'uq_survey_visit_parent', columnNames: ['parent_visit_id'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'partnership_area',
        columns: [c.pkUuid(), c.str('name', 120), c.json('boundary'), c.str('started_on', 10), c.instant('created_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('partnership_area');
    await q.dropTable('survey_visit');
    await q.dropTable('survey_tranche');
    await q.dropTable('transect');
  }
}
