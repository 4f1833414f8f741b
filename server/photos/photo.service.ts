/**
 * Photos as evidence: ingest (type from the bytes, upright, ≤2048 px copy
 * without EXIF, WebP thumbnail, capture time and GPS kept in the row, quality
 * flags), de-duplication by (owner, sha256), reading back, and who may see one.
 * Intake, the crew API and the weekly PDFs all go through this service.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import sharp from 'sharp';
import type { EntityManager } from 'typeorm';
import type { InsertPlan } from '../../db/row-sql.js';
import type { Config } from '../config.js';
import { AppError, NotFoundError } from '../errors.js';
import type { Principal } from '../http/principal.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Clock } from '../platform/clock.js';
import { haversineMetres } from '../platform/geo.js';
import { newRowId } from '../platform/ids.js';
import type { UserService } from '../users/user.service.js';
import { isVerifiedFixed, proofOf } from '../work-orders/evidence.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { Photo, PhotoKind } from './photo.entity.js';
import { checkJpegStructure, inspectPhoto, readExif, renderPhoto, sniffType } from './photo-image.js';
import type { PhotoRepository } from './photo.repository.js';
import type { PhotoSize, PhotoStore } from './photo-store.js';

export interface IngestOptions {
  /** "wo:<id>" or "sr:<id>"; (ownerKey, sha256) is unique. */
  ownerKey: string;
  workOrderId?: string | null;
  requestId?: string | null;
  kind: PhotoKind;
  uploadedBy?: string | null;
  /** Where and when the job is, for the evidence-quality flags. */
  job?: { lat: number; lng: number; startedAt?: string | null };
  /** The tablet's own position and clock when the photo was taken: used where the photo's EXIF has none. */
  device?: DeviceCapture | null;
  /** The crew lead's reason for keeping a photo the tablet warned about. */
  crewReason?: string | null;
}

/** What the crew tablet knew when a photo was taken. */
export interface DeviceCapture {
  lat?: number | null;
  lng?: number | null;
  /** Radius in metres the position is good to (the Geolocation API's `accuracy`). */
  accuracyM?: number | null;
  /** When the photo was taken, by the tablet's clock (ISO). */
  capturedAt?: string | null;
}

interface CaptureFacts {
  takenAt: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  positionSource: 'exif' | 'device' | null;
  timeSource: 'exif' | 'device' | null;
  accuracyM: number | null;
}

/** EXIF where the photo has it (it travels with the picture), the tablet's own position and clock otherwise. */
function captureFacts(exif: { takenAt: string | null; gpsLat: number | null; gpsLng: number | null }, device: DeviceCapture | null | undefined): CaptureFacts {
  const exifPosition = exif.gpsLat !== null && exif.gpsLng !== null;
  const devicePosition = typeof device?.lat === 'number' && typeof device?.lng === 'number' && Number.isFinite(device.lat) && Number.isFinite(device.lng);
  const deviceTime = typeof device?.capturedAt === 'string' && Number.isFinite(Date.parse(device.capturedAt));
  return {
    gpsLat: exifPosition ? exif.gpsLat : devicePosition ? device!.lat! : null,
    gpsLng: exifPosition ? exif.gpsLng : devicePosition ? device!.lng! : null,
    positionSource: exifPosition ? 'exif' : devicePosition ? 'device' : null,
    accuracyM: !exifPosition && devicePosition && typeof device?.accuracyM === 'number' && Number.isFinite(device.accuracyM) ? device.accuracyM : null,
    takenAt: exif.takenAt ?? (deviceTime ? new Date(device!.capturedAt!).toISOString() : null),
    timeSource: exif.takenAt ? 'exif' : deviceTime ? 'device' : null,
  };
}

/** Rendered and stored, not yet in the database: lets callers write the row inside their own transaction. */
export interface PreparedPhoto {
  row: Photo;
  /** The (owner, sha256) row that already existed when preparing; nothing new was rendered. */
  existing: boolean;
}

