/** The office's work-order API: lists with filters, one work order in full, and the dispatcher's triage actions. */
import { z } from 'zod';
import { ForbiddenError } from '../errors.js';
import { actorLabel, actorUserId, type Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { UserService } from '../users/user.service.js';
import { REJECT_REASONS, type TriageService } from './triage.service.js';
import type { JobActionsService } from './job-actions.service.js';
import type { WorkOrder } from './work-order.entity.js';
import type { WorkOrderQuery } from './work-order.query.js';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from './work-order.state.js';
import type { WorkOrderViews } from './work-order.view.js';
import type { Actor, WorkOrderService } from './work-order.service.js';

const idParams = z.object({ id: z.string().uuid() });
const version = z.number().int().min(1);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();
const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(WORK_ORDER_STATUSES)))
  .optional();

const listQuery = z.object({
  status: statusList,
  ward: z.string().max(12).optional(),
  category: z.string().max(40).optional(),
  crew: z.string().uuid().optional(),
  dueBefore: z.string().datetime({ offset: true }).optional(),
  atRisk: flag,
  overdue: flag,
  source: z.enum(['public', 'partner', 'open311', 'staff', 'sweep']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

function actorOf(p: Principal): Actor {
  return { userId: actorUserId(p), label: actorLabel(p) };
}

export interface WorkOrderRouteDeps {
  workOrders: Pick<WorkOrderService, 'get'>;
  workOrderQuery: Pick<WorkOrderQuery, 'list'>;
  workOrderViews: Pick<WorkOrderViews, 'detail'>;
  triage: Pick<TriageService, 'accept' | 'reject' | 'merge' | 'split' | 'recategorise' | 'changePriority' | 'addNote'>;
  users: Pick<UserService, 'wardCodes'>;
  jobActions: Pick<JobActionsService, 'reopen' | 'cancel' | 'publicUpdate'>;
}

export function workOrderRoutes(deps: WorkOrderRouteDeps): RouteDef[] {
  /** Councillors see their own wards only; everyone else allowed here sees all. */
  const wardScope = async (p: Principal): Promise<string[] | undefined> =>
    p.kind === 'user' && p.user.role === 'councillor' ? deps.users.wardCodes(p.user.id) : undefined;

  /** Crew leads see their own crew's jobs only (least privilege: the job list and detail are office views). */
  const crewScope = (p: Principal): string | undefined => {
    if (p.kind !== 'user' || p.user.role !== 'crew_lead') return undefined;
    if (!p.user.crewId) throw new ForbiddenError('You are not the lead of a crew, so you have no crew jobs.', 'NOT_YOUR_CREW');
    return p.user.crewId;
  };

  /** The job page's view of the work order an action returned (the row it wrote, so no second read). */
  const view = (wo: WorkOrder, p: Principal) => deps.workOrderViews.detail(wo, p);

  return [
    defineRoute({
      id: 'workOrders.list', method: 'get', path: '/api/work-orders', tags: ['work orders'],
      summary: 'Work orders, most urgent deadline first; filters status (comma list), ward, category, crew, dueBefore, atRisk, overdue, source; paged',
      query: listQuery,
      handler: async ({ query, principal }) => {
        const wards = await wardScope(principal);
        if (wards && query.ward && !wards.includes(query.ward)) throw new ForbiddenError('That ward is not one of yours.', 'NOT_YOUR_WARD');
        const ownCrew = crewScope(principal);
        if (ownCrew && query.crew && query.crew !== ownCrew) throw new ForbiddenError('That is not your crew.', 'NOT_YOUR_CREW');
        return deps.workOrderQuery.list({ ...query, ...(ownCrew ? { crew: ownCrew } : {}), status: query.status as WorkOrderStatus[] | undefined, wardCodes: wards });
      },
    }),
    defineRoute({
      id: 'workOrders.get', method: 'get', path: '/api/work-orders/:id', tags: ['work orders'],
      summary: 'One work order with its reports, history and photos (reporter contact for staff roles only)',
      params: idParams,
      handler: async ({ params, principal }) => {
        const wo = await deps.workOrders.get(params.id);
        const wards = await wardScope(principal);
        if (wards && !wards.includes(wo.wardCode)) throw new ForbiddenError('This work order is not in one of your wards.', 'NOT_YOUR_WARD');
        const ownCrew = crewScope(principal);
        if (ownCrew && wo.crewId !== ownCrew) throw new ForbiddenError('This job is not on your crew’s list.', 'NOT_YOUR_CREW');
        return deps.workOrderViews.detail(wo, principal);
      },
    }),
    defineRoute({
      id: 'workOrders.accept', method: 'post', path: '/api/work-orders/:id/accept', tags: ['triage'],
      summary: 'Accept a new work order into planning', params: idParams, body: z.object({ version }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.triage.accept(params.id, body.version, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.reject', method: 'post', path: '/api/work-orders/:id/reject', tags: ['triage'],
      summary: 'Reject with a reason; `message` is shown and emailed to the reporters',
      params: idParams,
      body: z.object({ version, reason: z.enum(REJECT_REASONS).default('other'), message: z.string().trim().min(3).max(1000) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.triage.reject(params.id, body.version, body.reason, body.message, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.merge', method: 'post', path: '/api/work-orders/:id/merge', tags: ['triage'],
      summary: 'Mark as a duplicate of another open work order; its reports move there',
      params: idParams, body: z.object({ version, intoId: z.string().uuid() }),
      handler: async ({ params, body, principal }) => {
        const { merged } = await deps.triage.merge(params.id, body.version, body.intoId, actorOf(principal));
        return view(merged, principal);
      },
    }),
    defineRoute({
      id: 'workOrders.split', method: 'post', path: '/api/work-orders/:id/split', tags: ['triage'],
      summary: 'Move one report out into a new work order of its own',
      params: idParams, body: z.object({ version, requestId: z.string().uuid() }),
      handler: async ({ params, body, principal }) => {
        const { from, created } = await deps.triage.split(params.id, body.version, body.requestId, actorOf(principal));
        return { ...(await view(from, principal)), created: { id: created.id, reference: created.reference } };
      },
    }),
    defineRoute({
      id: 'workOrders.recategorise', method: 'post', path: '/api/work-orders/:id/recategorise', tags: ['triage'],
      summary: 'Change the category; the deadline is recomputed from the first report',
      params: idParams, body: z.object({ version, categoryCode: z.string().trim().min(1).max(40) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.triage.recategorise(params.id, body.version, body.categoryCode, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.priority', method: 'post', path: '/api/work-orders/:id/priority', tags: ['triage'],
      summary: 'Change the priority', params: idParams, body: z.object({ version, priority: z.enum(['urgent', 'high', 'normal', 'low']) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.triage.changePriority(params.id, body.version, body.priority, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.note', method: 'post', path: '/api/work-orders/:id/notes', tags: ['triage'],
      summary: 'Add an internal note (staff only; never shown to reporters or councillors)',
      params: idParams, body: z.object({ version, note: z.string().trim().min(1).max(2000) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.triage.addNote(params.id, body.version, body.note, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.reopen', method: 'post', path: '/api/work-orders/:id/reopen', tags: ['dispatch'],
      summary: 'Reopen a closed job with a reason; it goes back to planning, off any crew',
      params: idParams, body: z.object({ version, reason: z.string().trim().min(3).max(1000) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.jobActions.reopen(params.id, body.version, body.reason, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.cancel', method: 'post', path: '/api/work-orders/:id/cancel', tags: ['dispatch'],
      summary: 'Cancel an open job; `reason` is shown and emailed to the reporters',
      params: idParams, body: z.object({ version, reason: z.string().trim().min(3).max(1000) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.jobActions.cancel(params.id, body.version, body.reason, actorOf(principal)), principal);
      },
    }),
    defineRoute({
      id: 'workOrders.publicUpdate', method: 'post', path: '/api/work-orders/:id/public-updates', tags: ['dispatch'],
      summary: 'A public update to the reporters: on the tracking page, emailed, and in Open311 updates',
      params: idParams, body: z.object({ version, message: z.string().trim().min(3).max(1000) }),
      handler: async ({ params, body, principal }) => {
        return view(await deps.jobActions.publicUpdate(params.id, body.version, body.message, actorOf(principal)), principal);
      },
    }),
  ];
}
