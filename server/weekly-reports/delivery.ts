/**
 * Emailing the weekly PDF to councillors, exactly once per councillor, ward
 * and week. One weekly_report_delivery row per (user, ward, week) — its
 * unique key stops a second Monday run, a restart or another instance from
 * creating a second delivery — and each send first claims its row with a
 * guarded UPDATE (status and attempt count must still be what we read), so
 * only one process ever sends a given row. A failed send is retried with
 * back-off; a send interrupted between SMTP and the database is marked
 * `unknown` for an admin rather than retried, because retrying could send twice.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { reportWeek } from '../../reports/weekly/week.js';
import type { Config } from '../config.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { Clock } from '../platform/clock.js';
import type { UserRepository } from '../users/user.repository.js';
import type { WeeklyReportArchive } from './archive.js';
import type { DeliveryStatus, WeeklyReport, WeeklyReportDelivery } from './weekly-report.entity.js';
import type { WeeklyReportRepository } from './weekly-report.repository.js';

/** Minutes to wait after the 1st, 2nd… failed attempt; after the last one the delivery gives up. */
export const RETRY_BACKOFF_MINUTES = [5, 15, 60, 180, 360];
export const MAX_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
/** A claim older than this with no outcome means the sender died mid-send. */
const STALE_SENDING_MS = 15 * 60_000;
/** The most deliveries the admin list shows. */
const LIST_LIMIT = 500;

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  markedUnknown: number;
}

export interface DeliveryView extends WeeklyReportDelivery {
  userEmail: string | null;
  userName: string | null;
}

export interface WeeklyReportDeliveryDeps {
  repo: WeeklyReportRepository;
  users: Pick<UserRepository, 'weeklyReportSubscriptions' | 'weeklyReportIsSubscribed' | 'weeklyReportUser' | 'weeklyReportUsers' | 'weeklyReportActiveCouncillorIds'>;
  archive: Pick<WeeklyReportArchive, 'read' | 'find'>;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'timeZone' | 'publicBaseUrl' | 'councilName'>;
  /** Written on each claim, so an admin can see which instance sent a row. */
  instanceId: string;
}

function shareText(share: number | null): string {
  return share === null ? 'no jobs were fixed' : `${Math.round(share * 100)}% of fixed jobs were within their deadline`;
}

export function deliveryEmail(config: Pick<Config, 'timeZone' | 'publicBaseUrl' | 'councilName'>, report: WeeklyReport, recipientName: string): { subject: string; text: string } {
  const s = report.summary;
  const week = reportWeek(report.week, config.timeZone);
  const url = `${config.publicBaseUrl}/api/wards/${report.wardCode}/reports/weekly?week=${report.week}`;
  return {
    subject: `${s.wardName}: weekly street-cleansing report, ${report.week} (${week.firstDay} to ${week.lastDay})`,
    text: [
      `Dear ${recipientName},`,
      '',
      `Attached is the street-cleansing report for ${s.wardName} for the week ${week.firstDay} to ${week.lastDay}.`,
      '',
      `- Requests received: ${s.received}`,
      `- Fixed, with before and after photos: ${s.fixed} (${shareText(s.withinDeadlineShare)})`,
      `- Closed without fixing: ${s.closedNotFixed} (reasons are listed in the report)`,
      `- Still open at the end of the week: ${s.stillOpen}, of which ${s.overdue} overdue`,
      '',
      'The report contains no residents\' names or contact details, so it can be forwarded to residents\' groups.',
      `You can also download it, and earlier weeks, here: ${url}`,
      '',
      `${config.councilName} street cleansing (Kerbside)`,
    ].join('\n'),
  };
}

export class WeeklyReportDeliveries {
  constructor(private readonly deps: WeeklyReportDeliveryDeps) {}

