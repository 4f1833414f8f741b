/**
 * The office's evidence review (queue and decision) and the reviewed public
 * description of a place: what public pages, Open311 and the councillor PDF
 * may show about a job.
 */
import { z } from 'zod';
import { actorLabel, actorUserId, type Principal } from '../http/principal.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { EvidenceService } from './evidence.service.js';
import type { Actor, WorkOrderService } from './work-order.service.js';
import type { WorkOrderViews } from './work-order.view.js';

const idParams = z.object({ id: z.string().uuid() });
const version = z.number().int().min(1);

const photoDoc = z.object({
  id: z.string(), kind: z.string(), takenAt: z.string().nullable(), gpsLat: z.number().nullable(), gpsLng: z.number().nullable(),
  positionSource: z.enum(['exif', 'device']).nullable(), timeSource: z.enum(['exif', 'device']).nullable(), accuracyM: z.number().nullable(),
  crewReason: z.string().nullable(), flags: z.array(z.string()), width: z.number(), height: z.number(), createdAt: z.string(), url: z.string(), thumbUrl: z.string(),
});
const evidenceDoc = z.object({
  status: z.enum(['accepted', 'needs_review', 'rejected', 'none']),
  flags: z.array(z.string()),
  flagWords: z.array(z.string()),
  before: photoDoc.nullable(),
  after: photoDoc.nullable(),
  review: z.object({ decision: z.enum(['accept', 'reject']), note: z.string().nullable(), by: z.string(), at: z.string() }).nullable(),
});
const queueDoc = z.object({
  items: z.array(
    z.object({
      id: z.string(), reference: z.string(), categoryCode: z.string(), ward: z.object({ code: z.string(), name: z.string() }),
      lat: z.number(), lng: z.number(), place: z.string().nullable(), crewId: z.string().nullable(), completedAt: z.string().nullable(), version: z.number(),
      evidence: evidenceDoc,
    }),
  ),
});

function actorOf(p: Principal): Actor {
  return { userId: actorUserId(p), label: actorLabel(p) };
}

export interface EvidenceRouteDeps {
  evidence: Pick<EvidenceService, 'review' | 'queue'>;
  workOrders: Pick<WorkOrderService, 'get' | 'changeById'>;
  workOrderViews: Pick<WorkOrderViews, 'detail' | 'evidenceOfMany'>;
}

export function evidenceRoutes(deps: EvidenceRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'evidence.queue', method: 'get', path: '/api/evidence/queue', tags: ['evidence'],
      summary: 'Jobs closed as fixed whose before/after photos wait for the office, oldest first, with the proof and its flags in words',
      responses: { 200: { description: 'The queue', schema: queueDoc } },
      handler: async () => {
        const wos = await deps.evidence.queue();
        const shown = await deps.workOrderViews.evidenceOfMany(wos);
        const items = wos.map((wo, i) => ({
          id: wo.id, reference: wo.reference, categoryCode: wo.categoryCode, ward: shown[i]!.ward, lat: wo.lat, lng: wo.lng,
          place: wo.publicPlace ?? wo.postcode, crewId: wo.crewId, completedAt: wo.completedAt, version: wo.version, evidence: shown[i]!.evidence,
        }));
        return { items };
      },
    }),
    defineRoute({
      id: 'workOrders.evidenceReview', method: 'post', path: '/api/work-orders/:id/evidence-review', tags: ['evidence'],
      summary: 'Accept or reject a job’s before/after evidence (409 STALE_VERSION, 409 EVIDENCE_NOT_UNDER_REVIEW). Rejecting reopens the job and puts it back on the crew’s list for today as a revisit, with the note as the reason',
      params: idParams,
      body: z.object({ decision: z.enum(['accept', 'reject']), note: z.string().trim().max(1000).nullish(), version }).refine((b) => b.decision === 'accept' || !!b.note?.trim(), {
        message: 'Say why the evidence is rejected: the crew sees it on the revisit.',
        path: ['note'],
      }),
      handler: async ({ params, body, principal }) => {
        const wo = await deps.evidence.review(params.id, { decision: body.decision, note: body.note ?? null, version: body.version }, actorOf(principal));
        return deps.workOrderViews.detail(wo, principal);
      },
    }),
    defineRoute({
      id: 'workOrders.publicPlace', method: 'post', path: '/api/work-orders/:id/public-place', tags: ['triage'],
      summary: 'Set how the place is described on public pages, Open311 and the councillor PDF (null: the nearest postcode). The resident’s own text is never shown unreviewed',
      params: idParams,
      body: z.object({ version, publicPlace: z.string().trim().max(200).nullable().transform((s) => s || null) }),
      handler: async ({ params, body, principal }) => {
        const wo = await deps.workOrders.changeById(params.id, {
          expectedVersion: body.version,
          patch: { publicPlace: body.publicPlace },
          event: { type: 'public_place', note: body.publicPlace ? `Public place set to “${body.publicPlace}”` : 'Public place cleared (the postcode is shown)', data: { publicPlace: body.publicPlace } },
          actor: actorOf(principal),
        });
        return deps.workOrderViews.detail(wo, principal);
      },
    }),
  ];
}
