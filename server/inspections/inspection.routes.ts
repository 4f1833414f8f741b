/**
 * Cleanliness surveys under /api/inspections: transects (admins draw and
 * import them), survey tranches and their draw, the inspector's day and the
 * survey itself (multipart like the crew's steps, with an Idempotency-Key,
 * so the tablet's outbox can send it as often as it needs), the index per
 * ward (public: it names no one), partnership areas, and the CSV export.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { defineRoute, parseOrThrow, type RouteDef } from '../http/route.js';
import { dataOf, errorBody, userOf } from '../http/tablet-request.js';
import { parseIdempotencyKey, requestFingerprint, type IdempotencyService } from '../idempotency/idempotency.service.js';
import { photoUpload, uploadedPhoto } from '../photos/photo-upload.js';
import { ELEMENTS, GRADES, LAND_USES } from './grades.js';
import type { InspectionService } from './inspection.service.js';

const idParams = z.object({ id: z.string().uuid() });
const wardParams = z.object({ code: z.string().regex(/^[A-Z]\d{8}$/, 'a ward code such as E05000899') });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const lineString = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2, 'a line needs two points').max(200) });
const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4).max(500)).min(1).max(5) });
const transectGeometry = z.discriminatedUnion('type', [lineString, polygon], { error: 'must be a GeoJSON LineString or Polygon geometry' });
const landUse = z.enum(LAND_USES, { error: `must be one of ${LAND_USES.join(', ')}` });
const grade = z.enum(GRADES, { error: `must be one of ${GRADES.join(', ')}` });

const transectFields = { name: z.string().trim().min(1, 'is required').max(120), landUse, geometry: transectGeometry };
const transectJson = z.object({
  id: z.string().uuid(), name: z.string(), wardCode: z.string(), landUse: z.enum(LAND_USES),
  geometry: z.object({ type: z.enum(['LineString', 'Polygon']), coordinates: z.array(z.unknown()) }), lat: z.number(), lng: z.number(), active: z.boolean(), createdAt: z.string(),
});
const importBody = z.object({
  type: z.literal('FeatureCollection', { error: 'must be a GeoJSON FeatureCollection' }),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: transectGeometry,
        properties: z.object({ name: z.string().trim().min(1).max(120), landUse }),
      }),
    )
    .min(1, 'has no features')
    .max(5000),
});
const trancheJson = z.object({
  id: z.string().uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string(), samplePerWard: z.number().int(), seed: z.string(),
  status: z.enum(['planned', 'drawing', 'drawn']), drawnAt: z.string().nullable(), createdAt: z.string(),
});
const gradesJson = z.object(Object.fromEntries(ELEMENTS.map((e) => [e, z.enum(GRADES).nullable()])) as Record<(typeof ELEMENTS)[number], z.ZodNullable<z.ZodEnum<{ [K in (typeof GRADES)[number]]: K }>>>);
const visitJson = z.object({
  id: z.string().uuid(), kind: z.enum(['sample', 'reinspection']), status: z.enum(['assigned', 'done']), dueOn: z.string(), trancheName: z.string(),
  wardCode: z.string(), wardName: z.string(),
  transect: z.object({ id: z.string(), name: z.string(), landUse: z.enum(LAND_USES), geometry: transectJson.shape.geometry, lat: z.number(), lng: z.number() }),
  grades: gradesJson.nullable(), surveyedAt: z.string().nullable(), workOrderId: z.string().nullable(),
});
const elementIndexJson = z.object({ surveyed: z.number().int(), below: z.number().int(), percent: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
const elementsJson = z.object(Object.fromEntries(ELEMENTS.map((e) => [e, elementIndexJson])) as Record<(typeof ELEMENTS)[number], typeof elementIndexJson>);
const tranchePointJson = z.object({
  trancheId: z.string(), trancheName: z.string(), startsOn: z.string(),
  index: z.object({ surveyed: z.number().int(), elements: elementsJson, strata: z.array(z.object({ landUse: z.enum(LAND_USES), surveyed: z.number().int(), elements: elementsJson })) }),
});
const trendJson = z.object({ direction: z.enum(['better', 'worse', 'same', 'unknown']), change: z.number().nullable() });
const wardIndexJson = z.object({
  ward: z.object({ code: z.string(), name: z.string() }), tranches: z.array(tranchePointJson),
  trend: z.object(Object.fromEntries(ELEMENTS.map((e) => [e, trendJson])) as Record<(typeof ELEMENTS)[number], typeof trendJson>), slipping: z.boolean(),
});
const summaryJson = z.array(z.object({
  ward: z.object({ code: z.string(), name: z.string() }), tranche: z.object({ id: z.string(), name: z.string() }).nullable(), surveyed: z.number().int(),
  litter: elementIndexJson.nullable(), detritus: elementIndexJson.nullable(), litterTrend: trendJson, detritusTrend: trendJson, slipping: z.boolean(),
}));
const areaJson = z.object({
  area: z.object({ id: z.string(), name: z.string(), startedOn: z.string(), boundary: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.unknown()) }) }),
  transects: z.number().int(), before: tranchePointJson.nullable(), after: tranchePointJson.nullable(), tranches: z.array(tranchePointJson),
});

/** The survey's fields, in `data` (a JSON string in multipart, or the JSON body itself). */
const surveyData = z.object({
  grades: z.object({ litter: grade, detritus: grade, graffiti: grade.nullable().default(null), flyPosting: grade.nullable().default(null) }),
  note: z.string().trim().max(2000).nullish(),
  /** The tablet's clock at the tap; an unreadable one is dropped (server time is used) rather than refused, so the survey is never lost. */
  capturedAt: z.iso.datetime({ offset: true }).optional().catch(undefined),
  position: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).passthrough().nullish().catch(undefined),
});
const multipartBody = z.object({ data: z.union([z.string().max(64 * 1024), z.record(z.string(), z.unknown())]).optional().describe('grades {litter, detritus, graffiti, flyPosting}, note, capturedAt, position {lat, lng}: as one JSON string in multipart') });

