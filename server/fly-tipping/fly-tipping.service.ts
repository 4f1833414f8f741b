/**
 * What the office records about a fly-tip after the crew: enforcement actions
 * (Defra's list, each on a date) and corrections to the Defra fields the crew
 * gave (size, waste type, land type), so the month's WasteDataFlow return can
 * be completed. Each change is a work-order change (version-checked, one
 * event row), so the job page's history shows who recorded what.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { ENFORCEMENT_ACTIONS, recordsFlyTipReturn } from '../categories/defra.js';
import type { CategoryService } from '../categories/category.service.js';
import { confirmFlyTipFields, type WasteDataInput } from '../crew-jobs/fly-tip-fields.js';
import { NotFoundError, UnprocessableError, ValidationError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import { newRowId } from '../platform/ids.js';
import { localParts } from '../sla/local-time.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { Actor, WorkOrderService } from '../work-orders/work-order.service.js';
import type { FlyTipEnforcement } from './fly-tip-enforcement.entity.js';
import type { FlyTippingRepository } from './fly-tipping.repository.js';

export interface FlyTippingDeps {
  db: Pick<Database, 'transaction' | 'lock'>;
  repo: FlyTippingRepository;
  workOrders: Pick<WorkOrderService, 'get' | 'change' | 'announce'>;
  categories: Pick<CategoryService, 'find'>;
  clock: Clock;
  timeZone: string;
}

export interface EnforcementView {
  id: string;
  action: string;
  actionLabel: string;
  takenOn: string;
  recordedBy: string;
  createdAt: string;
}

const actionLabel = (key: string) => ENFORCEMENT_ACTIONS.find((a) => a.key === key)?.label ?? key;

export function enforcementView(row: FlyTipEnforcement): EnforcementView {
  return { id: row.id, action: row.action, actionLabel: actionLabel(row.action), takenOn: row.takenOn, recordedBy: row.recordedBy, createdAt: row.createdAt };
}

export class FlyTippingService {
  constructor(private readonly deps: FlyTippingDeps) {}

  async actionsOf(workOrderId: string): Promise<EnforcementView[]> {
    await this.deps.workOrders.get(workOrderId);
    return (await this.deps.repo.ofWorkOrder(workOrderId)).map(enforcementView);
  }

  /** Records one action on a fly-tip's work order; 422 NOT_A_FLY_TIP for other categories, 400 for a date in the future. */
  async recordAction(workOrderId: string, input: { version: number; action: string; takenOn: string }, actor: Actor): Promise<{ workOrder: WorkOrder; action: EnforcementView }> {
    if (!ENFORCEMENT_ACTIONS.some((a) => a.key === input.action)) {
      throw new ValidationError(`Please choose one of Defra's enforcement actions: ${ENFORCEMENT_ACTIONS.map((a) => a.key).join(', ')}.`, { fields: [{ field: 'action', message: 'Not one of Defra’s actions' }] });
    }
    const today = localParts(this.deps.clock.now(), this.deps.timeZone).date;
    if (input.takenOn > today) throw new ValidationError('The date an action was taken cannot be in the future.', { fields: [{ field: 'takenOn', message: 'In the future' }] });
    const row: FlyTipEnforcement = {
      id: newRowId(), workOrderId, action: input.action, takenOn: input.takenOn, recordedByUserId: actor.userId, recordedBy: actor.label, createdAt: this.deps.clock.now().toISOString(),
    };
    const workOrder = await this.inChange(workOrderId, async (em, wo) => {
      await this.assertFlyTip(wo);
      const next = await this.deps.workOrders.change(em, wo, {
        expectedVersion: input.version, event: { type: 'enforcement', note: `${actionLabel(input.action)} on ${input.takenOn}`, data: { action: input.action, takenOn: input.takenOn, id: row.id } }, actor,
      });
      await this.deps.repo.insert(row, em);
      return next;
    });
    return { workOrder, action: enforcementView(row) };
  }

  /** Removes an action recorded by mistake. */
  async removeAction(workOrderId: string, actionId: string, version: number, actor: Actor): Promise<WorkOrder> {
    return this.inChange(workOrderId, async (em, wo) => {
      const row = await this.deps.repo.findOne(actionId, em);
      if (!row || row.workOrderId !== workOrderId) throw new NotFoundError('ENFORCEMENT_NOT_FOUND', 'There is no such enforcement action on this work order.');
      const next = await this.deps.workOrders.change(em, wo, {
        expectedVersion: version, event: { type: 'enforcement_removed', note: `${actionLabel(row.action)} on ${row.takenOn} removed`, data: { id: row.id, action: row.action, takenOn: row.takenOn } }, actor,
      });
      await this.deps.repo.delete(actionId, workOrderId, em);
      return next;
    });
  }

  /** The office's correction of the Defra fields (each from Defra's list; 422 WASTE_DATA_INVALID otherwise). */
  async correctFields(workOrderId: string, input: { version: number } & WasteDataInput, actor: Actor): Promise<WorkOrder> {
    return this.inChange(workOrderId, async (em, wo) => {
      await this.assertFlyTip(wo);
      const { version, ...given } = input;
      const wasteData = confirmFlyTipFields(wo.wasteData ?? {}, given, false);
      return this.deps.workOrders.change(em, wo, {
        expectedVersion: version, patch: { wasteData }, event: { type: 'waste_data', note: 'Fly-tip details for Defra corrected by the office', data: { before: wo.wasteData, after: wasteData } }, actor,
      });
    });
  }

  private async inChange(workOrderId: string, work: (em: EntityManager, wo: WorkOrder) => Promise<WorkOrder>): Promise<WorkOrder> {
    const next = await this.deps.db.transaction(async (em) => {
      await this.deps.db.lock(em, `wo:${workOrderId}`);
      return work(em, await this.deps.workOrders.get(workOrderId, em));
    });
    this.deps.workOrders.announce(next);
    return next;
  }

  private async assertFlyTip(wo: WorkOrder): Promise<void> {
    if (!recordsFlyTipReturn(await this.deps.categories.find(wo.categoryCode))) {
      throw new UnprocessableError('NOT_A_FLY_TIP', 'This job is not a fly-tip, so it is not part of the WasteDataFlow return.');
    }
  }
}
