/**
 * Councillors' weekly PDFs over HTTP: download a ward-week (archived copies
 * byte for byte), list a ward's archive, and for admins the email deliveries
 * with a re-send button. Councillors see only the wards they receive.
 */
import { z } from 'zod';
import { isWeekLabel } from '../../reports/weekly/week.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { UserService } from '../users/user.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WeeklyReportService } from './weekly-report.service.js';

export interface WeeklyReportRouteDeps {
  weeklyReports: WeeklyReportService;
  users: Pick<UserService, 'wardCodes'>;
  wardLocator: Pick<WardLocator, 'ward'>;
}

const wardParams = z.object({ code: z.string().regex(/^[A-Z]\d{8}$/, 'an ONS ward code like E05000899') });
const weekQuery = z.object({
  week: z.string().refine(isWeekLabel, 'an ISO week like 2026-W48').optional(),
});
const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'gave_up', 'unknown', 'skipped'] as const;
const deliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  week: z.string().refine(isWeekLabel, 'an ISO week like 2026-W48').optional(),
});

async function assertWardAccess(deps: WeeklyReportRouteDeps, principal: Principal, wardCode: string): Promise<void> {
  if (principal.kind === 'user' && principal.user.role === 'councillor') {
    const wards = await deps.users.wardCodes(principal.user.id);
    if (!wards.includes(wardCode)) throw new ForbiddenError('You receive reports for other wards; ask an admin to add this ward to your account.', 'NOT_YOUR_WARD');
  }
  if (!deps.wardLocator.ward(wardCode)) throw new NotFoundError('WARD_NOT_FOUND', `There is no ward ${wardCode}.`);
}

export function weeklyReportRoutes(deps: WeeklyReportRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'weeklyReports.pdf', method: 'get', path: '/api/wards/:code/reports/weekly',
      summary: 'The weekly PDF report for a ward (default: last complete week). Finished weeks are archived and always served as first stored.',
      tags: ['reports'], params: wardParams, query: weekQuery,
      responses: { 200: { description: 'The report', contentType: 'application/pdf' } },
      handler: async ({ params, query, principal, res }) => {
        await assertWardAccess(deps, principal, params.code);
        const { pdf, week, archived } = await deps.weeklyReports.forDownload(params.code, query.week);
        if (archived) {
          res.setHeader('ETag', `"${archived.sha256}"`);
          res.setHeader('Cache-Control', 'private, max-age=3600');
        } else {
          // The week is still running: a provisional copy, never archived.
          res.setHeader('Cache-Control', 'no-store');
        }
        res.setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Disposition', `inline; filename="${params.code}-${week}.pdf"`);
        res.setHeader('Content-Length', String(pdf.length));
        res.status(200).end(pdf);
        return undefined;
      },
    }),
    defineRoute({
      id: 'weeklyReports.list', method: 'get', path: '/api/wards/:code/reports', summary: 'Archived weekly reports of a ward, newest first', tags: ['reports'],
      params: wardParams,
      handler: async ({ params, principal }) => {
        await assertWardAccess(deps, principal, params.code);
        const rows = await deps.weeklyReports.listArchived(params.code);
        return rows.map((r) => ({
          week: r.week, bytes: r.bytes, pages: r.pages, sha256: r.sha256, createdAt: r.createdAt, summary: r.summary,
          url: `/api/wards/${r.wardCode}/reports/weekly?week=${r.week}`,
        }));
      },
    }),
    defineRoute({
      id: 'weeklyReports.deliveries', method: 'get', path: '/api/weekly-reports/deliveries',
      summary: 'Weekly-report emails to councillors with their status, attempts and last error', tags: ['reports', 'admin'], query: deliveryQuery,
      handler: ({ query }) => deps.weeklyReports.listDeliveries(query),
    }),
    defineRoute({
      id: 'weeklyReports.resend', method: 'post', path: '/api/weekly-reports/deliveries/:id/resend',
      summary: 'Send a weekly-report email again now', tags: ['reports', 'admin'], params: z.object({ id: z.string().uuid() }),
      handler: ({ params }) => deps.weeklyReports.resendDelivery(params.id),
    }),
  ];
}

