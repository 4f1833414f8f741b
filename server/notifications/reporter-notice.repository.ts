/** Every query on reporter_notice: which emails each reporter has been sent. */
import type { Database } from '../../db/data-source.js';
import { ReporterNoticeEntity, type ReporterNotice } from './reporter-notice.entity.js';

export class ReporterNoticeRepository {
  constructor(private readonly db: Database) {}

  /** Claims one email; throws when (request, kind) is claimed already, which makes each email once-only. */
  async claim(requestId: string, kind: string, createdAt: string): Promise<void> {
    await this.db.manager.getRepository(ReporterNoticeEntity).insert({ requestId, kind, status: 'sending', createdAt });
  }

  async setStatus(requestId: string, kind: string, status: ReporterNotice['status']): Promise<void> {
    await this.db.manager.getRepository(ReporterNoticeEntity).update({ requestId, kind }, { status });
  }
}
