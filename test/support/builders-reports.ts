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
import { blankWorkOrder } from './work-order-row.js';

let seq = 0;
const nextRef = (prefix: string) => `${prefix}-26-${String(++seq).padStart(6, '0')}${Math.random().toString(36).slice(2, 5)}`;

export function workOrderRow(p: Partial<WorkOrder> & Pick<WorkOrder, 'categoryCode' | 'wardCode' | 'openedAt' | 'dueAt'>): WorkOrder {
  const status = p.status ?? 'new';
  return blankWorkOrder(p.openedAt, {
    reference: nextRef('WO'),
    status,
    createdAt: p.openedAt,
    updatedAt: p.completedAt ?? p.closedAt ?? p.openedAt,
    ...p,
  });
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
    pending: false,
  };
  await db.manager.getRepository(PhotoEntity).insert(row as never);
  return row;
}

/** Reporters with names nobody would otherwise print: a PDF containing any of these leaks personal data. */
export const DISTINCTIVE_REPORTERS = [
  { name: 'Zebedee Quillfeather', email: 'zebedee.quillfeather@example.org', phone: '07700 900123' },
  { name: 'Ottoline Marchbanks', email: 'o.marchbanks@example.net', phone: '+44 7700 900456' },
];
export const UNMODERATED_TEXT = 'Ring my flat 4B, the man at number 12 does it';

const SEED_CATEGORIES: { code: string; quantities: (i: number) => Record<string, number>; hours: number }[] = [
  { code: 'sharps', quantities: (i) => ({ sharps_count: 1 + (i % 4) }), hours: 2 },
  { code: 'condoms', quantities: (i) => ({ condoms_count: 2 + (i % 5), bags: 1 }), hours: 4 },
  { code: 'fly-tipping', quantities: (i) => ({ bags: 3 + (i % 6) }), hours: 48 },
  { code: 'litter', quantities: () => ({ bags: 1 }), hours: 24 },
  { code: 'graffiti', quantities: () => ({}), hours: 120 },
];
const SIZES = ['single_black_bag', 'car_boot_or_less', 'small_van_load', 'transit_van_load'];

/** Deterministic pseudo-random numbers, so a seeded week is the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pointsIn(boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon, n: number, rand: () => number, inside: (lat: number, lng: number) => boolean): { lat: number; lng: number }[] {
  const rings = boundary.type === 'Polygon' ? boundary.coordinates[0] : boundary.coordinates.flatMap((p) => p[0]);
  const lngs = rings.map((c) => c[0]);
  const lats = rings.map((c) => c[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const out: { lat: number; lng: number }[] = [];
  while (out.length < n) {
    const lat = minY + (maxY - minY) * rand();
    const lng = minX + (maxX - minX) * rand();
    if (inside(lat, lng)) out.push({ lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 });
  }
  return out;
}

export interface SeededWeek {
  requests: number;
  fixed: number;
  withPhotos: number;
  closedNotFixed: number;
  open: number;
}

/**
 * A plausible week in one ward: requests from every source (with reporter
 * contacts and unmoderated descriptions that must never reach a PDF), fixed
 * jobs with before/after photos, jobs closed without fixing, open ones.
 */
