/**
 * The office's review of a job's proof. Accepting makes a completed job
 * fixed in public (its closure event is the one residents and Open311 hear
 * of). Rejecting sends the job back to a crew as a revisit: it is reopened
 * with the reviewer's reason and put back on the list of the crew that closed
 * it for today, so it is done again with new photos; a job is never left
 * "completed" on proof the council has rejected. If that crew cannot take it
 * (retired, not allowed the category) the job stays reopened on the board for
 * the dispatcher. Every review is an event in the work order's history.
 */
import type { Database } from '../../db/data-source.js';
import { AppError, ConflictError, StaleVersionError } from '../errors.js';
import type { PhotoService } from '../photos/photo.service.js';
import { evidenceStatusOf, proofFlags, proofOf } from './evidence.js';
import type { WorkOrder } from './work-order.entity.js';
import type { WorkOrderRepository } from './work-order.repository.js';
import type { Actor, WorkOrderService } from './work-order.service.js';

export type EvidenceDecision = 'accept' | 'reject';

export interface EvidenceServiceDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  workOrders: Pick<WorkOrderService, 'get' | 'change' | 'announce'>;
  workOrderRows: Pick<WorkOrderRepository, 'evidenceToReview'>;
  photos: Pick<PhotoService, 'ofWorkOrder'>;
  /** Puts a reopened job back on a crew's list for today (the dispatch service's assign). */
  revisit: (workOrderId: string, crewId: string, version: number, actor: Actor) => Promise<WorkOrder>;
}

export class EvidenceService {
  constructor(private readonly deps: EvidenceServiceDeps) {}

  async review(workOrderId: string, input: { decision: EvidenceDecision; note: string | null; version: number }, actor: Actor): Promise<WorkOrder> {
    const d = this.deps;
    const note = input.note?.trim() || null;
    const result = await d.db.transaction(async (em) => {
      await d.db.lock(em, `wo:${workOrderId}`);
      const wo = await d.workOrders.get(workOrderId, em);
      // Checked first so a stale reviewer hears STALE_VERSION, not "nothing to review" (the change path checks it again).
      if (wo.version !== input.version) throw new StaleVersionError('work order', wo.version);
      if (wo.status !== 'completed' || evidenceStatusOf(wo) !== 'needs_review') {
        throw new ConflictError('EVIDENCE_NOT_UNDER_REVIEW', `Job ${wo.reference} has no evidence waiting for review (it is ${wo.status.replace('_', ' ')}, evidence ${evidenceStatusOf(wo).replace('_', ' ')}).`, {
          status: wo.status,
          evidence: evidenceStatusOf(wo),
        });
      }
      const proof = proofOf(wo, await d.photos.ofWorkOrder(wo.id, em));
      const flags = proofFlags(wo, proof);
      const data = { decision: input.decision, reviewNote: note, flags, proofPhotoIds: [proof.before?.id, proof.after?.id].filter(Boolean) };
      if (input.decision === 'accept') {
        return d.workOrders.change(em, wo, {
          expectedVersion: input.version,
          patch: { evidenceStatus: 'accepted' },
          // The public closure: residents and Open311 clients hear "cleared" now, with the after photo.
          event: { type: 'evidence_accepted', note: 'Cleared', isPublic: true, data: { ...data, evidence: 'accepted' } },
          actor,
        });
      }
      return d.workOrders.change(em, wo, {
        expectedVersion: input.version,
        to: 'reopened',
        patch: { evidenceStatus: 'rejected', evidenceFlags: [], proofBeforeId: null, proofAfterId: null, completedAt: null },
        event: { type: 'evidence_rejected', note: note ? `Evidence rejected: ${note}` : 'Evidence rejected', data: { ...data, evidence: 'rejected', crewId: wo.crewId, revisit: true } },
        actor,
      });
    });
    d.workOrders.announce(result);
    if (input.decision === 'reject' && result.crewId) {
      try {
        return await d.revisit(result.id, result.crewId, result.version, actor);
      } catch (e) {
        // Stays reopened on the board: the dispatcher gives it to a crew that can take it.
        if (e instanceof AppError && e.status < 500) return result;
        throw e;
      }
    }
    return result;
  }

  /** Jobs whose proof waits for the office, oldest closure first. */
  queue(limit = 100): Promise<WorkOrder[]> {
    return this.deps.workOrderRows.evidenceToReview(limit);
  }
}