export interface PhotoServiceDeps {
  photos: PhotoRepository;
  store: PhotoStore;
  /** Who may see a photo: the work order or request it belongs to, and a councillor's wards. */
  requests: Pick<ServiceRequestRepository, 'findRequestById'>;
  workOrderRows: Pick<WorkOrderRepository, 'findById'>;
  users: Pick<UserService, 'wardCodes'>;
  clock: Clock;
  config: Pick<Config, 'photos' | 'timeZone'>;
  logger?: Logger;
}

/** The longest a background render waits for a quiet moment before it runs anyway. */
const BACKGROUND_RENDER_MAX_DELAY_MS = 30_000;

/** Renders at once; more would only queue inside libvips while holding decoded pixels in memory. */
const MAX_CONCURRENT_RENDERS = 2;

export class PhotoService {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private backlog: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private readonly rendering = new Map<string, Promise<void>>();
  private stopping = false;

  private readonly photos: PhotoServiceDeps['photos'];
  private readonly store: PhotoServiceDeps['store'];
  private readonly requests: PhotoServiceDeps['requests'];
  private readonly workOrderRows: PhotoServiceDeps['workOrderRows'];
  private readonly users: PhotoServiceDeps['users'];
  private readonly clock: PhotoServiceDeps['clock'];
  private readonly config: PhotoServiceDeps['config'];
  private readonly logger: PhotoServiceDeps['logger'];

  constructor(deps: PhotoServiceDeps) {
    this.photos = deps.photos;
    this.store = deps.store;
    this.requests = deps.requests;
    this.workOrderRows = deps.workOrderRows;
    this.users = deps.users;
    this.clock = deps.clock;
    this.config = deps.config;
    this.logger = deps.logger;
    // libvips' operation cache keeps decoded images around between requests; uploads are never repeated, so RSS would only grow.
    sharp.cache(false);
  }

  /** Validates, renders and stores a photo and writes its row (or returns the row the same bytes already have). */
  async ingest(source: Buffer, opts: IngestOptions): Promise<Photo> {
    const prepared = await this.prepare(source, opts);
    if (prepared.existing) return prepared.row;
    return this.stored(await this.photos.insertOrKeepAlone(prepared.row));
  }

  async prepare(source: Buffer, opts: IngestOptions): Promise<PreparedPhoto> {
    const sha256 = createHash('sha256').update(source).digest('hex');
    const existing = await this.photos.findByOwnerSha(opts.ownerKey, sha256);
    if (existing) return { row: existing, existing: true };

    const type = sniffType(source);
    if (type === 'jpeg') checkJpegStructure(source);
    const rendered = await this.limited(() => renderPhoto(source, this.config.photos.maxPixels));
    const exif = await readExif(source, this.config.timeZone);
    await this.store.put(sha256, 'full', rendered.full);
    await this.store.put(sha256, 'thumb', rendered.thumb);

    const now = this.clock.now().toISOString();
    const facts = opts.job ? captureFacts(exif, opts.device) : { ...exif, positionSource: exif.gpsLat !== null ? ('exif' as const) : null, timeSource: exif.takenAt ? ('exif' as const) : null, accuracyM: null };
    const flags = opts.job ? this.evidenceFlags(facts, opts.job, now, opts.kind) : [];
    const row = this.newRow(opts, sha256, facts, now, { width: rendered.width, height: rendered.height, bytes: rendered.full.length, flags, pending: false });
    return { row, existing: false };
  }

  /**
   * Like `prepare`, but the renditions are made after the caller has answered:
   * everything a client's bytes can get wrong that is visible without decoding
   * (type, structure, size, pixel limit, truncation, EXIF) is refused here with
   * the same 4xx, and the upload itself is fsynced before this resolves, so an
   * acknowledged photo survives a crash and is rendered after restart.
   * Decoding and re-encoding a phone photo costs more CPU than the rest of a
   * resident's report put together. Call `renderSoon` after commit.
   * For an owner made just now (a report being filed), so there is no earlier
   * copy to look up; `save` still keeps (owner, sha256) unique.
   */
  async prepareDeferred(source: Buffer, opts: IngestOptions): Promise<PreparedPhoto> {
    const sha256 = createHash('sha256').update(source).digest('hex');
    const type = sniffType(source);
    const size = await inspectPhoto(source, type, this.config.photos.maxPixels);
    const exif = await readExif(source, this.config.timeZone);
    await this.store.put(sha256, 'original', source);
    const row = this.newRow(opts, sha256, exif, this.clock.now().toISOString(), { ...size, bytes: source.length, flags: [], pending: true });
    return { row, existing: false };
  }

