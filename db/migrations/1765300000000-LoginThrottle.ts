import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Failed-login counts per (account, address) pair, account, address and
 * known device, replacing in-memory rate limits that one attacker could use
 * to lock an account's owner, or a whole office behind one address, out.
 */
export class LoginThrottle1765300000000 implements MigrationInterface {
  name = 'LoginThrottle1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          c.str('throttle_key', 80, { isPrimary: true }),
          c.int('failures'),
          c.instant('window_start'),
          c.instant('last_failure_at'),
          c.instant('notified_at', c.nullable),
        ],
        indices: [{ name: 'ix_login_throttle_last_failure', columnNames: ['last_failure_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_throttle');
  }
}