export async function seedWardWeek(
  db: Database,
  dataDir: string,
  opts: {
    wardCode: string;
    boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
    inside: (lat: number, lng: number) => boolean;
    week: { start: string; end: string };
    pairs: number;
    photo: (label: string, i: number) => Promise<Buffer>;
    crewIds?: string[];
    seed?: number;
  },
): Promise<SeededWeek> {
  const rand = rng(opts.seed ?? 7);
  const start = Date.parse(opts.week.start);
  const span = Date.parse(opts.week.end) - start;
  const at = (f: number) => new Date(start + Math.floor(f * span)).toISOString();
  const fixedCount = opts.pairs + 4;
  const points = pointsIn(opts.boundary, fixedCount + 8, rand, opts.inside);
  const sources = ['public', 'partner', 'open311', 'staff', 'public'] as const;
  let requests = 0;
  let withPhotos = 0;
  for (let i = 0; i < fixedCount; i++) {
    const cat = SEED_CATEGORIES[i % SEED_CATEGORIES.length];
    const opened = at(rand() * 0.8);
    const completed = new Date(Date.parse(opened) + (0.3 + rand() * 1.6) * cat.hours * 3_600_000);
    const completedAt = new Date(Math.min(completed.getTime(), Date.parse(opts.week.end) - 60_000)).toISOString();
    const wo = await insertWorkOrder(db, {
      categoryCode: cat.code, wardCode: opts.wardCode, status: 'completed', ...points[i], openedAt: opened,
      dueAt: new Date(Date.parse(opened) + cat.hours * 3_600_000).toISOString(), completedAt, closedAt: completedAt,
      quantities: cat.quantities(i), wasteData: cat.code === 'fly-tipping' ? { size: SIZES[i % SIZES.length] } : null,
      crewId: opts.crewIds?.length ? opts.crewIds[i % opts.crewIds.length] : null, evidenceFlags: i % 7 === 3 ? ['no_gps'] : [],
      // Flagged photos that the office has checked and accepted: still fixed, with evidence.
      evidenceStatus: 'accepted',
    });
    const reporter = DISTINCTIVE_REPORTERS[i % DISTINCTIVE_REPORTERS.length];
    await insertRequest(db, {
      categoryCode: cat.code, wardCode: opts.wardCode, source: sources[i % sources.length], createdAt: opened, ...points[i],
      workOrderId: wo.id, description: `${UNMODERATED_TEXT} (${reporter.name})`, contact: reporter,
    });
    requests += 1;
    if (i < opts.pairs) {
      await insertPhoto(db, dataDir, { workOrderId: wo.id, kind: 'before', jpeg: await opts.photo(`BEFORE ${i + 1}`, 2 * i), createdAt: opened });
      await insertPhoto(db, dataDir, { workOrderId: wo.id, kind: 'after', jpeg: await opts.photo(`AFTER ${i + 1}`, 2 * i + 1), createdAt: completedAt });
      withPhotos += 1;
    }
  }
  const reasons = ['no_access', 'vehicle_parked', 'not_found'];
  for (let i = 0; i < 3; i++) {
    const opened = at(0.1 + rand() * 0.6);
    await insertWorkOrder(db, {
      categoryCode: SEED_CATEGORIES[(i + 2) % SEED_CATEGORIES.length].code, wardCode: opts.wardCode, status: 'not_completed',
      outcomeReason: reasons[i], outcomeNote: `Resident ${DISTINCTIVE_REPORTERS[0].name} was not in`, ...points[fixedCount + i], openedAt: opened,
      dueAt: new Date(Date.parse(opened) + 48 * 3_600_000).toISOString(), closedAt: at(0.85 + rand() * 0.1),
    });
  }
  for (let i = 0; i < 5; i++) {
    const opened = at(rand() * 0.95);
    const cat = SEED_CATEGORIES[i % SEED_CATEGORIES.length];
    await insertWorkOrder(db, {
      categoryCode: cat.code, wardCode: opts.wardCode, status: i % 2 ? 'assigned' : 'accepted', ...points[fixedCount + 3 + i], openedAt: opened,
      dueAt: new Date(Date.parse(opened) + cat.hours * 3_600_000).toISOString(),
    });
    await insertRequest(db, {
      categoryCode: cat.code, wardCode: opts.wardCode, source: sources[(i + 1) % sources.length], createdAt: opened, ...points[fixedCount + 3 + i],
      description: UNMODERATED_TEXT, contact: DISTINCTIVE_REPORTERS[1],
    });
    requests += 1;
  }
  return { requests, fixed: fixedCount, withPhotos, closedNotFixed: 3, open: 5 };
}
