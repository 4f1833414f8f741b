/** Every query on the zone table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { ZoneEntity, type Zone } from './zone.entity.js';

export class ZoneRepository {
  constructor(private readonly db: Database) {}

  /**
   * Runs `work` in a transaction holding the zones lock, so two administrators'
   * edits (and the name check each makes) cannot interleave.
   */
  withZonesLocked<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await this.db.lock(em, 'zones');
      return work(em);
    });
  }

  count(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(ZoneEntity).count();
  }

  all(em: EntityManager = this.db.manager): Promise<Zone[]> {
    return em.getRepository(ZoneEntity).find();
  }

  findById(id: string, em: EntityManager = this.db.manager): Promise<Zone | null> {
    return em.getRepository(ZoneEntity).findOneBy({ id });
  }

  async insert(zone: Zone, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(ZoneEntity).insert(zone);
  }

  async update(zone: Zone, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(ZoneEntity).update({ id: zone.id }, { name: zone.name, zone: zone.zone, boundary: zone.boundary, note: zone.note });
  }

  /** Whether a zone was deleted. */
  async delete(id: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const result = await em.getRepository(ZoneEntity).delete({ id });
    return !!result.affected;
  }
}
