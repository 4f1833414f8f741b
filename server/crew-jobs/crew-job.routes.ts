/**
 * The crew tablet's API. Writes are multipart/form-data: the image in field
 * `photo`, every other field as one JSON string in field `data` (a plain JSON
 * body is accepted too when there is no photo). Each write needs an
 * Idempotency-Key; the answer is the updated work order.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { defineRoute, parseOrThrow, type RouteDef } from '../http/route.js';
import { dataOf, errorBody, userOf } from '../http/tablet-request.js';
import { parseIdempotencyKey, requestFingerprint, type IdempotencyService } from '../idempotency/idempotency.service.js';
import { photoUpload, uploadedPhoto } from '../photos/photo-upload.js';
import type { WorkOrderViews } from '../work-orders/work-order.view.js';
import type { CrewDayService } from './crew-day.service.js';
import { NOT_COMPLETED_REASONS, type CrewAction } from './crew-job.rules.js';
import type { CrewActionInput, CrewJobService } from './crew-job.service.js';

const idParams = z.object({ id: z.string().uuid() });
/** For the OpenAPI document; the image arrives as the file field `photo` (multer), the rest is parsed from `data` per step. */
const multipartBody = z.object({
  data: z.union([z.string().max(256 * 1024), z.record(z.string(), z.unknown())]).optional().describe('Every field except the photo, as one JSON object (a string in multipart)'),
});
const note = z.string().trim().max(2000).nullish();
const quantities = z.record(z.string().max(40), z.number().finite()).optional();
const wasteData = z
  .object({ size: z.string().max(60).optional(), wasteType: z.string().max(60).optional(), landType: z.string().max(60).optional(), enforcement: z.string().max(60).nullish() })
  .optional();

/**
 * The tablet's clock at the tap. An unreadable one is dropped (server time is
 * used) rather than refused: a queued step that can never be accepted would be lost evidence.
 */
const capturedAt = z.iso.datetime({ offset: true }).optional().catch(undefined);

/**
 * The tablet's own position (Geolocation API: degrees and accuracy in metres)
 * and clock when the photo was taken; used where the photo's EXIF has none
 * (a browser's file input usually strips it). Unreadable parts are dropped, not refused.
 */
const device = z
  .object({
    lat: z.number().min(-90).max(90).nullish().catch(null),
    lng: z.number().min(-180).max(180).nullish().catch(null),
    accuracyM: z.number().min(0).max(100_000).nullish().catch(null),
    capturedAt: z.iso.datetime({ offset: true }).nullish().catch(null),
  })
  .optional()
  .catch(undefined);
/** Why the crew kept a photo the tablet warned about (old, far, no position). */
const photoReason = z.string().trim().max(500).nullish();
/** The crew lead ticked "tell the resident": their note is shown to the reporter (tracking, Open311); otherwise it stays internal. */
const tellResident = z.boolean().optional();

const DATA: Record<CrewAction, z.ZodType<Partial<CrewActionInput>>> = {
  start: z.object({ note, capturedAt, device, photoReason, tellResident }),
  complete: z.object({ quantities, wasteData, note, capturedAt, device, photoReason, tellResident }),
  partial: z.object({ quantities, wasteData, note, capturedAt, device, photoReason, tellResident, reason: z.enum(NOT_COMPLETED_REASONS).optional() }),
  not_completed: z.object({ reason: z.enum(NOT_COMPLETED_REASONS), note, quantities, capturedAt, device, photoReason, tellResident }),
  photo: z
    .object({ kind: z.enum(['before', 'after', 'extra']).default('extra'), note, capturedAt, device, photoReason })
    .transform(({ kind, ...rest }) => ({ photoKind: kind, ...rest })),
};

const PATHS: Record<CrewAction, { path: string; id: string; summary: string }> = {
  start: { path: 'start', id: 'crewJobs.start', summary: 'Start a job (before photo required unless the category says otherwise)' },
  complete: { path: 'complete', id: 'crewJobs.complete', summary: 'Close a job as fixed: after photo, quantities, fly-tip Defra fields, note' },
  not_completed: { path: 'not-completed', id: 'crewJobs.notCompleted', summary: 'Could not do the job: reason code (+ note); it goes back to the dispatcher' },
  partial: { path: 'partial', id: 'crewJobs.partial', summary: 'Partly done: quantities so far, note, optional photo' },
  photo: { path: 'photos', id: 'crewJobs.photos', summary: 'Add an extra photo to a job' },
};


export interface CrewJobRouteDeps {
  config: Config;
  crewJobs: Pick<CrewJobService, 'act'>;
  crewDay: Pick<CrewDayService, 'jobsForToday'>;
  idempotency: Pick<IdempotencyService, 'run'>;
  workOrderViews: Pick<WorkOrderViews, 'detail'>;
}

/** Only `config` is read while the list is built (the OpenAPI document and the access matrix build it with nothing else). */
export function crewJobRoutes(deps: CrewJobRouteDeps): RouteDef[] {
  const action = (kind: CrewAction): RouteDef => {
    const { path, id, summary } = PATHS[kind];
    return defineRoute({
      id,
      method: 'post',
      path: `/api/crew/jobs/:id/${path}`,
      summary: `${summary}. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required`,
      tags: ['crew'],
      params: idParams,
      body: multipartBody,
      bodyType: 'multipart',
      before: photoUpload(deps.config),
      handler: async ({ req, res, params, principal }) => {
        const photo = await uploadedPhoto(req);
        const key = parseIdempotencyKey(req.get('idempotency-key'));
        const data = dataOf(req);
        const fingerprint = requestFingerprint({
          method: req.method,
          path: req.path,
          data: data.raw,
          photo: photo ? createHash('sha256').update(photo).digest('hex') : null,
        });
        const answer = await deps.idempotency.run(
          { key, principal: userOf(principal).id, fingerprint },
          async () => {
            const input = parseOrThrow(DATA[kind], data.value, 'data');
            const wo = await deps.crewJobs.act({ ...input, action: kind, workOrderId: params.id, user: userOf(principal), photo });
            // The same JSON as GET /api/work-orders/:id gives this crew lead.
            return { status: 200, body: await deps.workOrderViews.detail(wo, principal) };
          },
          (e: AppError) => ({ status: e.status, body: errorBody(e, req.id) }),
        ).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'IDEMPOTENCY_IN_PROGRESS') res.setHeader('Retry-After', '2');
          throw e;
        });
        if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
        res.status(answer.status).json(answer.body);
        return undefined;
      },
    });
  };

  return [
    defineRoute({
      id: 'crewJobs.today',
      method: 'get',
      path: '/api/crew/today',
      summary: "The crew's jobs for today in route order, with what the tablet needs offline (ETag; 304 on If-None-Match)",
      tags: ['crew'],
      handler: async ({ req, res, principal }) => {
        const body = await deps.crewDay.jobsForToday(userOf(principal));
        const json = JSON.stringify(body);
        const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', 'private, no-cache');
        const inm = req.get('if-none-match');
        if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
          res.status(304).end();
          return undefined;
        }
        res.type('application/json').send(json);
        return undefined;
      },
    }),
    action('start'),
    action('complete'),
    action('not_completed'),
    action('partial'),
    action('photo'),
  ];
}
