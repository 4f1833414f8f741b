import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

const n = c.nullable;

/** The first schema. Written with TypeORM's Table API so one migration serves SQLite and PostgreSQL. */
export class Initial1764400000000 implements MigrationInterface {
  name = 'Initial1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const tables: Table[] = [
      new Table({ name: 'ward', columns: [c.str('code', 12, { isPrimary: true }), c.str('name', 120), c.json('boundary')] }),
      new Table({ name: 'zone', columns: [c.pkUuid(), c.str('name', 120), c.int('zone'), c.json('boundary'), c.text('note', n)] }),
      new Table({
        name: 'postcode',
        columns: [c.str('compact', 8, { isPrimary: true }), c.str('display', 9), c.float('lat'), c.float('lng'), c.str('ward_code', 12, n)],
        indices: [{ columnNames: ['ward_code'] }],
      }),
      new Table({
        name: 'category',
        columns: [
          c.str('code', 40, { isPrimary: true }), c.str('name', 120), c.str('group_name', 80), c.text('description', { default: "''" }),
          c.str('icon', 40, { default: "'bin'" }), c.json('sla_policy'), c.bool('hazard', false), c.bool('auto_accept', false),
          c.str('required_skill', 40, { default: "'general'" }), c.json('questions'), c.json('quantities'),
          c.int('dedupe_radius_m', { default: 50 }), c.int('service_minutes', { default: 20 }), c.bool('requires_before_photo', true),
          c.bool('active', true), c.int('sort_order', { default: 100 }),
        ],
      }),
      new Table({
        name: 'app_user',
        columns: [
          c.pkUuid(), c.str('email', 320, { isUnique: true }), c.str('name', 200), c.str('role', 16), c.str('password_hash', 200),
          c.uuid('crew_id', n), c.bool('active', true), c.bool('email_opt_out', false), c.instant('created_at'),
        ],
      }),
      new Table({ name: 'ward_subscription', columns: [c.uuid('user_id', { isPrimary: true }), c.str('ward_code', 12, { isPrimary: true })] }),
      new Table({
        name: 'crew',
        columns: [
          c.pkUuid(), c.str('name', 120, { isUnique: true }), c.float('depot_lat'), c.float('depot_lng'), c.uuid('lead_user_id', n),
          c.json('members'), c.json('skills'), c.int('capacity', { default: 20 }), c.json('shift'), c.json('exceptions'),
          c.bool('active', true), c.instant('created_at'), c.int('version', { default: 1 }),
        ],
      }),
      new Table({
        name: 'work_order',
        columns: [
          c.pkUuid(), c.str('reference', 20, { isUnique: true }), c.str('status', 24), c.str('category_code', 40), c.str('ward_code', 12),
          c.int('zone'), c.float('lat'), c.float('lng'), c.str('address', 300, n), c.str('postcode', 9, n),
          c.str('priority', 10, { default: "'normal'" }), c.instant('opened_at'), c.instant('due_at'),
          c.str('deadline_state', 10, { default: "'on_time'" }), c.uuid('crew_id', n), c.str('route_date', 10, n), c.int('route_position', n),
          c.instant('planned_start_at', n), c.instant('started_at', n), c.instant('completed_at', n), c.instant('closed_at', n),
          c.str('outcome_reason', 40, n), c.text('outcome_note', n), c.json('quantities'), c.json('waste_data', n), c.json('evidence_flags'),
          c.text('public_summary', n), c.uuid('sweep_id', n), c.uuid('merged_into_id', n), c.instant('created_at'), c.instant('updated_at'),
          c.int('version', { default: 1 }),
        ],
        indices: [
          { name: 'ix_wo_status_category', columnNames: ['status', 'category_code'] },
          { name: 'ix_wo_ward_created', columnNames: ['ward_code', 'created_at'] },
          { name: 'ix_wo_crew_day', columnNames: ['crew_id', 'route_date'] },
          { name: 'ix_wo_due', columnNames: ['due_at'] },
          { name: 'ix_wo_lat', columnNames: ['lat'] },
          { name: 'ix_wo_updated', columnNames: ['updated_at'] },
        ],
      }),
      new Table({
        name: 'work_order_event',
        columns: [
          c.pkSerial(), c.uuid('work_order_id'), c.str('type', 32), c.str('from_status', 24, n), c.str('to_status', 24, n),
          c.uuid('actor_user_id', n), c.str('actor_label', 200), c.text('note', n), c.bool('is_public', false), c.json('data', n),
          c.instant('created_at'),
        ],
        indices: [{ name: 'ix_event_wo', columnNames: ['work_order_id'] }, { name: 'ix_event_created', columnNames: ['created_at'] }],
      }),
      new Table({
        name: 'service_request',
        columns: [
          c.pkUuid(), c.str('reference', 20, { isUnique: true }), c.str('tracking_token', 64, { isUnique: true }), c.str('category_code', 40),
          c.uuid('work_order_id', n), c.str('source', 16), c.uuid('api_client_id', n), c.str('external_id', 100, n), c.float('lat'), c.float('lng'),
          c.str('postcode', 9, n), c.str('address', 300, n), c.text('description', { default: "''" }), c.text('public_summary', n),
          c.json('answers'), c.str('ward_code', 12), c.int('zone'), c.instant('created_at'),
        ],
        indices: [
          { name: 'ix_sr_work_order', columnNames: ['work_order_id'] },
          { name: 'ix_sr_ward_created', columnNames: ['ward_code', 'created_at'] },
          { name: 'ix_sr_created', columnNames: ['created_at'] },
          { name: 'ix_sr_external', columnNames: ['api_client_id', 'external_id'] },
        ],
      }),
      new Table({
        name: 'request_contact',
        columns: [c.uuid('request_id', { isPrimary: true }), c.str('name', 200, n), c.str('email', 320, n), c.str('phone', 40, n)],
      }),
      new Table({
        name: 'photo',
        columns: [
          c.pkUuid(), c.str('owner_key', 40), c.uuid('work_order_id', n), c.uuid('request_id', n), c.str('kind', 10), c.str('sha256', 64),
          c.str('mime', 40), c.int('width'), c.int('height'), c.int('bytes'), c.instant('taken_at', n), c.float('gps_lat', n),
          c.float('gps_lng', n), c.json('flags'), c.uuid('uploaded_by', n), c.instant('created_at'),
        ],
        uniques: [{ name: 'uq_photo_owner_sha', columnNames: ['owner_key', 'sha256'] }],
        indices: [{ name: 'ix_photo_wo', columnNames: ['work_order_id'] }, { name: 'ix_photo_sr', columnNames: ['request_id'] }],
      }),
      new Table({
        name: 'api_client',
        columns: [
          c.pkUuid(), c.str('name', 200), c.str('key_prefix', 16), c.str('key_hash', 64, { isUnique: true }), c.instant('created_at'),
          c.instant('revoked_at', n), c.instant('last_used_at', n),
        ],
      }),
      new Table({
        name: 'job_run',
        columns: [
          c.pkSerial(), c.str('job_name', 60), c.instant('slot'), c.str('status', 12), c.str('instance', 80), c.instant('started_at'),
          c.instant('finished_at', n), c.int('duration_ms', n), c.text('summary', n), c.text('error', n),
        ],
        uniques: [{ name: 'uq_job_run_slot', columnNames: ['job_name', 'slot'] }],
      }),
      new Table({
        name: 'http_session',
        columns: [c.str('sid', 128, { isPrimary: true }), c.text('data'), c.instant('expires_at')],
        indices: [{ name: 'ix_session_expires', columnNames: ['expires_at'] }],
      }),
      new Table({
        name: 'idempotency_record',
        columns: [
          c.str('key', 100, { isPrimary: true }), c.str('principal', 40, { isPrimary: true }), c.str('request_hash', 64),
          c.int('status_code'), c.text('response_body'), c.instant('created_at'),
        ],
      }),
      new Table({ name: 'setting', columns: [c.str('key', 80, { isPrimary: true }), c.json('value'), c.instant('updated_at')] }),
    ];
    for (const t of tables) await q.createTable(t, true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'setting', 'idempotency_record', 'http_session', 'job_run', 'api_client', 'photo', 'request_contact', 'service_request',
      'work_order_event', 'work_order', 'crew', 'ward_subscription', 'app_user', 'category', 'postcode', 'zone', 'ward',
    ]) {
      await q.dropTable(name, true);
    }
  }
}

