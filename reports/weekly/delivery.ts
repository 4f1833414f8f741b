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
import type { Services } from '../../server/composition-root.js';
import { NotFoundError, ConflictError } from '../../server/errors.js';
import { UserEntity, WardSubscriptionEntity } from '../../server/users/user.entity.js';
import {
  WeeklyReportDeliveryEntity, WeeklyReportEntity, type DeliveryStatus, type WeeklyReport, type WeeklyReportDelivery,
} from '../../server/weekly-reports/weekly-report.entity.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { readArchived } from './archive.js';
import { reportWeek } from './week.js';

export type DeliveryDeps = Pick<Services, 'db' | 'config' | 'clock' | 'mailer' | 'logger' | 'instanceId'>;

/** Minutes to wait after the 1st, 2nd… failed attempt; after the last one the delivery gives up. */
export const RETRY_BACKOFF_MINUTES = [5, 15, 60, 180, 360];
export const MAX_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
/** A claim older than this with no outcome means the sender died mid-send. */
const STALE_SENDING_MS = 15 * 60_000;

/** Active councillors subscribed to the ward who have not opted out of email. */
export async function recipientsOf(deps: Pick<Services, 'db'>, wardCode: string): Promise<{ id: string; email: string; name: string }[]> {
  const subs = await deps.db.manager.getRepository(WardSubscriptionEntity).findBy({ wardCode });
  if (!subs.length) return [];
  const users = await deps.db.manager.getRepository(UserEntity).find({ where: subs.map((s) => ({ id: s.userId })) });
  return users
    .filter((u) => u.role === 'councillor' && u.active && !u.emailOptOut)
    .map((u) => ({ id: u.id, email: u.email, name: u.name }))
    .sort((a, b) => a.email.localeCompare(b.email));
}

/** Wards that at least one councillor is subscribed to, in code order. */
export async function subscribedWards(deps: Pick<Services, 'db'>): Promise<string[]> {
  const subs = await deps.db.manager.getRepository(WardSubscriptionEntity).find();
  const councillors = new Set(
    (await deps.db.manager.getRepository(UserEntity).findBy({ role: 'councillor', active: true })).map((u) => u.id),
  );
  return [...new Set(subs.filter((s) => councillors.has(s.userId)).map((s) => s.wardCode))].sort();
}

/** Creates the delivery rows for a ward-week; rows that exist are left alone. Returns how many were new. */
export async function createDeliveries(deps: DeliveryDeps, wardCode: string, week: string): Promise<number> {
  const now = deps.clock.now().toISOString();
  let created = 0;
  for (const r of await recipientsOf(deps, wardCode)) {
    const row: WeeklyReportDelivery = {
      // No next_attempt_at: a new delivery is due at once.
      id: randomUUID(), userId: r.id, wardCode, week, status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null,
      claimedBy: null, claimedAt: null, sentAt: null, messageId: null, createdAt: now, updatedAt: now,
    };
    try {
      await deps.db.transaction((em) => em.getRepository(WeeklyReportDeliveryEntity).insert(row as never));
      created += 1;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return created;
}

function shareText(share: number | null): string {
  return share === null ? 'no jobs were fixed' : `${Math.round(share * 100)}% of fixed jobs were within their deadline`;
}

export function deliveryEmail(deps: Pick<Services, 'config'>, report: WeeklyReport, recipientName: string): { subject: string; text: string } {
  const s = report.summary;
  const week = reportWeek(report.week, deps.config.timeZone);
  const url = `${deps.config.publicBaseUrl}/api/wards/${report.wardCode}/reports/weekly?week=${report.week}`;
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
      `${deps.config.councilName} street cleansing (Kerbside)`,
    ].join('\n'),
  };
}

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  markedUnknown: number;
}

/** Marks sends that were claimed long ago and never finished: the process died mid-send. */
async function markInterrupted(deps: DeliveryDeps, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
  const result = await deps.db.manager
    .createQueryBuilder()
    .update(WeeklyReportDeliveryEntity)
    .set({
      status: 'unknown' as DeliveryStatus,
      lastError: 'Interrupted while sending: the email may or may not have gone. Re-send it if the councillor did not receive it.',
      updatedAt: now.toISOString(),
    })
    .where('status = :s AND claimed_at < :cutoff', { s: 'sending', cutoff })
    .execute();
  return result.affected ?? 0;
}

/** Claims one row for this process: only succeeds if nobody changed it since we read it. */
async function claim(deps: DeliveryDeps, d: WeeklyReportDelivery, now: Date): Promise<boolean> {
  const result = await deps.db.manager
    .createQueryBuilder()
    .update(WeeklyReportDeliveryEntity)
    .set({ status: 'sending' as DeliveryStatus, claimedBy: deps.instanceId.slice(0, 80), claimedAt: now.toISOString(), attempts: d.attempts + 1, updatedAt: now.toISOString() })
    .where('id = :id AND status = :status AND attempts = :attempts', { id: d.id, status: d.status, attempts: d.attempts })
    .execute();
  return (result.affected ?? 0) === 1;
}

async function finish(deps: DeliveryDeps, id: string, patch: Partial<WeeklyReportDelivery>): Promise<void> {
  await deps.db.manager.getRepository(WeeklyReportDeliveryEntity).update({ id }, { ...patch, updatedAt: deps.clock.now().toISOString() });
}

