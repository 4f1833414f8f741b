/** Every query on the http_session table. */
import { LessThan } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { SessionEntity, type SessionRow } from './session.entity.js';

export class SessionRepository {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.manager.getRepository(SessionEntity);
  }

  findBySid(sid: string): Promise<SessionRow | null> {
    return this.repo.findOneBy({ sid });
  }

  async upsert(row: SessionRow): Promise<void> {
    await this.repo.upsert(row, ['sid']);
  }

  async setExpiry(sid: string, expiresAt: string): Promise<void> {
    await this.repo.update({ sid }, { expiresAt });
  }

  async delete(sid: string): Promise<void> {
    await this.repo.delete({ sid });
  }

  /** How many sessions that expired before `at` were deleted. */
  async deleteExpiredBefore(at: string): Promise<number> {
    const r = await this.repo.delete({ expiresAt: LessThan(at) });
    return r.affected ?? 0;
  }
}