export interface InspectionRouteDeps {
  config: Config;
  inspections: InspectionService;
  idempotency: Pick<IdempotencyService, 'run'>;
}

export function inspectionRoutes(deps: InspectionRouteDeps): RouteDef[] {
  const s = () => deps.inspections;
  return [
    defineRoute({
      id: 'inspections.transects.list', method: 'get', path: '/api/inspections/transects', summary: 'Survey transects (short stretches of street or small areas) with their land use and ward', tags: ['inspections'],
      query: z.object({ ward: wardParams.shape.code.optional() }),
      responses: { 200: { description: 'Transects by ward and name', schema: z.array(transectJson) } },
      handler: ({ query }) => s().listTransects(query.ward),
    }),
    defineRoute({
      id: 'inspections.transects.create', method: 'post', path: '/api/inspections/transects', summary: 'Draw a transect (a line up to 500 m or a small area); its ward is where its middle falls', tags: ['inspections'],
      body: z.strictObject(transectFields), status: 201,
      responses: { 201: { description: 'Created', schema: transectJson } },
      handler: ({ body }) => s().createTransect(body),
    }),
    defineRoute({
      id: 'inspections.transects.update', method: 'patch', path: '/api/inspections/transects/:id', summary: 'Rename, reclassify, redraw or retire a transect (past surveys keep it)', tags: ['inspections'],
      params: idParams, body: z.strictObject({ ...transectFields, active: z.boolean() }).partial(),
      responses: { 200: { description: 'Changed', schema: transectJson } },
      handler: ({ params, body }) => s().updateTransect(params.id, body),
    }),
    defineRoute({
      id: 'inspections.transects.import', method: 'post', path: '/api/inspections/transects/import', summary: 'Import a GeoJSON FeatureCollection of transects (properties name and landUse); all or nothing', tags: ['inspections'],
      body: importBody, status: 201,
      responses: { 201: { description: 'Imported', schema: z.object({ created: z.number().int(), wards: z.record(z.string(), z.number().int()) }) } },
      handler: ({ body }) => s().importTransects(body.features),
    }),
    defineRoute({
      id: 'inspections.tranches.list', method: 'get', path: '/api/inspections/tranches', summary: 'Survey plans: tranches, their sample size per ward and how many visits were drawn', tags: ['inspections'],
      responses: { 200: { description: 'Oldest first', schema: z.array(trancheJson.extend({ visits: z.number().int() })) } },
      handler: () => s().listTranches(),
    }),
    defineRoute({
      id: 'inspections.tranches.create', method: 'post', path: '/api/inspections/tranches', summary: 'Plan a tranche (the daily job draws it on its first day)', tags: ['inspections'],
      body: z.strictObject({ name: z.string().trim().min(1).max(60).optional(), startsOn: day, endsOn: day, samplePerWard: z.number().int().min(1).max(500).optional(), seed: z.string().trim().min(1).max(64).optional() }),
      status: 201,
      responses: { 201: { description: 'Planned', schema: trancheJson } },
      handler: ({ body }) => s().createTranche(body),
    }),
    defineRoute({
      id: 'inspections.tranches.draw', method: 'post', path: '/api/inspections/tranches/:id/draw', summary: 'Draw a planned tranche now: a random sample per ward stratified by land use, handed to the inspectors', tags: ['inspections'],
      params: idParams,
      responses: { 200: { description: 'Drawn', schema: z.object({ tranche: trancheJson, drawn: z.number().int(), byWard: z.record(z.string(), z.number().int()) }) } },
      handler: ({ params }) => s().drawTranche(params.id),
    }),
    defineRoute({
      id: 'inspections.visits.mine', method: 'get', path: '/api/inspections/my-visits', summary: "The transects to grade today (and overdue ones), with the last day's graded ones", tags: ['inspections'],
      responses: { 200: { description: "The inspector's day", schema: z.object({ day: z.string(), visits: z.array(visitJson) }) } },
      handler: ({ res, principal }) => {
        res.setHeader('Cache-Control', 'private, no-cache');
        return s().visitsFor(userOf(principal));
      },
    }),
    defineRoute({
      id: 'inspections.visits.survey', method: 'post', path: '/api/inspections/visits/:id/survey',
      summary: 'Grade a transect: litter, detritus, graffiti, fly-posting (A to D), optional photo, position and time. A C or D for litter or detritus opens a work order. Multipart: image in "photo", the rest as JSON in "data"; header Idempotency-Key (UUID) required',
      tags: ['inspections'], params: idParams, body: multipartBody, bodyType: 'multipart', before: photoUpload(deps.config),
      responses: { 200: { description: 'The graded visit', schema: visitJson } },
      handler: async ({ req, res, params, principal }) => {
        const photo = await uploadedPhoto(req);
        const key = parseIdempotencyKey(req.get('idempotency-key'));
        const data = dataOf(req);
        const user = userOf(principal);
        const fingerprint = requestFingerprint({ method: req.method, path: req.path, data: data.raw, photo: photo ? createHash('sha256').update(photo).digest('hex') : null });
        const answer = await deps.idempotency.run(
          { key, principal: user.id, fingerprint },
          async () => {
            const input = parseOrThrow(surveyData, data.value, 'data');
            const body = await s().recordSurvey({ visitId: params.id, user, grades: input.grades, note: input.note, capturedAt: input.capturedAt, position: input.position ?? null, photo });
            return { status: 200, body };
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
    }),
    defineRoute({
      id: 'inspections.workOrderTrail', method: 'get', path: '/api/inspections/work-orders/:id', summary: 'The survey that raised a work order and its re-inspection after clearance', tags: ['inspections'],
      params: idParams,
      responses: { 200: { description: 'Survey and re-inspection (null when none)', schema: z.object({ survey: visitJson.nullable(), reinspection: visitJson.nullable() }) } },
      handler: ({ params }) => s().trailOfWorkOrder(params.id),
    }),
    defineRoute({
      id: 'inspections.index.wards', method: 'get', path: '/api/inspections/index', summary: 'Cleanliness index of every surveyed ward: latest tranche, litter and detritus below grade B with 95 % Wilson intervals, and which wards are slipping', tags: ['inspections'],
      responses: { 200: { description: 'Slipping wards first', schema: summaryJson } },
      handler: () => s().wardsSummary(),
    }),
    defineRoute({
      id: 'inspections.index.ward', method: 'get', path: '/api/inspections/index/wards/:code', summary: "One ward's cleanliness index per tranche and element, by land use, with its trend", tags: ['inspections'],
      params: wardParams,
      responses: { 200: { description: 'Oldest tranche first', schema: wardIndexJson } },
      handler: ({ params }) => s().wardIndex(params.code),
    }),
    defineRoute({
      id: 'inspections.areas.list', method: 'get', path: '/api/inspections/areas', summary: 'Partnership areas with their index before the partnership began and since', tags: ['inspections'],
      query: z.object({ ward: wardParams.shape.code.optional() }),
      responses: { 200: { description: 'Areas by name', schema: z.array(areaJson) } },
      handler: ({ query }) => s().partnershipAreas(query.ward),
    }),
    defineRoute({
      id: 'inspections.areas.create', method: 'post', path: '/api/inspections/areas', summary: 'Draw a partnership area (a polygon) and the day its partnership began', tags: ['inspections'],
      body: z.strictObject({ name: z.string().trim().min(1).max(120), boundary: z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4).max(5000)).min(1).max(50) }), startedOn: day }),
      status: 201,
      responses: { 201: { description: 'Created' } },
      handler: ({ body }) => s().createArea(body as never),
    }),
    defineRoute({
      id: 'inspections.surveys.csv', method: 'get', path: '/api/inspections/surveys.csv', summary: 'Every survey visit as CSV (grades, time, device position; no names)', tags: ['inspections'],
      query: z.object({ tranche: z.string().uuid().optional(), ward: wardParams.shape.code.optional() }),
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      handler: async ({ query, res }) => {
        const csv = await s().exportCsv({ trancheId: query.tranche, wardCode: query.ward });
        res.setHeader('Content-Disposition', 'attachment; filename="surveys.csv"');
        res.type('text/csv; charset=utf-8').send(csv);
        return undefined;
      },
    }),
  ];
}
