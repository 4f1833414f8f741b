/**
 * Public, no login: open reports near a point, one report's public page, and
 * following a report by email (with its unsubscribe). Nothing here reads a
 * reporter's contact details, their description or their landmark text.
 */
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { TooManyRequestsError } from '../errors.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { PublicReportService } from './public-report.service.js';

const ward = z.object({ code: z.string(), name: z.string() });
const nearbyReport = z.object({
  reference: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  status: z.string(),
  statusText: z.string(),
  place: z.string(),
  reportedAt: z.string(),
  lat: z.number(),
  lng: z.number(),
  distanceM: z.number(),
});
const publicReport = z.object({
  reference: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  place: z.string(),
  ward,
  lat: z.number(),
  lng: z.number(),
  reportedAt: z.string(),
  status: z.string(),
  statusText: z.string(),
  open: z.boolean(),
  fixed: z.boolean(),
  closedAt: z.string().nullable(),
  publicSummary: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), text: z.string() })),
  afterPhoto: z.object({ url: z.string(), thumbUrl: z.string() }).nullable(),
});
const referenceParams = z.object({ reference: z.string().min(1).max(20) });

export interface PublicReportRouteDeps {
  publicReports: Pick<PublicReportService, 'nearby' | 'report' | 'follow' | 'unsubscribe'>;
}

export function publicReportRoutes(deps: PublicReportRouteDeps): RouteDef[] {
  // Following sends an email: a stranger must not use it to flood someone's inbox.
  const followLimiter = rateLimit({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, _res, next) => next(new TooManyRequestsError('You have followed a lot of reports in the last minute. Please wait a minute and try again.')),
  });
  return [
    defineRoute({
      id: 'public.nearby',
      method: 'get',
      path: '/api/nearby',
      summary: 'Open reports within 250 m of a point, nearest first (public fields only), and the point’s nearest postcode and ward',
      tags: ['public'],
      query: z.object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) }),
      responses: { 200: { description: 'Nearby', schema: z.object({ point: z.object({ postcode: z.string().nullable(), ward: ward.nullable() }), reports: z.array(nearbyReport) }) } },
      handler: ({ query, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return deps.publicReports.nearby(query.lat, query.lng);
      },
    }),
    defineRoute({
      id: 'public.report',
      method: 'get',
      path: '/api/public/reports/:reference',
      summary: 'A report’s public page: category, place, status history in words, the accepted after photo (no personal data)',
      tags: ['public'],
      params: referenceParams,
      responses: { 200: { description: 'The report', schema: publicReport } },
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return deps.publicReports.report(params.reference);
      },
    }),
    defineRoute({
      id: 'public.follow',
      method: 'post',
      path: '/api/public/reports/:reference/follow',
      summary: 'Follow an open report by email instead of reporting it again (409 REPORT_CLOSED when closed); every email has an unsubscribe link',
      tags: ['public'],
      bodyType: 'json',
      before: [followLimiter],
      params: referenceParams,
      body: z.object({ email: z.string().trim().min(1).max(320) }),
      responses: { 200: { description: 'Following', schema: z.object({ reference: z.string(), following: z.literal(true) }) } },
      handler: ({ params, body }) => deps.publicReports.follow(params.reference, body.email),
    }),
    defineRoute({
      id: 'public.unsubscribe',
      method: 'post',
      path: '/api/unsubscribe/:token',
      summary: 'Stop following a report (the token from the email)',
      tags: ['public'],
      params: z.object({ token: z.string().min(1).max(100) }),
      responses: { 200: { description: 'Unsubscribed', schema: z.object({ reference: z.string(), unsubscribed: z.literal(true) }) } },
      handler: ({ params }) => deps.publicReports.unsubscribe(params.token),
    }),
  ];
}
