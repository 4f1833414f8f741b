import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** The headline figures kept with an archived PDF, for the email body and the archive list. */
export interface WeeklyReportSummary {
  wardName: string;
  received: number;
  fixed: number;
  closedNotFixed: number;
  stillOpen: number;
  overdue: number;
  withinDeadlineShare: number | null;
  pairs: number;
}

/** One archived PDF per ward and ISO week; the file lives under $DATA_DIR/reports and is served as stored. */
export interface WeeklyReport {
  id: string;
  wardCode: string;
  week: string; // 2026-W48
  sha256: string;
  bytes: number;
  pages: number;
  /** Relative to $DATA_DIR/reports. */
  path: string;
  summary: WeeklyReportSummary;
  generatedAt: string;
  createdAt: string;
}

export const WeeklyReportEntity = new EntitySchema<WeeklyReport>({
  name: 'WeeklyReport',
  tableName: 'weekly_report',
  columns: {
    id: col.uuid({ primary: true }),
    wardCode: col.str(12, { name: 'ward_code' }),
    week: col.str(8),
    sha256: col.str(64),
    bytes: col.int(),
    pages: col.int(),
    path: col.str(300),
    summary: col.json(),
    generatedAt: col.instant({ name: 'generated_at' }),
    createdAt: col.instant({ name: 'created_at' }),
  },
  uniques: [{ name: 'uq_weekly_report_ward_week', columns: ['wardCode', 'week'] }],
});

/**
 * pending → sending → sent; a failed send goes back to `failed` with a later
 * next_attempt_at, and to `gave_up` after the last attempt. `unknown`: the
 * process stopped mid-send, so the email may have gone; it is not retried
 * automatically (that could send it twice) but shown to admins to re-send.
 * `skipped`: the councillor opted out or left the ward before it was sent.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'gave_up' | 'unknown' | 'skipped';

export interface WeeklyReportDelivery {
  id: string;
  userId: string;
  wardCode: string;
  week: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  messageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const WeeklyReportDeliveryEntity = new EntitySchema<WeeklyReportDelivery>({
  name: 'WeeklyReportDelivery',
  tableName: 'weekly_report_delivery',
  columns: {
    id: col.uuid({ primary: true }),
    userId: col.uuid({ name: 'user_id' }),
    wardCode: col.str(12, { name: 'ward_code' }),
    week: col.str(8),
    status: col.str(12),
    attempts: col.int({ default: 0 }),
    nextAttemptAt: col.instant({ name: 'next_attempt_at', nullable: true }),
    lastError: col.text({ name: 'last_error', nullable: true }),
    claimedBy: col.str(80, { name: 'claimed_by', nullable: true }),
    claimedAt: col.instant({ name: 'claimed_at', nullable: true }),
    sentAt: col.instant({ name: 'sent_at', nullable: true }),
    messageId: col.str(250, { name: 'message_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
    updatedAt: col.instant({ name: 'updated_at' }),
  },
  uniques: [{ name: 'uq_weekly_delivery_user_ward_week', columns: ['userId', 'wardCode', 'week'] }],
});
