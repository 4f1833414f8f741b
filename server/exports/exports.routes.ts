/**
 * Data out over HTTP: the work-order export as CSV and GeoJSON (streamed,
 * scoped by who asks), a preview of what an export will hold, the monthly
 * WasteDataFlow fly-tipping return, and the open-data CSV when an admin has
 * switched it on.
 */
import { z } from 'zod';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../errors.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { Logger } from 'pino';
import { WORK_ORDER_STATUSES } from '../work-orders/work-order.state.js';
import { csvText, writeCsv, writeGeoJson } from './export-writers.js';
import type { ExportAccess, ExportFilter, ExportsService } from './exports.service.js';
import { returnRows } from './wastedataflow.js';

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(WORK_ORDER_STATUSES)))
  .optional();

const filterQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  ward: z.string().regex(/^[A-Z]\d{8}$/, 'an ONS ward code like E05000899').optional(),
  category: z.string().max(40).optional(),
  status: statusList,
});
type FilterQuery = z.output<typeof filterQuery>;

const monthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
  format: z.enum(['csv', 'json']).default('csv'),
});

export interface ExportRouteDeps {
  exports: ExportsService;
  logger: Logger;
}

/** Open-data downloads streaming at once on this instance: the address is public, so a few at a time, the rest told to come back. */
const OPEN_DATA_CONCURRENCY = 2;

export function exportRoutes(deps: ExportRouteDeps): RouteDef[] {
  let openDataStreams = 0;

  const filterOf = (q: FilterQuery, access: ExportAccess): ExportFilter => {
    if (q.from && q.to && q.from > q.to) throw new ValidationError('The “from” date is after the “to” date.', { fields: [{ field: 'from', message: 'After “to”' }] });
    deps.exports.assertWard(access, q.ward);
    return { ...access.scope, ...deps.exports.instantsOf(q.from, q.to), ward: q.ward, category: q.category, status: q.status };
  };
  const filename = (ext: string, q: FilterQuery) =>
    ['kerbside-work-orders', q.ward, q.category, q.from && `from-${q.from}`, q.to && `to-${q.to}`].filter(Boolean).join('_') + `.${ext}`;

  /** Once the first bytes are out an error can only cut the download short; it is logged, never sent as a 5xx body. */
  const guarded = async (res: import('express').Response, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      if (!res.headersSent) throw error;
      deps.logger.error({ err: error }, 'export stopped part-way');
      res.destroy();
    }
  };

  return [
    defineRoute({
      id: 'exports.preview', method: 'get', path: '/api/exports/work-orders/preview', tags: ['exports'],
      summary: 'What an export with these filters will hold: how many work orders and which columns (your role decides both)',
      query: filterQuery,
      responses: { 200: { description: 'The count and the columns', schema: z.object({ count: z.number().int(), columns: z.array(z.string()), scope: z.enum(['office', 'councillor', 'partner', 'open_data']), wards: z.array(z.string()).nullable(), openDataPublished: z.boolean() }) } },
      handler: async ({ query, principal }) => {
        const access = await deps.exports.accessFor(principal);
        const f = filterOf(query, access);
        return { count: await deps.exports.count(f), columns: (await deps.exports.columns(access.audience)).map((c) => c.header), scope: access.audience, wards: access.scope.wardCodes ?? null, openDataPublished: await deps.exports.openDataPublished() };
      },
    }),
    defineRoute({
      id: 'exports.workOrdersCsv', method: 'get', path: '/api/exports/work-orders.csv', tags: ['exports'],
      summary: 'Work orders as CSV (RFC 4180, UTF-8 with BOM, CRLF), one row each, streamed; filters from, to (UK dates, inclusive), ward, category, status',
      query: filterQuery,
      responses: { 200: { description: 'The CSV', contentType: 'text/csv' } },
      handler: async ({ query, principal, res }) => {
        const access = await deps.exports.accessFor(principal);
        const f = filterOf(query, access);
        const columns = await deps.exports.columns(access.audience);
        await guarded(res, () => writeCsv(res, filename('csv', query), columns, deps.exports.pages(f)));
        return undefined;
      },
    }),
    defineRoute({
      id: 'exports.workOrdersGeoJson', method: 'get', path: '/api/exports/work-orders.geojson', tags: ['exports'],
      summary: 'Work orders as a GeoJSON FeatureCollection (RFC 7946, [longitude, latitude]), streamed; same filters and columns as the CSV',
      query: filterQuery,
      responses: { 200: { description: 'The GeoJSON', contentType: 'application/geo+json' } },
      handler: async ({ query, principal, res }) => {
        const access = await deps.exports.accessFor(principal);
        const f = filterOf(query, access);
        const columns = await deps.exports.columns(access.audience);
        await guarded(res, () => writeGeoJson(res, filename('geojson', query), columns, deps.exports.pages(f)));
        return undefined;
      },
    }),
    defineRoute({
      id: 'exports.wasteDataFlow', method: 'get', path: '/api/exports/wastedataflow', tags: ['exports', 'fly-tipping'],
      summary: 'The monthly WasteDataFlow fly-tipping return (month YYYY-MM, Europe/London) from fly-tips cleared that month: CSV laid out as WasteDataFlow asks, or JSON for the Exports page',
      query: monthQuery,
      responses: { 200: { description: 'The return', contentType: 'text/csv' } },
      handler: async ({ query, res }) => {
        const r = await deps.exports.wasteDataFlow(query.month);
        if (query.format === 'json') return r;
        const text = csvText(returnRows(r, { councilName: deps.exports.councilName, generatedAt: deps.exports.now().toISOString(), localTime: deps.exports.localTime }), { bom: true });
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="wastedataflow-fly-tipping-${query.month}.csv"`);
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).end(text);
        return undefined;
      },
    }),
    defineRoute({
      id: 'openData.workOrdersCsv', method: 'get', path: '/api/open-data/work-orders.csv', tags: ['open data'],
      summary: 'Open data: every work order as anonymised CSV (no personal data, no free text, positions to about 100 m), when an administrator has published it',
      query: filterQuery.pick({ from: true, to: true, ward: true, category: true }),
      responses: { 200: { description: 'The CSV', contentType: 'text/csv' } },
      handler: async ({ query, res }) => {
        if (!(await deps.exports.openDataPublished())) throw new NotFoundError('OPEN_DATA_NOT_PUBLISHED', 'This council has not published its work orders as open data.');
        const f = filterOf(query, { audience: 'open_data', scope: {} });
        if (openDataStreams >= OPEN_DATA_CONCURRENCY) {
          res.setHeader('Retry-After', '30');
          throw new TooManyRequestsError('The open data is being downloaded by others just now. Please try again in a minute.', 'OPEN_DATA_BUSY');
        }
        openDataStreams += 1;
        try {
          const columns = await deps.exports.columns('open_data');
          await guarded(res, () => writeCsv(res, filename('csv', query), columns, deps.exports.pages(f)));
        } finally {
          openDataStreams -= 1;
        }
        return undefined;
      },
    }),
  ];
}
