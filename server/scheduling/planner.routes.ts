/** Route plans: make a draft for a day, look at it, publish it. */
import { z } from 'zod';
import type { CrewService } from '../crews/crew.service.js';
import { actorLabel, actorUserId } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { PlannerService } from './planner.service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const idParams = z.object({ id: z.string().uuid() });

export interface PlannerRouteDeps {
  planner: Pick<PlannerService, 'planDay' | 'list' | 'get' | 'publish'>;
  crews: Pick<CrewService, 'today'>;
}

export function plannerRoutes(deps: PlannerRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'plans.create', method: 'post', path: '/api/plans', summary: "Plan every crew's day for a date (a draft to publish)", tags: ['planner'],
      body: z.object({ date: isoDate.optional() }), status: 201,
      handler: ({ body, principal }) => deps.planner.planDay(body.date ?? deps.crews.today(), { trigger: 'manual', actor: { userId: actorUserId(principal), label: actorLabel(principal) } }),
    }),
    defineRoute({
      id: 'plans.list', method: 'get', path: '/api/plans', summary: 'Plans made for a date, newest first', tags: ['planner'],
      query: z.object({ date: isoDate.optional() }),
      handler: ({ query }) => deps.planner.list(query.date ?? deps.crews.today()),
    }),
    defineRoute({
      id: 'plans.get', method: 'get', path: '/api/plans/:id', summary: 'One plan with its assignments', tags: ['planner'], params: idParams,
      handler: ({ params }) => deps.planner.get(params.id),
    }),
    defineRoute({
      id: 'plans.publish', method: 'post', path: '/api/plans/:id/publish', summary: "Publish a draft plan onto the crews' days", tags: ['planner'], params: idParams,
      handler: ({ params, principal }) => deps.planner.publish(params.id, { userId: actorUserId(principal), label: actorLabel(principal) }),
    }),
  ];
}
