import { pino, type Logger } from 'pino';

/**
 * Reporters' names, emails and phones must never reach a log line; the
 * redaction paths cover request bodies and anything we log about a request.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.phone',
  '*.name',
  '*.first_name',
  '*.last_name',
  'contact',
  '*.contact',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'kerbside' } });
}
