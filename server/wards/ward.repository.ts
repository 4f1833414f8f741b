/** Every query on the ward table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { WardEntity, type Ward } from './ward.entity.js';

export class WardRepository {
  constructor(private readonly db: Database) {}

  all(): Promise<Ward[]> {
    return this.db.manager.getRepository(WardEntity).find();
  }

  count(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(WardEntity).count();
  }

  async insertMany(wards: Ward[], em: EntityManager = this.db.manager): Promise<void> {
    for (const w of wards) await em.getRepository(WardEntity).insert(w);
  }
}
