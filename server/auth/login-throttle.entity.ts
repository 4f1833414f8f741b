import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * Failed logins counted per key: an (account, address) pair, an account as
 * seen from devices it has not logged in from, an address, or one known
 * device. Keys are hashed (`pair:<sha256>`), so the table holds no emails or
 * addresses. Kept in the database like the sessions, so every instance and a
 * restart see the same counts.
 */
export interface LoginThrottleRow {
  throttleKey: string;
  failures: number;
  /** When the current run of failures began (a run ends after a quiet hour). */
  windowStart: string;
  lastFailureAt: string;
  /** When the account's owner was last told it is being attacked. */
  notifiedAt: string | null;
}

export const LoginThrottleEntity = new EntitySchema<LoginThrottleRow>({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  columns: {
    throttleKey: col.str(80, { primary: true, name: 'throttle_key' }),
    failures: col.int(),
    windowStart: col.instant({ name: 'window_start' }),
    lastFailureAt: col.instant({ name: 'last_failure_at' }),
    notifiedAt: col.instant({ name: 'notified_at', nullable: true }),
  },
});
