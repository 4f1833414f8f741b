import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * What several instances on one PostgreSQL share beyond the business rows:
 * - live_event: every live update, numbered, so a browser's stream that
 *   reconnects to another instance replays what it missed (instances tell
 *   each other of a new row with NOTIFY);
 * - rate_limit_hit: request counts per client and window, so a client cannot
 *   multiply its limit by the number of instances;
 * - job_run.lease_until: a running job renews its lease; a run whose lease has
 *   run out belongs to a dead instance and is taken over.
 * The tables exist on SQLite too (one process there keeps them in memory).
 */
export class SeveralInstances1765700000000 implements MigrationInterface {
  name = 'SeveralInstances1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'live_event',
        columns: [c.pkSerial(), c.instant('created_at'), c.str('origin', 80), c.text('payload')],
        indices: [{ name: 'ix_live_event_created', columnNames: ['created_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rate_limit_hit',
        columns: [c.str('limit_key', 200, { isPrimary: true }), c.int('hits'), c.instant('reset_at')],
      }),
    );
    await q.createIndex('rate_limit_hit', new TableIndex({ name: 'ix_rate_limit_reset', columnNames: ['reset_at'] }));
    await q.addColumn('job_run', new TableColumn(c.instant('lease_until', c.nullable)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('job_run', 'lease_until');
    await q.dropTable('rate_limit_hit');
    await q.dropTable('live_event');
  }
}
