import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { ApiClientService } from './api-client.service.js';

export interface ApiClientRouteDeps {
  apiClients: ApiClientService;
}

export function apiClientRoutes(s: ApiClientRouteDeps): RouteDef[] {
  return [
    defineRoute({ id: 'apiClients.list', method: 'get', path: '/api/api-clients', summary: 'Partner API keys (never the keys themselves)', tags: ['admin'], handler: () => s.apiClients.list() }),
    defineRoute({
      id: 'apiClients.create', method: 'post', path: '/api/api-clients', summary: 'Create a partner API key; the key is shown only in this answer', tags: ['admin'],
      body: z.object({ name: z.string().trim().min(2).max(200) }), status: 201,
      handler: ({ body }) => s.apiClients.create(body.name),
    }),
    defineRoute({
      id: 'apiClients.revoke', method: 'post', path: '/api/api-clients/:id/revoke', summary: 'Revoke a partner API key', tags: ['admin'],
      params: z.object({ id: z.string().min(1).max(40) }),
      handler: ({ params }) => s.apiClients.revoke(params.id),
    }),
  ];
}
