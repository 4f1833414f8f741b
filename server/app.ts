/**
 * createApp(deps) builds the Express app and nothing else: no listen, no
 * cron. main.ts listens; tests drive the app through supertest.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import { csrfSync } from 'csrf-sync';
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { authenticate } from './auth/authenticate.js';
import type { Services } from './composition-root.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { buildOpenApiDocument, DOCS_SCRIPT_PATH, docsPage, docsScript } from './http/openapi.js';
import { requestLog } from './http/request-log.js';
import { mountRoutes } from './http/route.js';
import { allRoutes, extraRouters } from './routes.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Built client: client/dist beside the sources (tsx) or beside dist/ (compiled). */
export function clientDistDir(): string | null {
  for (const candidate of [path.resolve(here, '../client/dist'), path.resolve(here, '../../client/dist')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

export interface AppExtras {
  /** Routers that do not speak the JSON API (Open311 XML, SSE streams), mounted before the API 404. */
  routers?: { path: string; router: RequestHandler }[];
}

const SESSION_COOKIE = 'kerbside.sid';

export function createApp(deps: Services, extras: AppExtras = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.trustProxy) app.set('trust proxy', 1);

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });
  app.use(requestLog(deps.logger, { ignore: (p) => p === '/healthz' || p === '/readyz' }));
  // While draining before a stop, every answer closes its connection, so a client (or the balancer)
  // opens its next request on a fresh connection, which the balancer sends to another instance.
  app.use((_req, res, next) => {
    if (deps.lifecycle.draining) res.setHeader('Connection', 'close');
    next();
  });

  const tileOrigin = safeOrigin(deps.config.map.tileUrl);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
          'style-src': ["'self'", "'unsafe-inline'"], // Leaflet positions tiles with inline styles
          'script-src': ["'self'"],
          'connect-src': ["'self'"],
          'worker-src': ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Crews work on poor mobile signal: compress text, but never an SSE stream (it would be held back in the buffer).
  app.use(
    compression({
      filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
    }),
  );

  // Built client files before sessions: an asset needs no session row read or rewritten,
  // and a rolling-session cookie on an asset response cannot race a fresh login's cookie.
  const dist = clientDistDir();
  if (dist) app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: noCacheForShell }));

  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: true, limit: '256kb' }));
  const sessions = session({
    name: SESSION_COOKIE,
    secret: deps.config.sessionSecret,
    store: deps.sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: deps.config.trustProxy,
    cookie: { httpOnly: true, sameSite: 'lax', secure: deps.config.trustProxy ? 'auto' : false, maxAge: deps.config.sessionMaxAgeMs },
  });
  // A request without our cookie has no session to load, and only the auth routes (login, csrf token)
  // start one; skipping the middleware spares residents' reports and partners' calls a session id, a
  // signature and a hooked response each.
  const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE.replace(/\./g, '\\.')}=`);
  app.use((req, res, next) => {
    if (req.path.startsWith('/api/auth/') || sessionCookie.test(req.headers.cookie ?? '')) return sessions(req, res, next);
    next();
  });
  app.use(authenticate(deps));

  const csrf = csrfSync({
    getTokenFromRequest: (req) => req.headers['x-csrf-token'] as string | undefined,
    // Only a logged-in cookie session carries ambient authority worth forging.
    skipCsrfProtection: (req) => req.principal.kind !== 'user' || req.path === '/api/auth/login',
    errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
  });
  app.use(csrf.csrfSynchronisedProtection);

  const routes = allRoutes(deps, csrf);
  const api = express.Router();
  mountRoutes(api, routes);
  app.use(api);

  let openApiDoc: unknown;
  app.get('/api/openapi.json', (_req, res) => {
    openApiDoc ??= buildOpenApiDocument(routes, { title: 'Kerbside API', version: '0.1.0', description: 'Street-cleansing work orders.' });
    res.json(openApiDoc);
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  app.get(DOCS_SCRIPT_PATH, (_req, res) => void res.type('js').send(docsScript()));

  for (const r of [...extraRouters(deps), ...(extras.routers ?? [])]) app.use(r.path, r.router);
  app.use('/api', apiNotFound);

  if (dist) {
    // Client-side routes: the crew tablet app under /crew, the office and public app everywhere else.
    const shell = (file: string): RequestHandler => (req, res, next) => {
      // A missing file (a stale /assets/x.css after a rebuild) is a 404, not the app shell in disguise.
      if (!req.accepts('html') || path.extname(req.path) || !existsSync(path.join(dist, file))) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dist, file));
    };
    app.get(['/crew', '/crew/{*splat}'], shell('crew.html'));
    app.get('/{*splat}', shell('index.html'));
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send('<!doctype html><title>Kerbside</title><p>The web client is not built. Run <code>npm run build</code>.</p><p><a href="/api/docs">API documentation</a></p>');
    });
  }

  app.use(errorHandler(deps.logger));
  return app;
}

function noCacheForShell(res: express.Response, file: string): void {
  if (/\b(index\.html|sw\.js|manifest\.webmanifest|registerSW\.js)$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    return null;
  }
}
