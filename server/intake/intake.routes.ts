/**
 * POST /api/reports (residents without logging in, partners with an API key,
 * staff from the office) and the reporter's tracking page data.
 * JSON, or multipart/form-data with up to three photos in the `photos` field.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { z } from 'zod';
import type { Config } from '../config.js';
import { TooManyRequestsError } from '../errors.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import { photoUpload, uploadedBytes } from '../photos/photo-upload.js';
import { intakeActorOf, MAX_REPORT_PHOTOS, type IntakeService } from './intake.service.js';
import type { RequestSource } from './service-request.entity.js';
import type { StillThereService } from './still-there.service.js';
import type { TrackingService } from './tracking.service.js';
import type { PhotoService } from '../photos/photo.service.js';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalNumber = z.preprocess(blankToUndefined, z.coerce.number().optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());

export const reportBody = z.object({
  categoryCode: z.string().trim().min(1).max(40),
  lat: optionalNumber,
  lng: optionalNumber,
  postcode: optionalText(12),
  address: optionalText(300),
  description: z.string().max(2000).default(''),
  answers: z.record(z.string(), z.unknown()).default({}),
  name: optionalText(200),
  email: optionalText(320),
  phone: optionalText(40),
  externalId: optionalText(100),
});

const reportCreated = z.object({
  reference: z.string(),
  trackingToken: z.string(),
  workOrderId: z.string(),
  ward: z.object({ code: z.string(), name: z.string() }),
  dueAt: z.string(),
  status: z.string(),
});

const at = z.string();
const trackingView = z.object({
  reference: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  ward: z.object({ code: z.string(), name: z.string() }),
  reportedAt: at,
  status: z.string(),
  statusText: z.string(),
  fixed: z.boolean(),
  dueAt: at.nullable(),
  closedAt: at.nullable(),
  publicSummary: z.string().nullable(),
  timeline: z.array(z.object({ at, status: z.string().nullable(), text: z.string(), note: z.string().nullable() })),
  photos: z.array(z.object({ id: z.string(), kind: z.string(), url: z.string(), thumbUrl: z.string() })),
  location: z.object({ lat: z.number(), lng: z.number(), place: z.string() }),
  ownPhotos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  nextStep: z.object({ text: z.string(), by: at.nullable(), nextDutyAt: at.nullable(), onDutyNow: z.boolean() }),
  updates: z.array(z.object({ at, text: z.string() })),
  publicPath: z.string(),
  stillThere: z.object({ allowed: z.boolean(), code: z.string().nullable(), message: z.string().nullable() }),
});

/** Up to three photos (the shared photo upload), then the answers unflattened. */
function reportPhotos(config: Config): RequestHandler[] {
  // Forms cannot nest: `answers` arrives as a JSON string or as answers[code] fields (multer nests those already).
  const unflatten: RequestHandler = (req, _res, next) => {
    if (!req.is('multipart/form-data') || !req.body) return next();
    const body = req.body as Record<string, unknown>;
    let answers: Record<string, unknown> = body.answers && typeof body.answers === 'object' ? { ...(body.answers as Record<string, unknown>) } : {};
    if (typeof body.answers === 'string' && body.answers.trim()) {
      try {
        answers = JSON.parse(body.answers) as Record<string, unknown>;
      } catch {
        answers = { answers: body.answers };
      }
    }
    for (const [key, value] of Object.entries(body)) {
      const m = /^answers\[([^\]]+)\]$/.exec(key);
      if (m) {
        answers[m[1]] = value;
        delete body[key];
      }
    }
    body.answers = answers;
    next();
  };
  return [...photoUpload(config, { field: 'photos', maxFiles: MAX_REPORT_PHOTOS, fields: 40, fieldSize: 64 * 1024 }), unflatten];
}

function sourceOf(req: Request): Exclude<RequestSource, 'sweep' | 'open311'> {
  if (req.principal.kind === 'partner') return 'partner';
  if (req.principal.kind === 'user') return 'staff';
  return 'public';
}

export interface IntakeRouteDeps {
  intake: Pick<IntakeService, 'submit'>;
  tracking: Pick<TrackingService, 'view' | 'ownPhoto'>;
  stillThere: Pick<StillThereService, 'report'>;
  photos: Pick<PhotoService, 'get' | 'read'>;
  config: Config;
  /** A store shared by every instance (PostgreSQL); none: counted in this process's memory. */
  rateLimitStore?: (prefix: string) => Store | undefined;
}

