/**
 * Small row builders for the weekly-report tests and bench: work orders,
 * service requests (with reporter contact rows, so tests can prove they never
 * leak) and before/after photos stored in the photo store's layout.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import type { Database } from '../../db/data-source.js';
import { RequestContactEntity, ServiceRequestEntity, type ServiceRequest } from '../../server/intake/service-request.entity.js';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { FilesystemPhotoStore } from '../../server/photos/photo-store.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';

let seq = 0;
const nextRef = (prefix: string) => `${prefix}-26-${String(++seq).padStart(6, '0')}${Math.random().toString(36).slice(2, 5)}`;

export function workOrderRow(p: Partial<WorkOrder> & Pick<WorkOrder, 'categoryCode' | 'wardCode' | 'openedAt' | 'dueAt'>): WorkOrder {
  const status = p.status ?? 'new';
  return {
    id: randomUUID(),
    reference: nextRef('WO'),
    status,
    zone: 2,
    lat: 53.4142,
    lng: -2.9448,
    address: null,
    postcode: null,
    priority: 'normal',
    deadlineState: 'on_time',
    crewId: null,
    routeDate: null,
    routePosition: null,
    plannedStartAt: null,
    startedAt: null,
    completedAt: null,
    closedAt: null,
    outcomeReason: null,
    outcomeNote: null,
    quantities: {},
    wasteData: null,
    evidenceFlags: [],
    publicSummary: null,
    sweepId: null,
    mergedIntoId: null,
    createdAt: p.openedAt,
    updatedAt: p.completedAt ?? p.closedAt ?? p.openedAt,
    version: 1,
    ...p,
  };
}

export async function insertWorkOrder(db: Database, p: Parameters<typeof workOrderRow>[0]): Promise<WorkOrder> {
  const row = workOrderRow(p);
  await db.manager.getRepository(WorkOrderEntity).insert(row as never);
  return row;
}

export interface RequestSpec extends Partial<ServiceRequest> {
  categoryCode: string;
  wardCode: string;
  createdAt: string;
  contact?: { name: string | null; email: string | null; phone: string | null };
}

export async function insertRequest(db: Database, p: RequestSpec): Promise<ServiceRequest> {
  const { contact, ...rest } = p;
  const row: ServiceRequest = {
    id: randomUUID(),
    reference: nextRef('KB'),
    trackingToken: randomUUID().replace(/-/g, ''),
    workOrderId: null,
    source: 'public',
    apiClientId: null,
    externalId: null,
    lat: 53.4142,
    lng: -2.9448,
    postcode: null,
    address: null,
    description: '',
    publicSummary: null,
    answers: {},
    zone: 2,
    ...rest,
  };
  await db.manager.getRepository(ServiceRequestEntity).insert(row as never);
  if (contact) await db.manager.getRepository(RequestContactEntity).insert({ requestId: row.id, ...contact });
  return row;
}

/** A JPEG of a flat colour with a big label, so rendered pages show which photo went where. */
export async function labelledJpeg(label: string, opts: { width?: number; height?: number; shade?: number } = {}): Promise<Buffer> {
  const width = opts.width ?? 800;
  const height = opts.height ?? 600;
  const shade = opts.shade ?? 120;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="rgb(${shade},${shade + 20},${shade - 20})"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="rgb(230,230,210)"/>
    <text x="50%" y="90%" font-size="${Math.round(height / 10)}" text-anchor="middle" fill="white" font-family="sans-serif">${label}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** Stores the bytes as the photo service does (sha256-named full rendition under $DATA_DIR/photos) and inserts the row. */
export async function insertPhoto(
  db: Database,
  dataDir: string,
  p: { workOrderId: string; kind: Photo['kind']; jpeg: Buffer; createdAt: string; flags?: string[] },
): Promise<Photo> {
  const sha256 = createHash('sha256').update(p.jpeg).digest('hex');
  await new FilesystemPhotoStore(path.join(dataDir, 'photos')).put(sha256, 'full', p.jpeg);
  const meta = await sharp(p.jpeg).metadata();
  const row: Photo = {
    id: randomUUID(),
    ownerKey: `wo:${p.workOrderId}`,
    workOrderId: p.workOrderId,
    requestId: null,
    kind: p.kind,
    sha256,
    mime: 'image/jpeg',
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    bytes: p.jpeg.length,
    takenAt: p.createdAt,
    gpsLat: null,
    gpsLng: null,
    flags: p.flags ?? [],
    uploadedBy: null,
    createdAt: p.createdAt,
  };
  await db.manager.getRepository(PhotoEntity).insert(row as never);
  return row;
}
