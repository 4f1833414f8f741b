import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import { KnownDevices } from './known-device.js';
import { LoginGuard } from './login-guard.js';
import { refuseCrossSiteLogin } from './login-origin.js';
import { ROLES } from '../users/roles.js';
import { UserService } from '../users/user.service.js';
import type { LoginThrottle } from './login-throttle.js';
import type { CsrfSync } from 'csrf-sync';

export interface AuthRouteDeps {
  config: Pick<Config, 'sessionSecret' | 'publicBaseUrl'>;
  users: Pick<UserService, 'authenticate' | 'wardCodes'>;
  loginThrottle: LoginThrottle;
}

export const sessionUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), crewId: z.string().nullable() });

const loginBody = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(200) });

export function authRoutes(deps: AuthRouteDeps, csrf: CsrfSync): RouteDef[] {
  const loginGuard = new LoginGuard(deps.loginThrottle, new KnownDevices(deps.config.sessionSecret));
  return [
    defineRoute({
      id: 'auth.login',
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with email and password; sets the session cookie',
      tags: ['auth'],
      body: loginBody,
      before: [refuseCrossSiteLogin(deps.config.publicBaseUrl)],
      responses: { 200: { description: 'Logged in', schema: z.object({ user: sessionUserSchema, csrfToken: z.string() }) } },
      handler: async ({ req, res, body }) => {
        const attempt = await loginGuard.begin(req, res, body.email);
        const user = await deps.users.authenticate(body.email, body.password);
        if (!user) {
          await attempt.failed();
          throw new AppError(401, 'INVALID_CREDENTIALS', 'That email and password do not match an active account.');
        }
        await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
        req.session.userId = user.id;
        const csrfToken = csrf.generateToken(req, true);
        // Saved before answering: express-session would otherwise save while the response is already
        // streaming, and a client that acts on the headers could send its next request before the
        // session row exists (seen as a stray 401 right after login on PostgreSQL).
        await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
        await attempt.succeeded();
        return { user: UserService.toSessionUser(user), csrfToken };
      },
    }),
    defineRoute({
      id: 'auth.logout',
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End the session',
      tags: ['auth'],
      handler: async ({ req, res }) => {
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
        res.clearCookie('kerbside.sid');
        return { ok: true };
      },
    }),
    defineRoute({
      id: 'auth.me',
      method: 'get',
      path: '/api/auth/me',
      summary: 'The logged-in user',
      tags: ['auth'],
      responses: { 200: { description: 'Current user', schema: z.object({ user: sessionUserSchema, wardCodes: z.array(z.string()) }) } },
      handler: async ({ principal }) => {
        if (principal.kind !== 'user') throw new AppError(401, 'UNAUTHENTICATED', 'Please log in first.');
        return { user: principal.user, wardCodes: principal.user.role === 'councillor' ? await deps.users.wardCodes(principal.user.id) : [] };
      },
    }),
    defineRoute({
      id: 'auth.csrf',
      method: 'get',
      path: '/api/auth/csrf',
      summary: 'A CSRF token to send as x-csrf-token on cookie-authenticated writes',
      tags: ['auth'],
      responses: { 200: { description: 'Token', schema: z.object({ token: z.string() }) } },
      handler: ({ req }) => ({ token: csrf.generateToken(req) }),
    }),
  ];
}
