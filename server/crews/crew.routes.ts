/** Crew administration, a crew's day, and the dispatcher's assign / unassign / move actions. */
import { z } from 'zod';
import { actorLabel, actorUserId, type Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import { workOrderSummary, type SummaryDeps, type WorkOrderViews } from '../work-orders/work-order.view.js';
import { CREW_SKILLS, type Crew } from './crew.entity.js';
import type { CrewService } from './crew.service.js';
import type { DispatchService } from './dispatch.service.js';

const idParams = z.object({ id: z.string().uuid() });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const shift = z.object({ days: z.array(z.number().int().min(1).max(7)).max(7), start: hhmm, end: hhmm }).refine((s) => s.start < s.end, 'the shift must end after it starts');
const exception = z.object({ date: isoDate, available: z.boolean(), start: hhmm.optional(), end: hhmm.optional(), reason: z.string().trim().min(1).max(200) });
const crewFields = {
  name: z.string().trim().min(1).max(120),
  depotLat: z.number().min(-90).max(90),
  depotLng: z.number().min(-180).max(180),
  leadUserId: z.string().uuid().nullable().optional(),
  members: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
  skills: z.array(z.enum(CREW_SKILLS as [string, ...string[]])).min(1),
  capacity: z.number().int().min(1).max(1000).optional(),
  shift,
  exceptions: z.array(exception).max(400).optional(),
  active: z.boolean().optional(),
};
const createBody = z.object(crewFields);
const updateBody = z.object({ ...z.object(crewFields).partial().shape, version: z.number().int().positive() });
const assignBody = z.object({
  crewId: z.string().uuid(),
  version: z.number().int().positive(),
  position: z.number().int().min(1).optional(),
  date: isoDate.optional(),
});
const crewDuty = z.object({
  crewId: z.string(), name: z.string(), skills: z.array(z.string()), onShift: z.boolean(),
  shift: z.object({ start: z.string(), end: z.string() }).nullable(),
});
const unassignBody = z.object({ version: z.number().int().positive() });

function actor(p: Principal) {
  return { userId: actorUserId(p), label: actorLabel(p) };
}

/** What the crew and dispatch routes use; dispatch answers with the work order's view, which needs the view's own collaborators. */
export interface CrewRouteDeps extends SummaryDeps {
  workOrderViews: WorkOrderViews;
  crews: CrewService;
  dispatch: DispatchService;
}

export function crewRoutes(deps: CrewRouteDeps): RouteDef[] {
  const crewJson = (c: Crew) => c;
  return [
    defineRoute({
      id: 'crews.list', method: 'get', path: '/api/crews', summary: 'Active crews with skills, depot, capacity and shift', tags: ['crews'],
      query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
      handler: async ({ query }) => (await deps.crews.list({ includeInactive: query.includeInactive === 'true' })).map(crewJson),
    }),
    defineRoute({
      id: 'crews.availability', method: 'get', path: '/api/crews/availability', summary: 'Each active crew: on shift now, and its current or next shift', tags: ['crews'],
      responses: { 200: { description: 'Crews', schema: z.array(crewDuty) } },
      handler: () => deps.crews.availability(),
    }),
    defineRoute({
      id: 'crews.get', method: 'get', path: '/api/crews/:id', summary: 'One crew', tags: ['crews'], params: idParams,
      handler: async ({ params, principal }) => {
        const crew = await deps.crews.get(params.id);
        deps.crews.assertCanSee(principal, crew);
        return crewJson(crew);
      },
    }),
    defineRoute({
      id: 'crews.create', method: 'post', path: '/api/crews', summary: 'Create a crew', tags: ['crews'], body: createBody, status: 201,
      handler: async ({ body }) => crewJson(await deps.crews.create(body as never)),
    }),
    defineRoute({
      id: 'crews.update', method: 'patch', path: '/api/crews/:id', summary: 'Change a crew (optimistic: send its version)', tags: ['crews'],
      params: idParams, body: updateBody,
      handler: async ({ params, body }) => {
        const { version, ...patch } = body;
        return crewJson(await deps.crews.update(params.id, version, patch as never));
      },
    }),
    defineRoute({
      id: 'crews.retire', method: 'delete', path: '/api/crews/:id', summary: 'Retire a crew (kept for history; refused while it has open work)', tags: ['crews'],
      params: idParams,
      handler: async ({ params }) => crewJson(await deps.crews.retire(params.id)),
    }),
    defineRoute({
      id: 'crews.day', method: 'get', path: '/api/crews/:id/day', summary: "A crew's day: shift and work orders in route order (crew leads: their own crew only)", tags: ['crews'],
      params: idParams, query: z.object({ date: isoDate.optional() }),
      handler: async ({ params, query, principal }) => {
        const crew = await deps.crews.get(params.id);
        deps.crews.assertCanSee(principal, crew);
        const date = query.date ?? deps.crews.today();
        const workOrders = await deps.crews.dayOf(crew.id, date);
        return {
          crew: { id: crew.id, name: crew.name, skills: crew.skills, capacity: crew.capacity, depot: { lat: crew.depotLat, lng: crew.depotLng } },
          date,
          shift: deps.crews.shiftOn(crew, date),
          workOrders: workOrders.map((wo) => ({ ...workOrderSummary(deps, wo), plannedStartAt: wo.plannedStartAt })),
        };
      },
    }),
    defineRoute({
      id: 'dispatch.assign', method: 'post', path: '/api/work-orders/:id/assign',
      summary: "Assign to a crew's day at a position, move to another crew, or reorder within the day", tags: ['dispatch'],
      params: idParams, body: assignBody,
      handler: async ({ params, body, principal }) => {
        const wo = await deps.dispatch.assign(params.id, body, actor(principal));
        const crew = await deps.crews.get(body.crewId);
        const duty = deps.crews.dutyAt(crew);
        // Assigning to a crew that is off shift is allowed (it may be tomorrow's work), but said plainly.
        const offShift = duty.onShift ? null : { crewId: crew.id, crewName: crew.name, nextOnAt: duty.shift?.start ?? null };
        return { ...(await deps.workOrderViews.detail(wo, principal)), offShift };
      },
    }),
    defineRoute({
      id: 'dispatch.unassign', method: 'post', path: '/api/work-orders/:id/unassign', summary: "Take a work order off its crew's day", tags: ['dispatch'],
      params: idParams, body: unassignBody,
      handler: async ({ params, body, principal }) => deps.workOrderViews.detail(await deps.dispatch.unassign(params.id, body.version, actor(principal)), principal),
    }),
  ];
}
