import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** One email owed to one reporter: `ack`, or `closed:<event id>` for each closure. The key makes it once-only. */
export interface ReporterNotice {
  requestId: string;
  kind: string;
  status: 'sending' | 'sent' | 'failed';
  createdAt: string;
}

export const ReporterNoticeEntity = new EntitySchema<ReporterNotice>({
  name: 'ReporterNotice',
  tableName: 'reporter_notice',
  columns: {
    requestId: col.uuid({ name: 'request_id', primary: true }),
    kind: col.str(60, { primary: true }),
    status: col.str(10),
    createdAt: col.instant({ name: 'created_at' }),
  },
});
