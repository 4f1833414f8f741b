import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { mcol as c } from '../columns.js';

/**
 * Evidence as its own state beside the work order's status:
 * - `work_order.evidence_status` (accepted, needs_review, rejected, none; null
 *   while no crew has closed the job), and the one before and one after photo
 *   fixed as the job's proof when it was closed (`proof_before_id`,
 *   `proof_after_id`): photos sent later never replace them.
 * - `photo`: where the position and time came from (`exif` or the tablet's
 *   `device`), the device position's accuracy, and the crew's reason when
 *   they kept a photo the tablet warned about.
 * Closed jobs from before are backfilled: clean ones accepted, flagged ones needs_review.
 */
export class Evidence1765400000000 implements MigrationInterface {
  name = 'Evidence1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('work_order', [
      new TableColumn(c.str('evidence_status', 16, c.nullable)),
      new TableColumn(c.uuid('proof_before_id', c.nullable)),
      new TableColumn(c.uuid('proof_after_id', c.nullable)),
    ]);
    await q.addColumns('photo', [
      new TableColumn(c.str('position_source', 8, c.nullable)),
      new TableColumn(c.str('time_source', 8, c.nullable)),
      new TableColumn(c.float('accuracy_m', c.nullable)),
      new TableColumn(c.text('crew_reason', c.nullable)),
    ]);
    await q.query(`UPDATE work_order SET evidence_status = CASE WHEN evidence_flags = '[]' THEN 'accepted' ELSE 'needs_review' END WHERE status = 'completed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['crew_reason', 'accuracy_m', 'time_source', 'position_source']) await q.dropColumn('photo', name);
    for (const name of ['proof_after_id', 'proof_before_id', 'evidence_status']) await q.dropColumn('work_order', name);
  }
}
