/** Small read-only routes every screen needs: health, postcodes, wards, categories, public config. */
import { z } from 'zod';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { ForbiddenError } from '../errors.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import { defineRoute, type RouteDef } from './route.js';

const wardRef = z.object({ code: z.string(), name: z.string() });

export interface ReferenceRouteDeps {
  config: Pick<Config, 'councilName' | 'map' | 'timeZone'>;
  /** The database, for the health and readiness checks. */
  db: { ping(): Promise<boolean>; migrated: boolean };
  /** Set while the process drains before it stops (SIGTERM): readiness turns 503 so the balancer moves traffic away. */
  lifecycle: { draining: boolean };
  postcodes: PostcodeService;
  wardLocator: WardLocator;
  categories: CategoryService;
}

export function referenceRoutes(s: ReferenceRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'health.check', method: 'get', path: '/healthz', summary: 'Liveness: 200 when the database answers, 503 otherwise', tags: ['system'],
      responses: { 200: { description: 'Healthy', schema: z.object({ status: z.literal('ok') }) }, 503: { description: 'Database unreachable' } },
      handler: async ({ res }) => {
        const ok = await s.db.ping();
        res.status(ok ? 200 : 503).json(ok ? { status: 'ok' } : { status: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not answering.' } });
      },
    }),
    defineRoute({
      id: 'health.ready', method: 'get', path: '/readyz',
      summary: 'Readiness: 200 when this instance should get traffic (database answers, migrations done, not draining), 503 otherwise', tags: ['system'],
      responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ready') }) }, 503: { description: 'Not ready: starting, draining or database unreachable' } },
      handler: async ({ res }) => {
        const unavailable = (code: string, message: string) => res.status(503).json({ status: 'unavailable', error: { code, message } });
        if (s.lifecycle.draining) return unavailable('DRAINING', 'This instance is shutting down; send new requests elsewhere.');
        if (!s.db.migrated) return unavailable('NOT_MIGRATED', 'The database migrations have not finished on this instance.');
        if (!(await s.db.ping())) return unavailable('DATABASE_UNAVAILABLE', 'The database is not answering.');
        res.status(200).json({ status: 'ready' });
      },
    }),
    defineRoute({
      // Before the lookup route, which would otherwise read "nearest" as a postcode.
      id: 'postcodes.nearest', method: 'get', path: '/api/postcodes/nearest', summary: 'The nearest known postcode to a point (null outside the shipped data), and its ward', tags: ['reference'],
      query: z.object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) }),
      responses: { 200: { description: 'The nearest postcode', schema: z.object({ postcode: z.string().nullable(), ward: wardRef.nullable() }) } },
      handler: async ({ query }) => {
        const ward = s.wardLocator.wardAt(query.lat, query.lng);
        return { postcode: await s.postcodes.nearest(query.lat, query.lng), ward: ward ? { code: ward.code, name: ward.name } : null };
      },
    }),
    defineRoute({
      id: 'postcodes.lookup', method: 'get', path: '/api/postcodes/:postcode', summary: 'Where a postcode is, and its ward', tags: ['reference'],
      params: z.object({ postcode: z.string().min(2).max(12) }),
      responses: { 200: { description: 'Found', schema: z.object({ postcode: z.string(), lat: z.number(), lng: z.number(), ward: wardRef.nullable() }) } },
      handler: ({ params }) => s.postcodes.lookup(params.postcode),
    }),
    defineRoute({
      id: 'wards.list', method: 'get', path: '/api/wards', summary: 'Wards with boundaries (GeoJSON FeatureCollection)', tags: ['reference'],
      handler: ({ res }) => {
        res.set('Cache-Control', 'public, max-age=3600');
        return {
          type: 'FeatureCollection',
          features: s.wardLocator.allWards().map((w) => ({ type: 'Feature', properties: { code: w.code, name: w.name }, geometry: w.boundary })),
        };
      },
    }),
    defineRoute({
      id: 'categories.list', method: 'get', path: '/api/categories', summary: 'Active categories with their questions and service levels (all=true: inactive ones too, admins only)', tags: ['reference'],
      query: z.object({ all: z.enum(['true', 'false']).optional() }),
      handler: ({ query, principal }) => {
        const includeInactive = query.all === 'true';
        if (includeInactive && !(principal.kind === 'user' && principal.user.role === 'admin')) {
          throw new ForbiddenError('Only administrators see inactive categories.', 'INACTIVE_CATEGORIES_ADMIN_ONLY');
        }
        return s.categories.list({ includeInactive });
      },
    }),
    defineRoute({
      id: 'config.public', method: 'get', path: '/api/config', summary: 'What the client needs to know: council name, map tiles', tags: ['reference'],
      handler: () => ({ councilName: s.config.councilName, map: s.config.map, timeZone: s.config.timeZone }),
    }),
  ];
}
