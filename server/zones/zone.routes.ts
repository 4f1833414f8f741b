/** Code of Practice zones: dispatchers see them, administrators draw, change and delete them. */
import { z } from 'zod';
import type { Config } from '../config.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { ZoneService } from './zone.service.js';

const idParams = z.object({ id: z.string().uuid() });
/** [longitude, latitude] (an altitude may follow); ranges, closing and crossing are checked by zone-geometry.ts. */
const position = z.array(z.number()).min(2, 'a position is [longitude, latitude]').max(3, 'a position is [longitude, latitude]');
const ring = z.array(position).max(5000);
const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1, 'a polygon needs an outer ring').max(100) });
const multiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1, 'a polygon needs an outer ring').max(100)).min(1).max(100) });
const boundary = z.discriminatedUnion('type', [polygon, multiPolygon], { error: 'must be a GeoJSON Polygon or MultiPolygon geometry' });

const zoneFields = {
  name: z.string().trim().min(1, 'is required').max(120),
  zone: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 1, 2, 3 or 4' }),
  boundary,
  note: z.string().trim().max(1000).nullable().optional(),
};
const createBody = z.strictObject(zoneFields);
const patchBody = z.strictObject(zoneFields).partial();

const zoneJson = z.object({
  id: z.string().uuid(),
  name: z.string(),
  zone: z.number().int().min(1).max(4),
  boundary: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
  note: z.string().nullable(),
});

export interface ZoneRouteDeps {
  config: Pick<Config, 'defaultZone'>;
  zones: ZoneService;
}

export function zoneRoutes(s: ZoneRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'zones.list', method: 'get', path: '/api/zones', summary: 'Code of Practice zones (1–4) with their boundaries; outside every zone the default zone applies', tags: ['zones'],
      responses: { 200: { description: 'Zones, strictest first', schema: z.object({ defaultZone: z.number().int(), zones: z.array(zoneJson) }) } },
      handler: async () => ({ defaultZone: s.config.defaultZone, zones: await s.zones.list() }),
    }),
    defineRoute({
      id: 'zones.create', method: 'post', path: '/api/zones', summary: 'Draw a zone; new reports inside it get its response time (work orders already filed keep theirs)', tags: ['zones'],
      body: createBody, status: 201,
      responses: { 201: { description: 'Created', schema: zoneJson } },
      handler: ({ body }) => s.zones.create(body),
    }),
    defineRoute({
      id: 'zones.update', method: 'patch', path: '/api/zones/:id', summary: 'Change a zone’s name, number, note or boundary; applies to new reports only', tags: ['zones'],
      params: idParams, body: patchBody,
      responses: { 200: { description: 'Changed', schema: zoneJson } },
      handler: ({ params, body }) => s.zones.update(params.id, body),
    }),
    defineRoute({
      id: 'zones.delete', method: 'delete', path: '/api/zones/:id', summary: 'Delete a zone; new reports there fall to another zone or the default', tags: ['zones'],
      params: idParams, status: 204,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ params, res }) => {
        await s.zones.remove(params.id);
        res.status(204).end();
      },
    }),
  ];
}
