/** Recurring sweeps (admins define them) and hotspot suggestions (dispatchers accept or dismiss them). */
import { z } from 'zod';
import { actorLabel, actorUserId, type Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { SweepService } from './sweep.service.js';

const idParams = z.object({ id: z.string().uuid() });
const point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), address: z.string().trim().max(300).nullable().optional() });
const sweepFields = {
  name: z.string().trim().min(1).max(120),
  categoryCode: z.string().min(1).max(40),
  points: z.array(point).min(1).max(50),
  recurrence: z.string().trim().min(9).max(60),
  active: z.boolean().optional(),
};
const actor = (p: Principal) => ({ userId: actorUserId(p), label: actorLabel(p) });

export interface SweepRouteDeps {
  sweeps: Pick<SweepService, 'list' | 'create' | 'update' | 'suggestions' | 'accept' | 'dismiss'>;
}

export function sweepRoutes(deps: SweepRouteDeps): RouteDef[] {
  return [
    defineRoute({ id: 'sweeps.list', method: 'get', path: '/api/sweeps', summary: 'Recurring sweeps', tags: ['sweeps'], handler: () => deps.sweeps.list() }),
    defineRoute({
      id: 'sweeps.create', method: 'post', path: '/api/sweeps', summary: 'Define a recurring sweep (recurrence: 5-field cron, Europe/London)', tags: ['sweeps'],
      body: z.object(sweepFields), status: 201,
      handler: ({ body }) => deps.sweeps.create(body),
    }),
    defineRoute({
      id: 'sweeps.update', method: 'patch', path: '/api/sweeps/:id', summary: 'Change or pause a sweep (send its version)', tags: ['sweeps'],
      params: idParams, body: z.object({ ...z.object(sweepFields).partial().shape, version: z.number().int().positive() }),
      handler: ({ params, body }) => {
        const { version, ...patch } = body;
        return deps.sweeps.update(params.id, version, patch);
      },
    }),
    defineRoute({
      id: 'hotspots.list', method: 'get', path: '/api/hotspots', summary: 'Hotspot suggestions (default: the ones waiting for a decision)', tags: ['sweeps'],
      query: z.object({ status: z.enum(['suggested', 'accepted', 'dismissed']).optional() }),
      handler: ({ query }) => deps.sweeps.suggestions(query.status ?? 'suggested'),
    }),
    defineRoute({
      id: 'hotspots.accept', method: 'post', path: '/api/hotspots/:id/accept', summary: 'Accept a suggestion: it becomes a recurring sweep', tags: ['sweeps'],
      params: idParams, body: z.object({ recurrence: z.string().trim().min(9).max(60), name: z.string().trim().min(1).max(120).optional() }),
      handler: ({ params, body, principal }) => deps.sweeps.accept(params.id, body, actor(principal)),
    }),
    defineRoute({
      id: 'hotspots.dismiss', method: 'post', path: '/api/hotspots/:id/dismiss', summary: 'Dismiss a suggestion', tags: ['sweeps'], params: idParams,
      handler: ({ params, principal }) => deps.sweeps.dismiss(params.id, actor(principal)),
    }),
  ];
}
