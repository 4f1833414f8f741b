import { z } from 'zod';
import type { Deps } from '../container.js';
import { defineRoute, type RouteDef } from '../http/route.js';

const params = z.object({ id: z.string().uuid() });
const query = z.object({ size: z.enum(['thumb', 'full']).default('full') });

export function photoRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      id: 'photos.get',
      method: 'get',
      path: '/api/photos/:id',
      summary: 'A stored photo (EXIF stripped): staff any; councillors their wards; others only before/after photos of fixed jobs',
      tags: ['photos'],
      params,
      query,
      responses: { 200: { description: 'The image', contentType: 'image/jpeg' } },
      handler: async ({ params, query, principal, res }) => {
        const photo = await deps.photos.get(params.id);
        await deps.photos.assertVisible(principal, photo);
        const data = await deps.photos.read(photo, query.size);
        res.setHeader('Content-Type', query.size === 'thumb' ? 'image/webp' : photo.mime);
        // Content never changes for an id (files are named by hash); private so shared caches keep out.
        res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
        res.setHeader('ETag', `"${photo.sha256.slice(0, 32)}-${query.size}"`);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(data);
        return undefined;
      },
    }),
  ];
}
