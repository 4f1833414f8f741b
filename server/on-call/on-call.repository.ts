/** Every query on the on-call rota. */
import type { Database } from '../../db/data-source.js';
import { OnCallSlotEntity, type OnCallSlot } from './on-call.entity.js';

export class OnCallRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<OnCallSlot[]> {
    return this.db.manager.getRepository(OnCallSlotEntity).find({ order: { start: 'ASC', contactName: 'ASC' } });
  }

  findById(id: string): Promise<OnCallSlot | null> {
    return this.db.manager.getRepository(OnCallSlotEntity).findOneBy({ id });
  }

  async insert(slot: OnCallSlot): Promise<void> {
    await this.db.manager.getRepository(OnCallSlotEntity).insert(slot);
  }

  /** Writes the slot only if it is still at `version`; returns whether it was. */
  async updateIfVersion(slot: OnCallSlot, version: number): Promise<boolean> {
    const { id, ...columns } = slot;
    const r = await this.db.manager.createQueryBuilder().update(OnCallSlotEntity).set(columns as never).where('id = :id AND version = :version', { id, version }).execute();
    return r.affected !== 0;
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.db.manager.getRepository(OnCallSlotEntity).delete({ id });
    return r.affected !== 0;
  }

  count(): Promise<number> {
    return this.db.manager.getRepository(OnCallSlotEntity).count();
  }
}
