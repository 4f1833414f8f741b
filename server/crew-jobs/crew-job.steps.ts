/**
 * What each crew step does to the work order, once it has been allowed: one
 * change through the change path per move (state machine + event row). The
 * state machine stamps the status's own fields (startedAt, closedAt, outcome);
 * a step adds its quantities, Defra fields, photo flags and event data.
 */
import type { FlyTipFields } from '../categories/defra.js';
import type { Photo } from '../photos/photo.entity.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { judgeProof } from '../work-orders/evidence.js';
import type { ChangeSpec } from '../work-orders/work-order.service.js';
import { minutesBetween, type CrewAction, type NotCompletedReason } from './crew-job.rules.js';

export interface StepContext {
  /** The work order as it was when the step was allowed. */
  wo: WorkOrder;
  note: string | null | undefined;
  reason: NotCompletedReason | undefined;
  /** The checked quantities the step carries, if any. */
  quantities: Record<string, number> | undefined;
  /** For a fly-tip: the confirmed Defra fields; otherwise the work order's own. */
  wasteData: FlyTipFields | null;
  flyTip: boolean;
  /** The photo the step carried, stored. */
  photo: Photo | null;
  /** For an extra photo sent without one: the kind asked for. */
  photoKind: Photo['kind'] | undefined;
  /** The note, when its author ticked "tell the resident"; else crew notes stay internal. */
  publicNote: string | null;
  /** When the step happened (see stepTime). */
  at: string;
  /** When and how it arrived, recorded on every event the step writes. */
  timing: Record<string, string>;
  /** The category asks for a before photo (a proof without one needs review). */
  requiresBefore: boolean;
  /** For a completion: the job's before photo in force, which becomes its proof with the after photo. */
  proofBefore: Photo | null;
  /** One change through the change path, in the step's transaction and as its actor. */
  change(current: WorkOrder, spec: Omit<ChangeSpec, 'actor'>): Promise<WorkOrder>;
}

type Step = (c: StepContext) => Promise<void>;

/** The photo's ids (and quality flags) and the step's timing, as every event of the step records them. */
function photoData(c: StepContext): Record<string, unknown> {
  const photoIds = c.photo ? [c.photo.id] : [];
  const reason = c.photo?.crewReason ? { photoReason: c.photo.crewReason } : {};
  const publicNote = c.publicNote ? { publicNote: c.publicNote } : {};
  return { ...(c.photo ? { photoIds, photoFlags: c.photo.flags, ...reason } : { photoIds }), ...publicNote, ...c.timing };
}

/** Before/after photos' quality flags add up on the work order: the dispatcher and the councillor PDF count them. */
function flagged(c: StepContext, current: WorkOrder): Partial<WorkOrder> {
  const { photo } = c;
  return photo && (photo.kind === 'before' || photo.kind === 'after') && photo.flags.some((f) => !current.evidenceFlags?.includes(f))
    ? { evidenceFlags: [...new Set([...(current.evidenceFlags ?? []), ...photo.flags])] }
    : {};
}

function withQuantities(current: WorkOrder, quantities: Record<string, number> | undefined): Record<string, number> {
  return { ...(current.quantities ?? {}), ...(quantities ?? {}) };
}

/** complete/partial from "assigned" (allowed only when the category needs no before photo): start first. */
async function ensureStarted(c: StepContext): Promise<WorkOrder> {
  if (c.wo.status !== 'assigned') return c.wo;
  return c.change(c.wo, {
    to: 'in_progress',
    at: c.at,
    event: { type: 'started', note: 'Work started', isPublic: true, data: { photoIds: [], implicit: true, ...c.timing } },
  });
}

const start: Step = async (c) => {
  if (c.wo.status === 'in_progress' || c.wo.status === 'partially_completed') {
    // Already started (a second tap, or coming back to a partial job): keep the photo, move nothing.
    await c.change(c.wo, { patch: flagged(c, c.wo), event: { type: 'photo', note: 'Before photo added', data: { ...photoData(c), kind: 'before' } } });
    return;
  }
  await c.change(c.wo, { to: 'in_progress', at: c.at, patch: flagged(c, c.wo), event: { type: 'started', note: c.note ?? 'Work started', isPublic: true, data: photoData(c) } });
};

/**
 * Closing as fixed fixes the proof (this after photo and the before photo in
 * force) and judges it: clean proof is accepted at once and the closure is
 * public; flagged proof waits for the office, and residents hear of the
 * closure only when it is accepted (server/work-orders/evidence.ts).
 */
const complete: Step = async (c) => {
  const current = await ensureStarted(c);
  const startedAt = current.startedAt ?? c.at;
  const proof = judgeProof(c.proofBefore, c.photo, c.requiresBefore);
  const accepted = proof.status === 'accepted';
  await c.change(current, {
    to: 'completed',
    at: c.at,
    outcome: { note: c.note ?? null },
    patch: {
      quantities: withQuantities(current, c.quantities),
      wasteData: c.wasteData,
      ...flagged(c, current),
      evidenceStatus: proof.status,
      proofBeforeId: c.proofBefore?.id ?? null,
      proofAfterId: c.photo?.id ?? null,
    },
    event: {
      type: 'completed',
      note: accepted ? 'Cleared' : 'Cleared by the crew; photos to be checked by the office',
      isPublic: accepted,
      data: {
        evidence: proof.status,
        evidenceFlags: proof.flags,
        proofPhotoIds: [c.proofBefore?.id, c.photo?.id].filter(Boolean),
        ...photoData(c),
        quantities: c.quantities ?? {},
        wasteData: c.wasteData,
        wasteDataCorrected: c.flyTip && JSON.stringify(c.wasteData) !== JSON.stringify(c.wo.wasteData),
        note: c.note ?? null,
        timeOnSiteMinutes: minutesBetween(startedAt, c.at),
        timeToClearMinutes: minutesBetween(current.openedAt, c.at),
      },
    },
  });
};

const partial: Step = async (c) => {
  const current = await ensureStarted(c);
  await c.change(current, {
    // Named even when already partly done: a later visit's time, reason and note replace the earlier ones.
    to: 'partially_completed',
    at: c.at,
    outcome: { reason: c.reason ?? null, note: c.note ?? null },
    patch: { quantities: withQuantities(current, c.quantities), wasteData: c.wasteData, ...flagged(c, current) },
    event: { type: 'partially_completed', note: c.note ?? 'Partly done', data: { ...photoData(c), quantities: c.quantities ?? {}, reason: c.reason ?? null } },
  });
};

const notCompleted: Step = async (c) => {
  await c.change(c.wo, {
    to: 'not_completed',
    at: c.at,
    outcome: { reason: c.reason, note: c.note ?? null },
    patch: c.quantities ? { quantities: withQuantities(c.wo, c.quantities) } : {},
    event: { type: 'not_completed', note: c.note ?? null, data: { ...photoData(c), reason: c.reason, quantities: c.quantities ?? null } },
  });
};

const photo: Step = async (c) => {
  await c.change(c.wo, { patch: flagged(c, c.wo), event: { type: 'photo', note: c.note ?? null, data: { ...photoData(c), kind: c.photo?.kind ?? c.photoKind ?? 'extra' } } });
};

export const STEPS: Readonly<Record<CrewAction, Step>> = { start, complete, partial, not_completed: notCompleted, photo };
