import { pino } from 'pino';

export const quietLogger = pino({ level: 'silent' });
/** Demo accounts in the template use this password. */
export const TEST_PASSWORD = 'kerbside-test-pw';
/** A Tuesday in late November 2026, 10:00 London (= UTC in winter). */
export const TEST_START = '2026-11-24T10:00:00.000Z';
export const KENSINGTON = 'E05000899';
/** Sheil Road, Kensington and Fairfield. */
export const SHEIL_ROAD = { lat: 53.4142, lng: -2.9448 };

export function testConfigEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    DEMO_PASSWORD: TEST_PASSWORD,
    LOG_LEVEL: 'silent',
    CRON_ENABLED: 'false',
    ...extra,
  };
}
