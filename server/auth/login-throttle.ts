/**
 * Slows password guessing without letting an attacker lock real users out
 * (OWASP Authentication Cheat Sheet: throttle per account and address, device
 * cookies, tell the user):
 *
 * - an (account, address) pair may fail `pairFailures` times, then must wait
 *   before each further attempt: 1 s, then doubling up to 15 minutes;
 * - an account, counted over every device it has never logged in from, may
 *   fail `accountFailures` times before those devices wait the same way; at
 *   that point its owner is emailed, once per run of failures;
 * - an address may fail `addressFailures` times over all accounts (loose
 *   enough for an office behind one NAT) before it waits;
 * - a browser the account has logged in from before (a known-device cookie)
 *   skips all three and is throttled only on its own failures, so an attack
 *   on an account never stops its owner's own device.
 *
 * A run of failures ends after an hour without one. Successful logins are not
 * counted; one clears its own pair (or device). A refused attempt is not
 * checked, so a right password during a wait is refused too.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { LoginThrottleRepository } from './login-throttle.repository.js';
import type { LoginThrottleRow } from './login-throttle.entity.js';

export interface LoginLimits {
  readonly accountFailures: number;
  readonly pairFailures: number;
  readonly addressFailures: number;
}

/** Tells an account's owner that it is under attack (`failures` since `since`). */
export type LoginAttackAlert = (email: string, failures: number, since: string) => Promise<void>;

export const FIRST_WAIT_MS = 1000;
export const MAX_WAIT_MS = 15 * 60_000;
export const QUIET_RESET_MS = 60 * 60_000;

/** Who is trying: the email typed, the client's address, and the known-device nonce its cookie holds for that email. */
export interface LoginClient {
  email: string;
  address: string;
  deviceNonce: string | null;
}

export interface LoginAttempt {
  /** The password was wrong (or the account unknown): count it. */
  failed(): Promise<void>;
  /** The password was right: clear this pair's (or device's) count. */
  succeeded(): Promise<void>;
}

/** 429 LOGIN_RATE_LIMITED; `retryAfterSeconds` is also in the details. */
export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'LOGIN_RATE_LIMITED', `Too many failed logins. Wait ${inWords(retryAfterSeconds)} and try again.`, { retryAfterSeconds });
  }
}

function key(kind: 'pair' | 'account' | 'address' | 'device', ...parts: string[]): string {
  return `${kind}:${createHash('sha256').update(parts.join('\n')).digest('hex')}`;
}

/** Until when (epoch ms) a key with this row must wait; 0 when it need not. */
export function waitUntil(row: LoginThrottleRow | undefined, freeFailures: number, now: number): number {
  if (!row || row.failures < freeFailures) return 0;
  const last = Date.parse(row.lastFailureAt);
  if (last < now - QUIET_RESET_MS) return 0;
  return last + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (row.failures - freeFailures));
}

function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export class LoginThrottle {
  private lastPruneAt = 0;

  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly clock: Clock,
    private readonly limits: LoginLimits,
    private readonly alert: LoginAttackAlert,
    private readonly logger: Logger,
  ) {}

  /** Throws LoginThrottledError when this client must wait; else the attempt to report back on. */
  async begin(client: LoginClient): Promise<LoginAttempt> {
    const email = client.email.trim().toLowerCase();
    const { address, deviceNonce } = client;
    const accountKey = key('account', email);
    const checks: [string, number][] = deviceNonce
      ? [[key('device', deviceNonce), this.limits.pairFailures]]
      : [
          [key('pair', email, address), this.limits.pairFailures],
          [accountKey, this.limits.accountFailures],
          [key('address', address), this.limits.addressFailures],
        ];

    const rows = await this.repo.find(checks.map(([k]) => k));
    const now = this.clock.now().getTime();
    const until = Math.max(0, ...checks.map(([k, free]) => waitUntil(rows.find((r) => r.throttleKey === k), free, now)));
    if (until > now) throw new LoginThrottledError(Math.ceil((until - now) / 1000));

    return {
      failed: async () => {
        const at = this.clock.now();
        const quietSince = new Date(at.getTime() - QUIET_RESET_MS).toISOString();
        // Runs that have ended count for nothing: forget them, at most once a quiet hour per process.
        if (at.getTime() - this.lastPruneAt > QUIET_RESET_MS) {
          this.lastPruneAt = at.getTime();
          await this.repo.prune(quietSince);
        }
        const counted = await Promise.all(checks.map(([k]) => this.repo.recordFailure(k, at.toISOString(), quietSince)));
        const account = counted.find((r) => r.throttleKey === accountKey);
        if (account && account.failures >= this.limits.accountFailures && (await this.repo.claimNotification(accountKey, at.toISOString()))) {
          await this.alert(email, account.failures, account.windowStart).catch((e: unknown) => this.logger.error({ err: e }, 'could not send the login attack alert'));
        }
      },
      succeeded: async () => {
        await this.repo.clear(checks[0]![0]);
      },
    };
  }
}
