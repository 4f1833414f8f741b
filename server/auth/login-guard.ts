/**
 * The login route's HTTP side of the throttle: reads the client's address
 * and known-device cookie, answers a refusal with Retry-After, and after a
 * successful login makes the browser a known device for that account.
 */
import type { Request, Response } from 'express';
import type { KnownDevices } from './known-device.js';
import { LoginThrottledError, type LoginAttempt, type LoginThrottle } from './login-throttle.js';

export class LoginGuard {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly devices: KnownDevices,
  ) {}

  async begin(req: Request, res: Response, emailInput: string): Promise<LoginAttempt> {
    const email = emailInput.trim().toLowerCase();
    let attempt: LoginAttempt;
    try {
      attempt = await this.throttle.begin({ email, address: req.ip ?? req.socket.remoteAddress ?? 'unknown', deviceNonce: this.devices.nonceFor(req, email) });
    } catch (e) {
      if (e instanceof LoginThrottledError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    return {
      failed: () => attempt.failed(),
      succeeded: async () => {
        await attempt.succeeded();
        this.devices.remember(req, res, email);
      },
    };
  }
}