  private newRow(
    opts: IngestOptions,
    sha256: string,
    exif: { takenAt: string | null; gpsLat: number | null; gpsLng: number | null } & Partial<Pick<CaptureFacts, 'positionSource' | 'timeSource' | 'accuracyM'>>,
    now: string,
    stored: Pick<Photo, 'width' | 'height' | 'bytes' | 'flags' | 'pending'>,
  ): Photo {
    return {
      id: newRowId(),
      ownerKey: opts.ownerKey,
      workOrderId: opts.workOrderId ?? null,
      requestId: opts.requestId ?? null,
      kind: opts.kind,
      sha256,
      mime: 'image/jpeg',
      ...stored,
      takenAt: exif.takenAt,
      gpsLat: exif.gpsLat,
      gpsLng: exif.gpsLng,
      positionSource: exif.positionSource ?? null,
      timeSource: exif.timeSource ?? null,
      accuracyM: exif.accuracyM ?? null,
      crewReason: opts.crewReason ?? null,
      uploadedBy: opts.uploadedBy ?? null,
      createdAt: now,
    };
  }

  /** Queues committed pending photos for rendering in the background (one at a time, after the answer has gone). */
  renderSoon(ids: string[]): void {
    for (const id of ids) {
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      // The wait for a quiet moment counts from here, so under sustained load the backlog renders back to back.
      const renderBy = Date.now() + BACKGROUND_RENDER_MAX_DELAY_MS;
      this.backlog = this.backlog
        .then(async () => {
          if (this.stopping) return;
          await this.quietMoment(renderBy);
          if (!this.stopping) await this.render(id);
        })
        .catch((e: unknown) => this.logger?.error({ err: e, photoId: id }, 'photo render failed'))
        .finally(() => this.queued.delete(id));
    }
  }

  /**
   * Background renders give way to requests: one waits while the event loop
   * has been more than half busy over the last 50 ms, until at most 30 s after
   * the photo was queued, so a burst of reports is answered first and its
   * photos rendered just after (anyone opening one sooner gets it rendered on
   * the spot).
   */
  private async quietMoment(renderBy: number): Promise<void> {
    while (!this.stopping && Date.now() < renderBy) {
      const before = performance.eventLoopUtilization();
      await new Promise((r) => setTimeout(r, 50));
      if (performance.eventLoopUtilization(before).utilization < 0.5) return;
    }
  }

  /** At start: photos acknowledged before a crash or restart but not rendered yet. */
  async resumePending(): Promise<number> {
    const ids = await this.photos.pendingPhotoIds();
    this.renderSoon(ids);
    return ids.length;
  }

