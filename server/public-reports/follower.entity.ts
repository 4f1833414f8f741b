import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * A resident following a report they did not make ("Already reported? Follow
 * this one"). The email is for the office and the mailer only, like a
 * reporter's contact; the follower holds the unsubscribe token.
 */
export interface ReportFollower {
  id: string;
  workOrderId: string;
  /** The public reference they followed (KB-…), for the emails. */
  reference: string;
  email: string;
  unsubscribeToken: string;
  createdAt: string;
  unsubscribedAt: string | null;
}

export const ReportFollowerEntity = new EntitySchema<ReportFollower>({
  name: 'ReportFollower',
  tableName: 'report_follower',
  columns: {
    id: col.uuid({ primary: true }),
    workOrderId: col.uuid({ name: 'work_order_id' }),
    reference: col.str(20),
    email: col.str(320),
    unsubscribeToken: col.str(64, { name: 'unsubscribe_token', unique: true }),
    createdAt: col.instant({ name: 'created_at' }),
    unsubscribedAt: col.instant({ name: 'unsubscribed_at', nullable: true }),
  },
});
