/** Every query on the ward table. */
import type { Database } from '../../db/data-source.js';
import { WardEntity, type Ward } from './ward.entity.js';

export class WardRepository {
  constructor(private readonly db: Database) {}

  all(): Promise<Ward[]> {
    return this.db.manager.getRepository(WardEntity).find();
  }
}