export function intakeRoutes(deps: IntakeRouteDeps): RouteDef[] {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.config.rateLimits.reportsPerMinute,
    // RateLimit and RateLimit-Policy headers as login sends them (draft-8 adds a hashed partition key to every answer).
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Partners share an IP with nobody and are counted by key; everyone else by address.
    store: deps.rateLimitStore?.('reports'),
    keyGenerator: (req) => (req.principal?.kind === 'partner' ? `partner:${req.principal.client.id}` : ipKeyGenerator(req.ip ?? '')),
    handler: (_req, _res, next) => next(new TooManyRequestsError('You have sent a lot of reports in the last minute. Please wait a minute and try again.')),
  });

  return [
    defineRoute({
      id: 'reports.create',
      method: 'post',
      path: '/api/reports',
      summary: 'Report a problem (JSON, or multipart with up to 3 photos in `photos`); residents, partners and staff',
      tags: ['intake'],
      bodyType: 'json',
      before: [limiter, ...reportPhotos(deps.config)],
      body: reportBody,
      status: 201,
      responses: { 201: { description: 'Received', schema: reportCreated } },
      handler: async ({ req, body, principal }) => {
        const files = (req.files as Express.Multer.File[] | undefined) ?? [];
        const photos = await Promise.all(files.map(uploadedBytes));
        const contact = body.name || body.email || body.phone ? { name: body.name, email: body.email, phone: body.phone } : null;
        const r = await deps.intake.submit(
          {
            categoryCode: body.categoryCode,
            lat: body.lat,
            lng: body.lng,
            postcode: body.postcode,
            address: body.address,
            description: body.description,
            answers: body.answers,
            contact,
            source: sourceOf(req),
            externalId: principal.kind === 'partner' ? body.externalId : null,
            photos,
          },
          intakeActorOf(principal),
        );
        return { reference: r.reference, trackingToken: r.trackingToken, workOrderId: r.workOrderId, ward: r.ward, dueAt: r.dueAt, status: r.status };
      },
    }),
    defineRoute({
      id: 'reports.track',
      method: 'get',
      path: '/api/track/:trackingToken',
      summary: "A reporter's view of their report: status and public timeline (no staff notes, no other reporters)",
      tags: ['intake'],
      params: z.object({ trackingToken: z.string().min(1).max(100) }),
      responses: { 200: { description: 'The reporter’s view', schema: trackingView } },
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return deps.tracking.view(params.trackingToken);
      },
    }),
    defineRoute({
      id: 'reports.trackPhoto',
      method: 'get',
      path: '/api/track/:trackingToken/photos/:photoId',
      summary: "One of the reporter's own photos, through their tracking link only",
      tags: ['intake'],
      params: z.object({ trackingToken: z.string().min(1).max(100), photoId: z.string().uuid() }),
      query: z.object({ size: z.enum(['thumb', 'full']).default('full') }),
      responses: { 200: { description: 'The image', contentType: 'image/jpeg' } },
      handler: async ({ params, query, res }) => {
        const own = await deps.tracking.ownPhoto(params.trackingToken, params.photoId);
        const photo = await deps.photos.get(own.id);
        const data = await deps.photos.read(photo, query.size);
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('Content-Type', query.size === 'thumb' ? 'image/webp' : photo.mime);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(data);
        return undefined;
      },
    }),
    defineRoute({
      id: 'reports.stillThere',
      method: 'post',
      path: '/api/track/:trackingToken/still-there',
      summary: 'The reporter says a closed problem is still (or again) there: reopens the same work order (409 STILL_OPEN while it is open, CLOSED_TOO_LONG_AGO after 28 days); JSON or multipart with one `photo`',
      tags: ['intake'],
      bodyType: 'json',
      before: [limiter, ...photoUpload(deps.config, { field: 'photo', maxFiles: 1, fields: 5, fieldSize: 8 * 1024 })],
      params: z.object({ trackingToken: z.string().min(1).max(100) }),
      body: z.object({ note: z.string().max(2000).default('') }),
      responses: {
        200: {
          description: 'Reopened',
          schema: z.object({ reference: z.string(), decision: z.literal('reopened'), status: z.string(), statusText: z.string(), dueAt: z.string() }),
        },
      },
      handler: async ({ req, params, body, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        const file = req.file as Express.Multer.File | undefined;
        return deps.stillThere.report(params.trackingToken, { note: body.note, photo: file ? await uploadedBytes(file) : null });
      },
    }),
  ];
}
