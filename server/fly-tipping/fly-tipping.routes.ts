/** The office records a fly-tip's enforcement actions and corrects its Defra fields from the job page. */
import { z } from 'zod';
import { ENFORCEMENT_ACTIONS, FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES } from '../categories/defra.js';
import { actorLabel, actorUserId, type Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { FlyTippingService } from './fly-tipping.service.js';

const keysOf = (list: { key: string }[]) => list.map((o) => o.key) as [string, ...string[]];
const idParams = z.object({ id: z.string().uuid() });
const version = z.number().int().min(1);
const actorOf = (p: Principal) => ({ userId: actorUserId(p), label: actorLabel(p) });

const actionSchema = z.object({ id: z.string(), action: z.string(), actionLabel: z.string(), takenOn: z.string(), recordedBy: z.string(), createdAt: z.string() });
const actionsResponse = z.object({ version: z.number().int(), actions: z.array(actionSchema) });

export interface FlyTippingRouteDeps {
  flyTipping: Pick<FlyTippingService, 'actionsOf' | 'recordAction' | 'removeAction' | 'correctFields'>;
}

export function flyTippingRoutes(deps: FlyTippingRouteDeps): RouteDef[] {
  const listed = async (id: string, v: number) => ({ version: v, actions: await deps.flyTipping.actionsOf(id) });
  return [
    defineRoute({
      id: 'flyTips.actions', method: 'get', path: '/api/work-orders/:id/enforcement-actions', tags: ['fly-tipping'],
      summary: 'Enforcement actions recorded on a fly-tip, in the order they were taken', params: idParams,
      responses: { 200: { description: 'The actions', schema: z.array(actionSchema) } },
      handler: ({ params }) => deps.flyTipping.actionsOf(params.id),
    }),
    defineRoute({
      id: 'flyTips.recordAction', method: 'post', path: '/api/work-orders/:id/enforcement-actions', tags: ['fly-tipping'],
      summary: 'Record an enforcement action (Defra’s list) taken on a date; counted in that month’s WasteDataFlow return', params: idParams,
      body: z.object({ version, action: z.enum(keysOf(ENFORCEMENT_ACTIONS)), takenOn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD') }),
      status: 201,
      responses: { 201: { description: 'The work order’s new version and its actions', schema: actionsResponse } },
      handler: async ({ params, body, principal }) => {
        const { workOrder } = await deps.flyTipping.recordAction(params.id, body, actorOf(principal));
        return listed(params.id, workOrder.version);
      },
    }),
    defineRoute({
      id: 'flyTips.removeAction', method: 'delete', path: '/api/work-orders/:id/enforcement-actions/:actionId', tags: ['fly-tipping'],
      summary: 'Remove an enforcement action recorded by mistake', params: z.object({ id: z.string().uuid(), actionId: z.string().uuid() }),
      body: z.object({ version }),
      responses: { 200: { description: 'The work order’s new version and its actions', schema: actionsResponse } },
      handler: async ({ params, body, principal }) => {
        const wo = await deps.flyTipping.removeAction(params.id, params.actionId, body.version, actorOf(principal));
        return listed(params.id, wo.version);
      },
    }),
    defineRoute({
      id: 'flyTips.correctFields', method: 'put', path: '/api/work-orders/:id/fly-tip-details', tags: ['fly-tipping'],
      summary: 'Correct the Defra fields of a fly-tip (size, waste type, land type), e.g. one the WasteDataFlow return lists as incomplete', params: idParams,
      body: z.object({ version, size: z.enum(keysOf(FLY_TIP_SIZES)).optional(), wasteType: z.enum(keysOf(FLY_TIP_WASTE_TYPES)).optional(), landType: z.enum(keysOf(FLY_TIP_LAND_TYPES)).optional() }),
      responses: { 200: { description: 'The work order’s new version and its Defra fields', schema: z.object({ version: z.number().int(), wasteData: z.record(z.string(), z.string()).nullable() }) } },
      handler: async ({ params, body, principal }) => {
        const wo = await deps.flyTipping.correctFields(params.id, body, actorOf(principal));
        return { version: wo.version, wasteData: wo.wasteData };
      },
    }),
  ];
}