  /** Resolves when every queued render has finished (tests, benchmarks, shutdown). */
  async rendered(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.backlog;
      await seen;
    } while (seen !== this.backlog);
  }

  /** At shutdown: finish the render in hand, leave the rest pending for the next start. */
  async stopRendering(): Promise<void> {
    this.stopping = true;
    await this.rendered();
  }

  get renderBacklog(): number {
    return this.queued.size;
  }

  /**
   * Makes the renditions of a pending photo (once, however many callers ask)
   * and clears `pending`; pixels that prove unreadable flag the photo
   * "unreadable" and drop the upload (a report stands without its photo).
   */
  render(id: string): Promise<void> {
    let running = this.rendering.get(id);
    if (!running) {
      running = this.renderNow(id).finally(() => this.rendering.delete(id));
      this.rendering.set(id, running);
    }
    return running;
  }

  private async renderNow(id: string): Promise<void> {
    const photo = await this.photos.findPhoto(id);
    if (!photo?.pending) return;
    const source = await this.store.get(photo.sha256, 'original');
    let update: Partial<Photo>;
    if (!source) {
      // Rendered before a crash that came between the files and the row update.
      const done = (await this.store.exists(photo.sha256, 'full')) && (await this.store.exists(photo.sha256, 'thumb'));
      update = done ? { pending: false } : { pending: false, flags: [...photo.flags, 'unreadable'] };
      if (!done) this.logger?.error({ photoId: id }, 'pending photo has no upload and no renditions');
    } else {
      try {
        const r = await this.limited(() => renderPhoto(source, this.config.photos.maxPixels));
        await this.store.put(photo.sha256, 'full', r.full);
        await this.store.put(photo.sha256, 'thumb', r.thumb);
        update = { pending: false, width: r.width, height: r.height, bytes: r.full.length };
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // a disk error: stays pending, tried again at next start
        this.logger?.warn({ photoId: id, code: e.code }, 'report photo could not be rendered');
        update = { pending: false, flags: [...photo.flags, 'unreadable'] };
      }
    }
    // Not on the request path, so its fsync need not block the event loop either.
    await this.photos.updateDurably(id, update);
    await this.store.remove(photo.sha256, 'original');
  }

  /**
   * A report's photo, inside the report's own transaction: its owner is the request made a moment ago, so no
   * other writer can hold the (owner, sha256) pair and a plain insert does (the caller drops repeats within
   * the report first). One statement instead of an insert-or-ignore through the query builder and a read-back.
   */
  /** The photos of a batch of new reports, in one statement where the database allows. */
  async saveForNewReports(target: EntityManager | InsertPlan, rows: Photo[]): Promise<void> {
    await this.photos.insertManyForNewReports(rows, target);
  }

  /** Inserts the row unless the same (owner, sha256) won a race; either way returns the row that is stored. */
  async save(em: EntityManager, prepared: PreparedPhoto): Promise<Photo> {
    if (prepared.existing) return prepared.row;
    return this.stored(await this.photos.insertOrKeep(prepared.row, em));
  }

  private stored(row: Photo | null): Photo {
    if (!row) throw new Error('photo row vanished after insert');
    return row;
  }

  /**
   * Evidence-quality flags, on the position and time actually used (EXIF, else
   * the tablet's), plus which of them came from the tablet. Flagged photos are
   * kept: the office judges them (server/work-orders/evidence.ts).
   */
  private evidenceFlags(facts: CaptureFacts, job: NonNullable<IngestOptions['job']>, now: string, kind: PhotoKind): string[] {
    const flags: string[] = [];
    const maxDistance = this.config.photos.maxDistanceM;
    if (facts.gpsLat === null || facts.gpsLng === null) flags.push('no_gps');
    else {
      if (haversineMetres(facts.gpsLat, facts.gpsLng, job.lat, job.lng) > maxDistance) flags.push('far_from_job');
      else if (facts.accuracyM !== null && facts.accuracyM > maxDistance) flags.push('position_inaccurate');
      if (facts.positionSource === 'device') flags.push('position_from_device');
    }
    if (facts.takenAt === null) flags.push('no_timestamp');
    else {
      const start = Date.parse(job.startedAt ?? now);
      if (Date.parse(facts.takenAt) < start - this.config.photos.maxAgeMinutes * 60_000) flags.push('taken_long_before');
      // An after photo from before the work began cannot show it done (a minute's grace for clocks).
      else if (kind === 'after' && job.startedAt && Date.parse(facts.takenAt) < Date.parse(job.startedAt) - 60_000) flags.push('taken_before_start');
      if (facts.timeSource === 'device') flags.push('time_from_device');
    }
    return flags;
  }

  async get(id: string): Promise<Photo> {
    const photo = /^[0-9a-f-]{36}$/i.test(id) ? await this.photos.findPhoto(id) : null;
    if (!photo) throw new NotFoundError('PHOTO_NOT_FOUND', 'There is no such photo.');
    return photo;
  }

  async ofWorkOrder(workOrderId: string, em?: EntityManager): Promise<Photo[]> {
    return inStoryOrder(await this.photos.findByWorkOrder(workOrderId, em));
  }

  /** Photos of many work orders and requests in two queries (a crew's day), each list in story order. */
  async ofMany(ids: { workOrderIds: string[]; requestIds: string[] }, em?: EntityManager): Promise<Photo[]> {
    const byWorkOrder = await this.photos.findByWorkOrders(ids.workOrderIds, em);
    const byRequest = await this.photos.findByRequests(ids.requestIds, em);
    return inStoryOrder([...new Map([...byWorkOrder, ...byRequest].map((p) => [p.id, p])).values()]);
  }

  /** The stored bytes of one rendition (JPEG full, WebP thumb); never the original upload. */
  async read(photo: Photo, size: PhotoSize): Promise<Buffer> {
    let data = await this.store.get(photo.sha256, size);
    if (!data && photo.id) {
      // Not rendered yet (or rendered just now by the background queue): ask for it, then look again.
      await this.render(photo.id);
      const now = await this.photos.findPhoto(photo.id);
      if (now?.flags.includes('unreadable')) throw new NotFoundError('PHOTO_UNREADABLE', 'This photo could not be read, so there is nothing to show.');
      data = await this.store.get(photo.sha256, size);
    }
    if (!data) {
      this.logger?.warn({ photoId: photo.id, size }, 'photo file missing from store');
      throw new NotFoundError('PHOTO_FILE_MISSING', 'The file for this photo is missing.');
    }
    return data;
  }

  /**
   * Who may see a photo. Staff: any. Councillors: photos of work orders (or
   * their requests) in wards they receive reports for. Everyone else (public,
   * partners): only the before/after proof of work orders closed as fixed
   * with accepted evidence (never photos sent after closure); residents' report photos can show people or
   * homes and stay internal. Not visible reads as not found, so ids cannot be probed.
   */
  async assertVisible(principal: Principal, photo: Photo): Promise<void> {
    if (principal.kind === 'user' && ['admin', 'dispatcher', 'crew_lead'].includes(principal.user.role)) return;
    const workOrder = await this.workOrderOf(photo);
    if (principal.kind === 'user' && principal.user.role === 'councillor') {
      const wardCode = workOrder?.wardCode ?? (await this.requestWard(photo));
      if (wardCode && (await this.users.wardCodes(principal.user.id)).includes(wardCode)) return;
      throw new NotFoundError('PHOTO_NOT_FOUND', 'There is no such photo in your wards.');
    }
    if (workOrder && isVerifiedFixed(workOrder) && (await this.isProof(workOrder, photo))) return;
    throw new NotFoundError('PHOTO_NOT_FOUND', 'There is no such photo.');
  }

  /** One of the two photos fixed as the job's proof at closure (never a photo sent later). */
  private async isProof(workOrder: WorkOrder, photo: Photo): Promise<boolean> {
    if (photo.kind !== 'before' && photo.kind !== 'after') return false;
    if (workOrder.proofBeforeId || workOrder.proofAfterId) return photo.id === workOrder.proofBeforeId || photo.id === workOrder.proofAfterId;
    const proof = proofOf(workOrder, await this.ofWorkOrder(workOrder.id));
    return photo.id === proof.before?.id || photo.id === proof.after?.id;
  }

  private async workOrderOf(photo: Photo): Promise<WorkOrder | null> {
    let workOrderId = photo.workOrderId;
    if (!workOrderId && photo.requestId) workOrderId = (await this.requests.findRequestById(photo.requestId))?.workOrderId ?? null;
    return workOrderId ? this.workOrderRows.findById(workOrderId) : null;
  }

  private async requestWard(photo: Photo): Promise<string | null> {
    if (!photo.requestId) return null;
    return (await this.requests.findRequestById(photo.requestId))?.wardCode ?? null;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    // A finishing render hands its slot straight to the next waiter, so the count never overshoots.
    if (this.running >= MAX_CONCURRENT_RENDERS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

const KIND_ORDER: Record<PhotoKind, number> = { report: 0, before: 1, after: 2, extra: 3 };

/** By upload time; photos of one instant (a start and a close sent together) read report → before → after → extra. */
function inStoryOrder(photos: Photo[]): Photo[] {
  return photos.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id));
}
