import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { PhotoService } from './photo.service.js';

const params = z.object({ id: z.string().uuid() });
const query = z.object({ size: z.enum(['thumb', 'full']).default('full') });

export interface PhotoRouteDeps {
  photos: Pick<PhotoService, 'get' | 'assertVisible' | 'read'>;
}

export function photoRoutes(deps: PhotoRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'photos.get',
      method: 'get',
      path: '/api/photos/:id',
      summary: 'A stored photo (EXIF stripped): staff any; councillors their wards; others only before/after photos of fixed jobs (ETag; 304 on If-None-Match)',
      tags: ['photos'],
      params,
      query,
      responses: { 200: { description: 'The image', contentType: 'image/jpeg' }, 304: { description: 'Not modified (If-None-Match matched)' } },
      handler: async ({ params, query, principal, req, res }) => {
        const photo = await deps.photos.get(params.id);
        // Checked before any 304 too: a matching ETag must not tell a stranger the photo exists.
        await deps.photos.assertVisible(principal, photo);
        const etag = `"${photo.sha256.slice(0, 32)}-${query.size}"`;
        // Content never changes for an id (files are named by hash); private so shared caches keep out.
        res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
        res.setHeader('ETag', etag);
        const inm = req.get('if-none-match');
        if (inm && (inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))) {
          res.status(304).end();
          return undefined;
        }
        const data = await deps.photos.read(photo, query.size);
        res.setHeader('Content-Type', query.size === 'thumb' ? 'image/webp' : photo.mime);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(data);
        return undefined;
      },
    }),
  ];
}
