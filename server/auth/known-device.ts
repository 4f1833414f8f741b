/**
 * "Known device" cookies (OWASP's device cookies): after a successful login
 * the browser keeps a signed token naming that account, so a later login to
 * the same account from it is recognised as its owner's device and is not
 * slowed down by failures that other devices cause. One cookie holds the
 * entries of the last few accounts used on the device (crews share tablets).
 * An entry is `<account hash>.<nonce>.<HMAC>`: no email in the cookie, and
 * only the server can mint one. httpOnly, SameSite=Strict, and sent only to
 * the login route.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const DEVICE_COOKIE = 'kerbside.device';
const COOKIE_PATH = '/api/auth/login';
const MAX_ENTRIES = 8;
const MAX_AGE_MS = 180 * 24 * 3600_000;

function accountHash(email: string): string {
  return createHash('sha256').update(`known-device-account:${email}`).digest('base64url').slice(0, 16);
}

export class KnownDevices {
  constructor(private readonly secret: string) {}

  private sign(email: string, nonce: string): string {
    return createHmac('sha256', this.secret).update(`known-device:${email}:${nonce}`).digest('base64url');
  }

  private entries(req: Request): string[] {
    const header = req.headers.cookie ?? '';
    const m = new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE.replace('.', '\\.')}=([^;]*)`).exec(header);
    if (!m) return [];
    return decodeURIComponent(m[1]!).split('~').filter(Boolean).slice(0, MAX_ENTRIES);
  }

  /** The nonce identifying this browser as a device `email` has logged in from, or null. */
  nonceFor(req: Request, email: string): string | null {
    const id = accountHash(email);
    for (const entry of this.entries(req)) {
      const [entryId, nonce, sig] = entry.split('.');
      if (entryId !== id || !nonce || !sig) continue;
      const expected = Buffer.from(this.sign(email, nonce));
      const given = Buffer.from(sig);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return nonce;
    }
    return null;
  }

  /** After a successful login: this browser is now a known device for `email` (most recent account first). */
  remember(req: Request, res: Response, email: string): void {
    const id = accountHash(email);
    const nonce = randomBytes(16).toString('base64url');
    const others = this.entries(req).filter((e) => !e.startsWith(`${id}.`));
    const value = [`${id}.${nonce}.${this.sign(email, nonce)}`, ...others].slice(0, MAX_ENTRIES).join('~');
    res.cookie(DEVICE_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: COOKIE_PATH, maxAge: MAX_AGE_MS });
  }
}
