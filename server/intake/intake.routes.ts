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
import type { TrackingService } from './tracking.service.js';

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
  tracking: Pick<TrackingService, 'view'>;
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
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return deps.tracking.view(params.trackingToken);
      },
    }),
  ];
}