  /** Active councillors subscribed to the ward who have not opted out of email. */
  async recipientsOf(wardCode: string): Promise<{ id: string; email: string; name: string }[]> {
    const subs = await this.deps.users.weeklyReportSubscriptions(wardCode);
    if (!subs.length) return [];
    const users = await this.deps.users.weeklyReportUsers(subs.map((s) => s.userId));
    return users
      .filter((u) => u.role === 'councillor' && u.active && !u.emailOptOut)
      .map((u) => ({ id: u.id, email: u.email, name: u.name }))
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  /** Wards that at least one councillor is subscribed to, in code order. */
  async subscribedWards(): Promise<string[]> {
    const subs = await this.deps.users.weeklyReportSubscriptions();
    const councillors = new Set(await this.deps.users.weeklyReportActiveCouncillorIds());
    return [...new Set(subs.filter((s) => councillors.has(s.userId)).map((s) => s.wardCode))].sort();
  }

  /** Creates the delivery rows for a ward-week; rows that exist are left alone. Returns how many were new. */
  async create(wardCode: string, week: string): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    let created = 0;
    for (const r of await this.recipientsOf(wardCode)) {
      const row: WeeklyReportDelivery = {
        // No next_attempt_at: a new delivery is due at once.
        id: randomUUID(), userId: r.id, wardCode, week, status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null,
        claimedBy: null, claimedAt: null, sentAt: null, messageId: null, createdAt: now, updatedAt: now,
      };
      try {
        await this.deps.repo.insertDelivery(row);
        created += 1;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return created;
  }

  /** Sends every delivery that is due (new ones and retries whose back-off has passed). */
  async sendDue(now: Date): Promise<SendSummary> {
    const summary: SendSummary = { sent: 0, failed: 0, skipped: 0, markedUnknown: await this.markInterrupted(now) };
    for (const d of await this.deps.repo.dueDeliveries(now.toISOString())) {
      const outcome = await this.sendOne(d, now);
      if (outcome === 'sent') summary.sent += 1;
      else if (outcome === 'failed') summary.failed += 1;
      else if (outcome === 'skipped') summary.skipped += 1;
    }
    return summary;
  }

  async list(filter: { status?: DeliveryStatus; week?: string }): Promise<DeliveryView[]> {
    const rows = await this.deps.repo.listDeliveries(filter, LIST_LIMIT);
    const users = await this.deps.users.weeklyReportUsers([...new Set(rows.map((r) => r.userId))]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => ({ ...r, userEmail: byId.get(r.userId)?.email ?? null, userName: byId.get(r.userId)?.name ?? null }));
  }

  /** An admin's "send it again": the row goes back to pending and is sent now. */
  async resend(id: string): Promise<DeliveryView> {
    const { repo } = this.deps;
    const d = await repo.findDelivery(id);
    if (!d) throw new NotFoundError('DELIVERY_NOT_FOUND', 'There is no such report delivery.');
    if (d.status === 'sending') throw new ConflictError('DELIVERY_IN_PROGRESS', 'This email is being sent right now. Try again in a minute.');
    const now = this.deps.clock.now();
    await repo.updateDeliveryIfStatus(id, d.status, { status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), lastError: null, updatedAt: now.toISOString() });
    const fresh = (await repo.findDelivery(id))!;
    await this.sendOne(fresh, now);
    const after = (await repo.findDelivery(id))!;
    const user = await this.deps.users.weeklyReportUser(after.userId);
    return { ...after, userEmail: user?.email ?? null, userName: user?.name ?? null };
  }

  /** Marks sends that were claimed long ago and never finished: the process died mid-send. */
  private markInterrupted(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
    return this.deps.repo.markInterrupted(
      cutoff,
      'Interrupted while sending: the email may or may not have gone. Re-send it if the councillor did not receive it.',
      now.toISOString(),
    );
  }

  private async finish(id: string, patch: Partial<WeeklyReportDelivery>): Promise<void> {
    await this.deps.repo.updateDelivery(id, { ...patch, updatedAt: this.deps.clock.now().toISOString() });
  }

  /** Sends one claimed-or-claimable delivery. Returns its outcome. */
  private async sendOne(d: WeeklyReportDelivery, now: Date): Promise<'sent' | 'failed' | 'skipped' | 'lost-claim'> {
    const { repo, users, archive, mailer, clock, logger } = this.deps;
    if (!(await repo.claim(d, this.deps.instanceId.slice(0, 80), now.toISOString()))) return 'lost-claim';
    const attempts = d.attempts + 1;
    const user = await users.weeklyReportUser(d.userId);
    const subscribed = await users.weeklyReportIsSubscribed(d.userId, d.wardCode);
    if (!user || !user.active || user.emailOptOut || user.role !== 'councillor' || !subscribed) {
      await this.finish(d.id, { status: 'skipped', lastError: 'The councillor opted out of email or no longer receives this ward.', nextAttemptAt: null });
      return 'skipped';
    }
    try {
      const report = await archive.find(d.wardCode, d.week);
      if (!report) throw new Error(`No archived report for ${d.wardCode} ${d.week}`);
      const pdf = await archive.read(report);
      const mail = deliveryEmail(this.deps.config, report, user.name);
      const { messageId } = await mailer.send({
        to: user.email,
        subject: mail.subject,
        text: mail.text,
        attachments: [{ filename: `${report.summary.wardName.replace(/[^A-Za-z0-9]+/g, '-')}-${report.week}.pdf`, content: pdf, contentType: 'application/pdf' }],
      });
      await this.finish(d.id, { status: 'sent', sentAt: clock.now().toISOString(), messageId: messageId.slice(0, 250), lastError: null, nextAttemptAt: null });
      logger.info({ delivery: d.id, ward: d.wardCode, week: d.week, attempts }, 'weekly report emailed');
      return 'sent';
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const giveUp = attempts >= MAX_ATTEMPTS;
      const next = giveUp ? null : new Date(now.getTime() + RETRY_BACKOFF_MINUTES[attempts - 1] * 60_000).toISOString();
      await this.finish(d.id, { status: giveUp ? 'gave_up' : 'failed', lastError: message, nextAttemptAt: next });
      logger.warn({ delivery: d.id, ward: d.wardCode, week: d.week, attempts, nextAttemptAt: next, err: message }, 'weekly report email failed');
      return 'failed';
    }
  }
}
