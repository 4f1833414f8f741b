/** Every query on the postcode table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { PostcodeEntity, type Postcode } from './postcode.entity.js';

export class PostcodeRepository {
  constructor(private readonly db: Database) {}

  findByCompact(compact: string): Promise<Postcode | null> {
    return this.db.manager.getRepository(PostcodeEntity).findOneBy({ compact });
  }


  count(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(PostcodeEntity).count();
  }

  /** Inserts in chunks of 500 rows: one statement per chunk keeps each under both databases' parameter limits. */
  async insertMany(rows: Postcode[], em: EntityManager = this.db.manager): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await em.getRepository(PostcodeEntity).insert(rows.slice(i, i + 500));
  }

  /** Every postcode's point, for the in-memory nearest-postcode index. */
  points(): Promise<{ display: string; lat: number; lng: number }[]> {
    return this.db.manager.getRepository(PostcodeEntity).find({ select: { display: true, lat: true, lng: true } });
  }
}
