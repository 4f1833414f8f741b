/** Every query on report_follower (followers' email addresses live only here). */
import { In, IsNull } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { ReportFollowerEntity, type ReportFollower } from './follower.entity.js';

export class FollowerRepository {
  constructor(private readonly db: Database) {}

  insert(row: ReportFollower): Promise<unknown> {
    return this.db.manager.getRepository(ReportFollowerEntity).insert(row);
  }

  /** The live subscription of this address to this work order, if any (following twice is once). */
  findActive(workOrderId: string, email: string): Promise<ReportFollower | null> {
    return this.db.manager.getRepository(ReportFollowerEntity).findOneBy({ workOrderId, email, unsubscribedAt: IsNull() });
  }

  findByToken(unsubscribeToken: string): Promise<ReportFollower | null> {
    return this.db.manager.getRepository(ReportFollowerEntity).findOneBy({ unsubscribeToken });
  }

  async unsubscribe(id: string, at: string): Promise<void> {
    await this.db.manager.getRepository(ReportFollowerEntity).update({ id, unsubscribedAt: IsNull() }, { unsubscribedAt: at });
  }

  /** Who still follows any of these work orders: only to email them. */
  activeOf(workOrderIds: string[]): Promise<ReportFollower[]> {
    if (!workOrderIds.length) return Promise.resolve([]);
    return this.db.manager.getRepository(ReportFollowerEntity).findBy({ workOrderId: In(workOrderIds), unsubscribedAt: IsNull() });
  }
}
