/** Every query on the postcode table. */
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
}
