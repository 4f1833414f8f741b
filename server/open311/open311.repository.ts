/** Every query on open311_request and open311_update. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { Open311RequestEntity, Open311UpdateEntity, type Open311Request, type Open311Update } from './open311.entity.js';

export class Open311Repository {
  constructor(private readonly db: Database) {}

  hasRequestExtras(serviceRequestId: string): Promise<boolean> {
    return this.db.manager.getRepository(Open311RequestEntity).existsBy({ serviceRequestId });
  }

  async insertRequestExtras(row: Open311Request): Promise<void> {
    await this.db.manager.getRepository(Open311RequestEntity).insert(row);
  }

  requestExtrasOf(serviceRequestIds: string[]): Promise<Open311Request[]> {
    return this.db.manager.getRepository(Open311RequestEntity).findBy({ serviceRequestId: In(serviceRequestIds) });
  }

  findUpdate(apiClientId: string, externalUpdateId: string, em: EntityManager = this.db.manager): Promise<Open311Update | null> {
    return em.getRepository(Open311UpdateEntity).findOneBy({ apiClientId, externalUpdateId });
  }

  /** Returns the new row's id. */
  async insertUpdate(row: Omit<Open311Update, 'id'>, em: EntityManager): Promise<number> {
    const inserted = await em.getRepository(Open311UpdateEntity).insert(row);
    return Number(inserted.identifiers[0]?.id);
  }
}
