/** Every query on the postcode table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { PostcodeEntity, type Postcode } from './postcode.entity.js';

export class PostcodeRepository {
  constructor(private readonly db: Database) {}

  findByCompact(compact: string): Promise<Postcode | null> {
    return this.db.manager.getRepository(PostcodeEntity).findOneBy({ compact });
  }

  /** Postcodes whose point lies in the box (inclusive). */
  inBox(box: { minLat: number; maxLat: number; minLng: number; maxLng: number }): Promise<Postcode[]> {
    return this.db.manager
      .getRepository(PostcodeEntity)
      .createQueryBuilder('p')
      .where('p.lat BETWEEN :a AND :b AND p.lng BETWEEN :c AND :e', { a: box.minLat, b: box.maxLat, c: box.minLng, e: box.maxLng })
      .getMany();
  }

  count(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(PostcodeEntity).count();
  }

  /** Inserts in chunks of 500 rows: one statement per chunk keeps each under both databases' parameter limits. */
  async insertMany(rows: Postcode[], em: EntityManager = this.db.manager): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await em.getRepository(PostcodeEntity).insert(rows.slice(i, i + 500));
  }
}
