/** The on-call rota (admins edit; dispatchers read) and who is on call now. */
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import { SLOT_WITHOUT_LENGTH, type OnCallService } from './on-call.service.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour)');
const fields = {
  contactName: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  phone: z.string().trim().max(40).nullable().optional(),
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  start: hhmm,
  end: hhmm,
};
const slot = z.object({ id: z.string(), ...fields, phone: z.string().nullable(), createdAt: z.string(), version: z.number() });
const idParams = z.object({ id: z.string().uuid() });

export function onCallRoutes(deps: { onCall: OnCallService }): RouteDef[] {
  return [
    defineRoute({
      id: 'onCall.list', method: 'get', path: '/api/on-call', summary: 'The on-call rota for the 24/7 categories, and who is on call now', tags: ['on-call'],
      responses: { 200: { description: 'Rota', schema: z.object({ slots: z.array(slot), nowOnCall: slot.nullable() }) } },
      handler: () => deps.onCall.rota(),
    }),
    defineRoute({
      id: 'onCall.create', method: 'post', path: '/api/on-call', summary: 'Add a slot to the rota (an end not after the start runs past midnight)', tags: ['on-call'],
      body: z.object(fields).refine((s) => s.start !== s.end, SLOT_WITHOUT_LENGTH), status: 201,
      handler: ({ body }) => deps.onCall.create({ ...body, phone: body.phone ?? null }),
    }),
    defineRoute({
      id: 'onCall.update', method: 'patch', path: '/api/on-call/:id', summary: 'Change a slot (send its version)', tags: ['on-call'],
      params: idParams, body: z.object({ ...z.object(fields).partial().shape, version: z.number().int().positive() }),
      handler: ({ params, body }) => {
        const { version, ...patch } = body;
        return deps.onCall.update(params.id, version, patch);
      },
    }),
    defineRoute({
      id: 'onCall.remove', method: 'delete', path: '/api/on-call/:id', summary: 'Remove a slot', tags: ['on-call'], params: idParams, status: 204,
      handler: async ({ params, res }) => {
        await deps.onCall.remove(params.id);
        res.status(204).end();
      },
    }),
  ];
}
