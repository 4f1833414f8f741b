import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface SessionRow {
  sid: string;
  data: string;
  expiresAt: string;
}

export const SessionEntity = new EntitySchema<SessionRow>({
  name: 'Session',
  tableName: 'http_session',
  columns: {
    sid: col.str(128, { primary: true }),
    data: col.text(),
    expiresAt: col.instant({ name: 'expires_at' }),
  },
});
