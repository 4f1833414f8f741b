/**
 * Open311 GeoReport v2 under /open311/v2 (FixMyStreet is given the base URL
 * `…/open311/v2/` and appends `services.xml`, `requests.xml`…). Not part of
 * the JSON API: it has its own key check (`api_key`), its own formats and its
 * own error document, so every path below it, known or not, answers in
 * Open311's shape and never as HTML or `{error:{…}}`.
 */
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { nulCharacterAt } from '../http/route.js';
import type { Open311UpdatesService } from './open311-updates.service.js';
import { formatOf, Open311Error, sendOpen311, sendOpen311Error, toOpen311Error, XmlList, type Open311Format } from './open311.format.js';
import type { Params } from './open311.params.js';
import type { Open311Service } from './open311.service.js';

export const OPEN311_BASE_PATH = '/open311/v2';

/** `services/fly-tipping.xml` → resource "services", id "fly-tipping", extension "xml". */
const PATH = /^\/([a-z]+)(?:\/([^/]+?))?(?:\.([^./]*))?$/i;

interface Parsed {
  resource: string;
  id: string | null;
  format: Open311Format;
}

function parsePath(req: Request): Parsed {
  const format = formatOf(req.path);
  const m = PATH.exec(req.path);
  if (!m) throw new Open311Error(404, `There is no Open311 resource at ${req.baseUrl}${req.path.slice(0, 100)}.`);
  const [, resource, rawId, extension] = m;
  if (extension === undefined) throw new Open311Error(404, `Add a format to the path: ${req.baseUrl}/${resource}${rawId ? `/${rawId}` : ''}.xml or .json.`);
  if (extension.toLowerCase() !== 'xml' && extension.toLowerCase() !== 'json') {
    throw new Open311Error(400, `Unsupported format ".${extension.slice(0, 10)}": use .xml or .json.`);
  }
  let id: string | null = null;
  if (rawId !== undefined) {
    try {
      id = decodeURIComponent(rawId);
    } catch {
      throw new Open311Error(400, 'The id in the path is not valid.');
    }
    if (id.includes('\u0000')) throw new Open311Error(400, 'The id in the path is not valid.');
  }
  return { resource: resource.toLowerCase(), id, format };
}

function paramsOf(req: Request): Params {
  const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Params) : {};
  const params = { ...(req.query as Params), ...body };
  // PostgreSQL's text cannot hold a NUL character (route.ts refuses it on every other route the same way).
  const at = nulCharacterAt(params);
  if (at !== null) throw new Open311Error(400, `${at} may not contain the NUL character (\\u0000).`);
  return params;
}

function bearerClient(req: Request): { id: string; name: string } | null {
  return req.principal?.kind === 'partner' ? req.principal.client : null;
}

function apiKeyOf(params: Params): string | undefined {
  const key = params.api_key;
  if (key === undefined || key === '') return undefined;
  if (typeof key !== 'string') throw new Open311Error(400, 'api_key must be given once.');
  return key;
}

function methodNotAllowed(req: Request, allowed: string): never {
  throw new Open311Error(400, `${req.method} is not supported on ${req.baseUrl}${req.path.slice(0, 100)}; use ${allowed}.`);
}

export interface Open311RouteDeps {
  open311: Open311Service;
  open311Updates: Pick<Open311UpdatesService, 'updates' | 'postUpdate'>;
  logger: Logger;
}

export function open311Router(deps: Pick<Open311RouteDeps, 'open311' | 'open311Updates'>): RequestHandler {
  const { open311, open311Updates } = deps;
  const router = express.Router();

  router.use(async (req: Request, res: Response) => {
    const { resource, id, format } = parsePath(req);
    const params = paramsOf(req);
    open311.checkJurisdiction(params.jurisdiction_id);
    const isGet = req.method === 'GET' || req.method === 'HEAD';

    switch (resource) {
      case 'discovery':
        if (id !== null) break;
        if (!isGet) methodNotAllowed(req, 'GET');
        return sendOpen311(res, format, 200, 'discovery', open311.discovery());
      case 'services':
        if (!isGet) methodNotAllowed(req, 'GET');
        if (id === null) return sendOpen311(res, format, 200, 'services', await open311.services());
        return sendOpen311(res, format, 200, 'service_definition', await open311.serviceDefinition(id));
      case 'requests':
        if (id !== null) {
          if (!isGet) methodNotAllowed(req, 'GET');
          return sendOpen311(res, format, 200, 'service_requests', await open311.request(id));
        }
        if (isGet) return sendOpen311(res, format, 200, 'service_requests', await open311.requests(params));
        if (req.method !== 'POST') methodNotAllowed(req, 'GET or POST');
        {
          const client = await open311.partner(apiKeyOf(params), bearerClient(req));
          const created = await open311.submit(params, client);
          return sendOpen311(res, format, 200, 'service_requests', new XmlList('request', [
            { service_request_id: created.serviceRequestId, service_notice: created.serviceNotice, account_id: null },
          ]));
        }
      case 'servicerequestupdates': {
        if (id !== null) break;
        const client = await open311.partner(apiKeyOf(params), bearerClient(req));
        if (isGet) return sendOpen311(res, format, 200, 'service_request_updates', await open311Updates.updates(params));
        if (req.method !== 'POST') methodNotAllowed(req, 'GET or POST');
        const updateId = await open311Updates.postUpdate(params, client);
        return sendOpen311(res, format, 200, 'service_request_updates', new XmlList('request_update', [{ update_id: updateId }]));
      }
      case 'tokens':
        // Requests are created synchronously and answered with their id, so no token is ever handed out.
        if (!isGet || id === null) break;
        throw new Open311Error(404, `Unknown token "${id.slice(0, 60)}": this endpoint returns service_request_id directly.`);
    }
    throw new Open311Error(404, `There is no Open311 resource at ${req.baseUrl}${req.path.slice(0, 100)}.`);
  });
  return router;
}

/**
 * Renders failures under /open311/v2 as Open311 errors, including those
 * raised before the router runs (a body that does not parse, a bad Bearer
 * key). Mounted as its own entry after the router for that reason.
 */
export function open311ErrorHandler(deps: Pick<Open311RouteDeps, 'logger'>): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toOpen311Error(err);
    if (error.status >= 500) deps.logger.error({ err, requestId: req.id }, 'open311: unexpected error');
    if (res.headersSent) return;
    sendOpen311Error(res, formatOf(req.path), error);
  };
}

/** What server/routes.ts mounts: the router, then its error renderer at the same path. */
export function open311Mounts(deps: Open311RouteDeps): { path: string; router: RequestHandler }[] {
  return [
    { path: OPEN311_BASE_PATH, router: open311Router(deps) },
    // Express tells error handlers apart by their four parameters; the mount list is typed for plain handlers.
    { path: OPEN311_BASE_PATH, router: open311ErrorHandler(deps) as unknown as RequestHandler },
  ];
}
