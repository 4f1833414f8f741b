/**
 * The work order as the crew API answers it. It must be the same JSON as
 * GET /api/work-orders/:id; until the intake module's shared view exists this
 * is the row plus its photos (id, kind, capture facts, flags, URLs).
 */
import type { EntityManager } from 'typeorm';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';

export interface PhotoJson {
  id: string;
  kind: Photo['kind'];
  takenAt: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  flags: string[];
  width: number;
  height: number;
  createdAt: string;
  url: string;
  thumbUrl: string;
}

export function photoJson(p: Photo): PhotoJson {
  return {
    id: p.id,
    kind: p.kind,
    takenAt: p.takenAt,
    gpsLat: p.gpsLat,
    gpsLng: p.gpsLng,
    flags: p.flags,
    width: p.width,
    height: p.height,
    createdAt: p.createdAt,
    url: `/api/photos/${p.id}?size=full`,
    thumbUrl: `/api/photos/${p.id}?size=thumb`,
  };
}

export async function workOrderJson(photos: PhotoService, wo: WorkOrder, em?: EntityManager): Promise<WorkOrder & { photos: PhotoJson[] }> {
  return { ...wo, photos: (await photos.ofWorkOrder(wo.id, em)).map(photoJson) };
}
