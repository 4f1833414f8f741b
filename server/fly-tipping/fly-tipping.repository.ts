/** Every query on fly_tip_enforcement. */
import { Between, In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { IN_LIST_MAX, idSlices } from '../../db/id-slices.js';
import { FlyTipEnforcementEntity, type FlyTipEnforcement } from './fly-tip-enforcement.entity.js';

export class FlyTippingRepository {
  constructor(private readonly db: Database) {}

  async insert(row: FlyTipEnforcement, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(FlyTipEnforcementEntity).insert(row as never);
  }

  async delete(id: string, workOrderId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const result = await em.getRepository(FlyTipEnforcementEntity).delete({ id, workOrderId });
    return (result.affected ?? 0) > 0;
  }

  findOne(id: string, em: EntityManager = this.db.manager): Promise<FlyTipEnforcement | null> {
    return em.getRepository(FlyTipEnforcementEntity).findOneBy({ id });
  }

  /** A work order's actions, in the order they were taken. */
  ofWorkOrder(workOrderId: string): Promise<FlyTipEnforcement[]> {
    return this.db.manager.getRepository(FlyTipEnforcementEntity).find({ where: { workOrderId }, order: { takenOn: 'ASC', createdAt: 'ASC' } });
  }

  /** The actions on any of these work orders, in the order taken; one query per thousand ids (an export page is one). */
  async ofWorkOrders(workOrderIds: readonly string[]): Promise<FlyTipEnforcement[]> {
    const found: FlyTipEnforcement[] = [];
    for (const ids of idSlices(workOrderIds)) {
      found.push(...(await this.db.manager.getRepository(FlyTipEnforcementEntity).find({ where: { workOrderId: In(ids) }, order: { takenOn: 'ASC' } })));
    }
    return found.length && workOrderIds.length > IN_LIST_MAX ? found.sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0)) : found;
  }

  /** Actions taken on local dates from `first` to `last` inclusive (YYYY-MM-DD). */
  takenBetween(first: string, last: string): Promise<FlyTipEnforcement[]> {
    return this.db.manager.getRepository(FlyTipEnforcementEntity).find({ where: { takenOn: Between(first, last) }, order: { takenOn: 'ASC' } });
  }
}
