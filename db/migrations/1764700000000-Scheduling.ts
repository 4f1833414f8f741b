import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Planning and recurring work: `route_plan` (a planner run for one day, kept
 * as a draft until a dispatcher publishes it), `sweep` (an admin-defined
 * recurring clean of a place), `sweep_occurrence` (one row per occurrence,
 * unique, so an occurrence opens one work order however many instances run
 * the job) and `hotspot_suggestion` (repeat reports clustered into a proposed
 * sweep for a dispatcher to accept or dismiss).
 */
export class Scheduling1764700000000 implements MigrationInterface {
  name = 'Scheduling1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'route_plan',
        columns: [
          c.pkUuid(), c.str('route_date', 10), c.str('status', 12), c.str('trigger', 12), c.instant('created_at'), c.str('created_by', 200),
          c.instant('published_at', c.nullable), c.str('published_by', 200, c.nullable), c.json('summary'), c.json('assignments'),
        ],
        indices: [{ name: 'ix_route_plan_date', columnNames: ['route_date', 'created_at'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'sweep',
        columns: [
          c.pkUuid(), c.str('name', 120), c.str('category_code', 40), c.json('points'), c.str('recurrence', 60), c.bool('active', true),
          c.instant('next_check_from'), c.uuid('suggestion_id', c.nullable), c.instant('created_at'), c.int('version', { default: 1 }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'sweep_occurrence',
        columns: [c.uuid('sweep_id', { isPrimary: true }), c.instant('occurrence_at', { isPrimary: true }), c.uuid('work_order_id', c.nullable), c.instant('created_at')],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'hotspot_suggestion',
        columns: [
          c.pkUuid(), c.str('category_code', 40), c.float('lat'), c.float('lng'), c.int('radius_m'), c.int('report_count'), c.str('ward_code', 12),
          c.instant('first_report_at'), c.instant('last_report_at'), c.str('status', 12), c.uuid('sweep_id', c.nullable), c.instant('created_at'),
          c.instant('decided_at', c.nullable), c.str('decided_by', 200, c.nullable),
        ],
        indices: [{ name: 'ix_hotspot_status', columnNames: ['status', 'category_code'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hotspot_suggestion', 'sweep_occurrence', 'sweep', 'route_plan']) await q.dropTable(t, true);
  }
}
