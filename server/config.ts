/**
 * The one place that reads process.env. Everything else receives a frozen,
 * typed Config. Every problem is reported at once so an operator fixes the
 * environment in one go instead of one restart per typo.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HttpTimeouts } from './http/server-timeouts.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite file)')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  TRUST_PROXY: bool.default(false),
  /** Unset: the address the server listens on (HOST, or localhost for every interface, and PORT). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  TZ: z.string().default('Europe/London'),
  COUNCIL_NAME: z.string().default('Liverpool City Council'),
  DEFAULT_ZONE: z.coerce.number().int().min(1).max(4).default(2),
  AT_RISK_SHARE: z.coerce.number().gt(0).lt(1).default(0.25),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_IGNORE_TLS: bool.default(false),
  MAIL_FROM: z.string().default('Kerbside <no-reply@kerbside.test>'),
  SEED_DEMO: bool.default(true),
  DEMO_PASSWORD: z.string().min(8).default('kerbside-demo'),
  DEMO_API_KEY: z.string().min(16).optional(),
  PHOTO_MAX_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  UPLOAD_MEMORY_MB: z.coerce.number().int().min(0).default(96),
  PHOTO_MAX_PIXELS: z.coerce.number().int().positive().default(100_000_000),
  EVIDENCE_MAX_DISTANCE_M: z.coerce.number().positive().default(150),
  EVIDENCE_MAX_AGE_MINUTES: z.coerce.number().positive().default(120),
  OPEN311_JURISDICTION_ID: z.string().optional(),
  CRON_ENABLED: bool.default(true),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_PER_15MIN: z.coerce.number().int().positive().default(20),
  LOGIN_PAIR_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_ADDRESS_FAILURES: z.coerce.number().int().positive().default(100),
  REPORT_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().default(15),
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().default(5),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly sessionSecret: string;
  readonly sessionMaxAgeMs: number;
  readonly trustProxy: boolean;
  readonly publicBaseUrl: string;
  readonly map: { readonly tileUrl: string; readonly attribution: string };
  readonly timeZone: string;
  readonly councilName: string;
  readonly defaultZone: 1 | 2 | 3 | 4;
  readonly atRiskShare: number;
  readonly smtp: { readonly host: string; readonly port: number; readonly secure: boolean; readonly user?: string; readonly pass?: string; readonly ignoreTLS: boolean } | null;
  readonly mailFrom: string;
  readonly seedDemo: boolean;
  readonly demoPassword: string;
  readonly demoApiKey?: string;
  readonly photos: { readonly maxBytes: number; readonly uploadMemoryBytes: number; readonly maxPixels: number; readonly maxDistanceM: number; readonly maxAgeMinutes: number };
  readonly open311JurisdictionId?: string;
  readonly cronEnabled: boolean;
  /** On SIGTERM: how long /readyz reports 503 while still serving, before the server stops accepting. */
  readonly shutdownDrainMs: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly rateLimits: { readonly loginPer15Min: number; readonly loginPairFailures: number; readonly loginAddressFailures: number; readonly reportsPerMinute: number };
  readonly http: HttpTimeouts;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment. Pure except for the demo session secret, which is kept under DATA_DIR. */
/** Where a browser on this machine reaches the server: a wildcard HOST is reached as localhost. */
export function listeningUrl(host: string, port: number): string {
  const h = ['0.0.0.0', '::', '', '[::]'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production');
  if (e.NODE_ENV === 'production' && e.SEED_DEMO && !source.SEED_DEMO) {
    // A production install must say out loud that it wants demo users.
    problems.push('SEED_DEMO: set it to false (or explicitly true) when NODE_ENV=production');
  }
  if (e.HEADERS_TIMEOUT_SECONDS > e.REQUEST_TIMEOUT_SECONDS) problems.push('HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS');
  if (e.SMTP_USER && !e.SMTP_HOST) problems.push('SMTP_USER: set SMTP_HOST too, or remove SMTP_USER');
  if (!Intl.supportedValuesOf('timeZone').includes(e.TZ) && e.TZ !== 'UTC') problems.push(`TZ: unknown time zone "${e.TZ}"`);
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const sessionSecret = e.SESSION_SECRET ?? demoSessionSecret(dataDir);

  return Object.freeze({
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, file: path.join(dataDir, 'kerbside.sqlite') },
    sessionSecret,
    sessionMaxAgeMs: e.SESSION_MAX_AGE_HOURS * 3600_000,
    trustProxy: e.TRUST_PROXY,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? listeningUrl(e.HOST, e.PORT)).replace(/\/$/, ''),
    map: { tileUrl: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION },
    timeZone: e.TZ,
    councilName: e.COUNCIL_NAME,
    defaultZone: e.DEFAULT_ZONE as 1 | 2 | 3 | 4,
    atRiskShare: e.AT_RISK_SHARE,
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, pass: e.SMTP_PASS, ignoreTLS: e.SMTP_IGNORE_TLS }
      : null,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    demoPassword: e.DEMO_PASSWORD,
    demoApiKey: e.DEMO_API_KEY,
    photos: { maxBytes: e.PHOTO_MAX_BYTES, uploadMemoryBytes: e.UPLOAD_MEMORY_MB * 1024 * 1024, maxPixels: e.PHOTO_MAX_PIXELS, maxDistanceM: e.EVIDENCE_MAX_DISTANCE_M, maxAgeMinutes: e.EVIDENCE_MAX_AGE_MINUTES },
    open311JurisdictionId: e.OPEN311_JURISDICTION_ID,
    cronEnabled: e.CRON_ENABLED,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    rateLimits: { loginPer15Min: e.LOGIN_RATE_PER_15MIN, loginPairFailures: e.LOGIN_PAIR_FAILURES, loginAddressFailures: e.LOGIN_ADDRESS_FAILURES, reportsPerMinute: e.REPORT_RATE_PER_MINUTE },
    http: { requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000, headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS * 1000, keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_SECONDS * 1000 },
  });
}

/** Demo installs get a random secret that survives restarts, so sessions do too. */
/**
 * The demo's session secret, made once per data folder. Instances started together on one shared
 * folder must agree on it (else a login on one is refused by the other): each writes a candidate to
 * a file of its own and links it into place, which succeeds for exactly one; the others read the winner.
 */
function demoSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const candidate = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(candidate, randomBytes(32).toString('hex'), { mode: 0o600, flush: true });
  try {
    linkSync(candidate, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(candidate, { force: true });
  }
  return readFileSync(file, 'utf8').trim();
}