/** Sends one claimed-or-claimable delivery. Returns its outcome. */
async function sendOne(deps: DeliveryDeps, d: WeeklyReportDelivery, now: Date): Promise<'sent' | 'failed' | 'skipped' | 'lost-claim'> {
  if (!(await claim(deps, d, now))) return 'lost-claim';
  const attempts = d.attempts + 1;
  const user = await deps.db.manager.getRepository(UserEntity).findOneBy({ id: d.userId });
  const subscribed = await deps.db.manager.getRepository(WardSubscriptionEntity).findOneBy({ userId: d.userId, wardCode: d.wardCode });
  if (!user || !user.active || user.emailOptOut || user.role !== 'councillor' || !subscribed) {
    await finish(deps, d.id, { status: 'skipped', lastError: 'The councillor opted out of email or no longer receives this ward.', nextAttemptAt: null });
    return 'skipped';
  }
  try {
    const report = await deps.db.manager.getRepository(WeeklyReportEntity).findOneBy({ wardCode: d.wardCode, week: d.week });
    if (!report) throw new Error(`No archived report for ${d.wardCode} ${d.week}`);
    const pdf = await readArchived(deps, report);
    const mail = deliveryEmail(deps, report, user.name);
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: `${report.summary.wardName.replace(/[^A-Za-z0-9]+/g, '-')}-${report.week}.pdf`, content: pdf, contentType: 'application/pdf' }],
    });
    await finish(deps, d.id, { status: 'sent', sentAt: deps.clock.now().toISOString(), messageId: messageId.slice(0, 250), lastError: null, nextAttemptAt: null });
    deps.logger.info({ delivery: d.id, ward: d.wardCode, week: d.week, attempts }, 'weekly report emailed');
    return 'sent';
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    const giveUp = attempts >= MAX_ATTEMPTS;
    const next = giveUp ? null : new Date(now.getTime() + RETRY_BACKOFF_MINUTES[attempts - 1] * 60_000).toISOString();
    await finish(deps, d.id, { status: giveUp ? 'gave_up' : 'failed', lastError: message, nextAttemptAt: next });
    deps.logger.warn({ delivery: d.id, ward: d.wardCode, week: d.week, attempts, nextAttemptAt: next, err: message }, 'weekly report email failed');
    return 'failed';
  }
}

/** Sends every delivery that is due (new ones and retries whose back-off has passed). */
export async function sendDueDeliveries(deps: DeliveryDeps, now: Date): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0, skipped: 0, markedUnknown: await markInterrupted(deps, now) };
  const due = await deps.db.manager
    .getRepository(WeeklyReportDeliveryEntity)
    .createQueryBuilder('d')
    .where('d.status IN (:...statuses)', { statuses: ['pending', 'failed'] })
    .andWhere('(d.next_attempt_at IS NULL OR d.next_attempt_at <= :now)', { now: now.toISOString() })
    .orderBy('d.created_at', 'ASC')
    .getMany();
  for (const d of due) {
    const outcome = await sendOne(deps, d, now);
    if (outcome === 'sent') summary.sent += 1;
    else if (outcome === 'failed') summary.failed += 1;
    else if (outcome === 'skipped') summary.skipped += 1;
  }
  return summary;
}

export interface DeliveryView extends WeeklyReportDelivery {
  userEmail: string | null;
  userName: string | null;
}

export async function listDeliveries(deps: Pick<Services, 'db'>, filter: { status?: DeliveryStatus; week?: string }): Promise<DeliveryView[]> {
  const rows = await deps.db.manager.getRepository(WeeklyReportDeliveryEntity).find({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.week ? { week: filter.week } : {}) },
    order: { createdAt: 'DESC', wardCode: 'ASC' },
    take: 500,
  });
  const users = rows.length ? await deps.db.manager.getRepository(UserEntity).find({ where: [...new Set(rows.map((r) => r.userId))].map((id) => ({ id })) }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({ ...r, userEmail: byId.get(r.userId)?.email ?? null, userName: byId.get(r.userId)?.name ?? null }));
}

/** An admin's "send it again": the row goes back to pending and is sent now. */
export async function resendDelivery(deps: DeliveryDeps, id: string): Promise<DeliveryView> {
  const repo = deps.db.manager.getRepository(WeeklyReportDeliveryEntity);
  const d = await repo.findOneBy({ id });
  if (!d) throw new NotFoundError('DELIVERY_NOT_FOUND', 'There is no such report delivery.');
  if (d.status === 'sending') throw new ConflictError('DELIVERY_IN_PROGRESS', 'This email is being sent right now. Try again in a minute.');
  const now = deps.clock.now();
  await repo.update({ id, status: d.status }, { status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), lastError: null, updatedAt: now.toISOString() });
  const fresh = (await repo.findOneBy({ id }))!;
  await sendOne(deps, fresh, now);
  const after = (await repo.findOneBy({ id }))!;
  const user = await deps.db.manager.getRepository(UserEntity).findOneBy({ id: after.userId });
  return { ...after, userEmail: user?.email ?? null, userName: user?.name ?? null };
}
