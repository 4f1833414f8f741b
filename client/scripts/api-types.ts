/**
 * The client's API types, generated from the server's OpenAPI document so the
 * two cannot disagree: `npm run gen:api-types` writes client/src/api/schema.d.ts,
 * and test/unit/api-types.test.ts fails when the committed file is stale.
 *
 * The document is built in-process from the same route list the app mounts.
 * Route factories only read `config` while the list is built (handlers run per
 * request), so every other service is a stand-in that is never called: no
 * database is opened.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsrfSync } from 'csrf-sync';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import type { Services } from '../../server/composition-root.js';
import { loadConfig } from '../../server/config.js';
import { buildOpenApiDocument } from '../../server/http/openapi.js';
import { allRoutes } from '../../server/routes.js';

export const API_TYPES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/api/schema.d.ts');

/** Any property, call or construction yields another stand-in; never a thenable, so nothing awaits it by mistake. */
function standIn(): never {
  const target = function () {};
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy as never;
}

export function apiDocument(): OpenAPI3 {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: os.tmpdir(), SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', CRON_ENABLED: 'false' });
  const services = new Proxy({ config } as Partial<Services>, {
    get: (t, key) => (key in t ? t[key as keyof Services] : standIn()),
  }) as Services;
  const routes = allRoutes(services, standIn() as CsrfSync);
  return buildOpenApiDocument(routes, { title: 'Kerbside API', version: '0.1.0' }) as unknown as OpenAPI3;
}

export async function generateApiTypes(): Promise<string> {
  return openapiTS(apiDocument(), {
    commentHeader: '/**\n * Generated from the server\'s OpenAPI document by `npm run gen:api-types`. Do not edit.\n */\n\n',
  });
}
