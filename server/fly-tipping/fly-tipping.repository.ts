/** Every query on fly_tip_enforcement. */
import { Between, In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
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

  ofWorkOrders(workOrderIds: string[]): Promise<FlyTipEnforcement[]> {
    if (!workOrderIds.length) return Promise.resolve([]);
    return this.db.manager.getRepository(FlyTipEnforcementEntity).find({ where: { workOrderId: In(workOrderIds) }, order: { takenOn: 'ASC' } });
  }

  /** Actions taken on local dates from `first` to `last` inclusive (YYYY-MM-DD). */
  takenBetween(first: string, last: string): Promise<FlyTipEnforcement[]> {
    return this.db.manager.getRepository(FlyTipEnforcementEntity).find({ where: { takenOn: Between(first, last) }, order: { takenOn: 'ASC' } });
  }
}
