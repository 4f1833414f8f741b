import { z } from 'zod';
import type { Services } from '../composition-root.js';
import { defineRoute, type RouteDef } from '../http/route.js';

export function apiClientRoutes(deps: Services): RouteDef[] {
  return [
    defineRoute({ id: 'apiClients.list', method: 'get', path: '/api/api-clients', summary: 'Partner API keys (never the keys themselves)', tags: ['admin'], handler: () => deps.apiClients.list() }),
    defineRoute({
      id: 'apiClients.create', method: 'post', path: '/api/api-clients', summary: 'Create a partner API key; the key is shown only in this answer', tags: ['admin'],
      body: z.object({ name: z.string().trim().min(2).max(200) }), status: 201,
      handler: ({ body }) => deps.apiClients.create(body.name),
    }),
    defineRoute({
      id: 'apiClients.revoke', method: 'post', path: '/api/api-clients/:id/revoke', summary: 'Revoke a partner API key', tags: ['admin'],
      params: z.object({ id: z.string().min(1).max(40) }),
      handler: ({ params }) => deps.apiClients.revoke(params.id),
    }),
  ];
}
