/**
 * Emails to reporters: an acknowledgement when a report arrives, and one
 * message when its work order is closed: "cleared" with a link to the after
 * photo, or an honest reason when it was closed without being fixed.
 *
 * Mail goes out after the database commit and never in the request's way: a
 * mail failure is logged (without personal data) and the report stands.
 * Closures are heard on the event bus, so every path that closes a work order
 * (crew API, dispatcher, Open311, cron) tells reporters without calling in here.
 * Requests of merged work orders have been moved onto the surviving one, so
 * its closure reaches every reporter.
 */
import type { Logger } from 'pino';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import { errorTextForLog, type Mailer } from '../mail/mailer.js';
import type { ReportFollower } from '../public-reports/follower.entity.js';
import type { FollowerRepository } from '../public-reports/follower.repository.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import type { WardLocator } from '../wards/ward-locator.js';
import { isVerifiedFixed } from '../work-orders/evidence.js';
import type { WorkOrder, WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { CLOSED_NOT_FIXED_STATUSES, FIXED_STATUSES, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import type { ReporterNoticeRepository } from './reporter-notice.repository.js';

/** Closed statuses a reporter hears about. `duplicate` is not one: those reporters hear when the surviving work order closes. */
const TOLD_ON: readonly WorkOrderStatus[] = [...FIXED_STATUSES, ...CLOSED_NOT_FIXED_STATUSES.filter((s) => s !== 'duplicate')];

/** Plain words for why a job was closed without being fixed. */
const OUTCOME_REASONS: Readonly<Record<string, string>> = Object.freeze({
  no_access: 'our crew could not get access to it',
  vehicle_parked: 'a vehicle was parked over it, so our crew could not clear it',
  needs_specialist: 'it needs a specialist team, and we have passed it on to them',
  not_found: 'our crew could not find it at the place given',
  not_responsible: 'it is on land the council is not responsible for',
  private_land: 'it is on private land, so the owner has to clear it',
  under_investigation: 'it is being held as evidence while we investigate who dumped it',
  unsafe: 'it was not safe for our crew to clear it',
});

const STATUS_WORDS: Partial<Record<WorkOrderStatus, string>> = {
  not_completed: 'Our crew went out but could not clear it',
  partially_completed: 'Our crew cleared part of it but could not clear all of it',
  rejected: 'We have closed this report without sending a crew',
  cancelled: 'We have cancelled this job',
  not_responsible: 'This is not something the council is responsible for',
};

export interface ReporterNotificationsDeps {
  notices: Pick<ReporterNoticeRepository, 'claim' | 'setStatus'>;
  /** Residents who follow a report instead of filing it again: told of closures too. */
  followers: Pick<FollowerRepository, 'activeOf'>;
  requests: Pick<ServiceRequestRepository, 'findRequestById' | 'findAttachedTo' | 'findContact'>;
  workOrderRows: Pick<WorkOrderRepository, 'findById' | 'findLastMoveInto' | 'idsMergedInto'>;
  categories: Pick<CategoryService, 'find'>;
  wardLocator: Pick<WardLocator, 'ward'>;
  mailer: Mailer;
  events: EventBus;
  clock: Clock;
  config: Pick<Config, 'councilName' | 'publicBaseUrl' | 'timeZone'>;
  logger: Logger;
  /** Out-of-hours truth for hazards: what to say when no crew is on shift (null: the deadline stands). */
  cover?: { residentNotice(wo: WorkOrder): Promise<string | null> };
}

export class ReporterNotifications {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ReporterNotificationsDeps) {}

  /** Listens for closures. Called once by the composition root. */
  listen(): () => void {
    return this.deps.events.subscribe((e: LiveEvent) => {
      const status = e.data?.status as WorkOrderStatus | undefined;
      if (e.workOrderId && status && TOLD_ON.includes(status)) this.track(this.tellClosure(e.workOrderId));
      if (e.type === 'work_order.public_update' && e.workOrderId) this.track(this.tellUpdate(e.workOrderId, Number(e.data?.version), String(e.data?.message ?? '')));
    });
  }

  reportReceived(requestId: string): void {
    this.track(this.acknowledge(requestId));
  }

  /** Resolves when every email started so far has been sent or has failed (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => {
      this.deps.logger.error({ err: { message: errorTextForLog(err) } }, 'reporter notification failed');
    }).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async acknowledge(requestId: string): Promise<void> {
    const d = this.deps;
    const request = await d.requests.findRequestById(requestId);
    if (!request?.workOrderId) return;
    const wo = await d.workOrderRows.findById(request.workOrderId);
    if (!wo) return;
    const category = await d.categories.find(request.categoryCode);
    const ward = d.wardLocator.ward(request.wardCode)?.name ?? request.wardCode;
    const outOfHours = d.cover ? await d.cover.residentNotice(wo) : null;
    await this.sendOnce(request, 'ack', {
      subject: `We've received your report ${request.reference}`,
      text: [
        `Thank you for your report of ${(category?.name ?? request.categoryCode).toLowerCase()} in ${ward}.`,
        '',
        `Your reference is ${request.reference}.`,
        `We aim to deal with it by ${this.localTime(wo.dueAt)}.`,
        ...(outOfHours ? ['', outOfHours] : []),
        '',
        `You can follow it here: ${this.trackUrl(request)}`,
        `Its public page (no personal details, safe to share): ${this.publicUrl(request.reference)}`,
        '',
        `${d.config.councilName}`,
      ].join('\n'),
    });
  }

  private async tellClosure(workOrderId: string): Promise<void> {
    const d = this.deps;
    const wo = await d.workOrderRows.findById(workOrderId);
    if (!wo || !TOLD_ON.includes(wo.status)) return;
    // "Cleared" goes out once the evidence is accepted (at once for clean photos, else after the office's review).
    if (wo.status === 'completed' && !isVerifiedFixed(wo)) return;
    const closing = await d.workOrderRows.findLastMoveInto(workOrderId, wo.status);
    const kind = `closed:${closing?.id ?? wo.updatedAt}`;
    const requests = await d.requests.findAttachedTo(workOrderId);
    for (const request of requests) {
      const message = FIXED_STATUSES.includes(wo.status) ? this.clearedMessage(request, wo) : this.notFixedMessage(request, wo, closing);
      await this.sendOnce(request, kind, message);
    }
    // Followers of reports merged into this one follow it now; one email per address.
    const followers = await d.followers.activeOf([workOrderId, ...(await d.workOrderRows.idsMergedInto(workOrderId))]);
    const told = new Set<string>();
    for (const follower of followers) {
      if (told.has(follower.email.toLowerCase())) continue;
      told.add(follower.email.toLowerCase());
      await this.tellFollower(follower, wo, kind);
    }
  }

  private async tellFollower(follower: ReportFollower, wo: WorkOrder, kind: string): Promise<void> {
    const d = this.deps;
    const fixed = FIXED_STATUSES.includes(wo.status);
    const message = {
      subject: `${fixed ? 'Cleared' : 'Closed'}: report ${follower.reference} you follow`,
      text: [
        fixed
          ? `The problem you followed (${follower.reference}) was cleared on ${this.localTime(wo.completedAt ?? wo.closedAt ?? wo.updatedAt)}.`
          : `${STATUS_WORDS[wo.status] ?? 'We have closed this job'}: ${follower.reference}.`,
        ...(wo.publicSummary ? ['', wo.publicSummary] : []),
        '',
        `See it here: ${this.publicUrl(follower.reference)}`,
        'If it is still there, please report it and we will look at it afresh.',
        '',
        `Stop emails about this report: ${d.config.publicBaseUrl}/unsubscribe/${follower.unsubscribeToken}`,
        '',
        d.config.councilName,
      ].join('\n'),
    };
    // The notice table keys one email per recipient and kind; a follower's id stands in for a request's.
    await this.mailOnce({ id: follower.id, reference: follower.reference, email: follower.email }, `follow:${kind}`, message);
  }

  /** A dispatcher's public update, once per reporter per update. */
  private async tellUpdate(workOrderId: string, version: number, message: string): Promise<void> {
    if (!message) return;
    for (const request of await this.deps.requests.findAttachedTo(workOrderId)) {
      await this.sendOnce(request, `update:${version}`, {
        subject: `Update on your report ${request.reference}`,
        text: [`An update on the problem you reported (${request.reference}):`, '', message, '', `Follow it here: ${this.trackUrl(request)}`, '', this.deps.config.councilName].join('\n'),
      });
    }
  }

  private clearedMessage(request: ServiceRequest, wo: WorkOrder): { subject: string; text: string } {
    return {
      subject: `Cleared: your report ${request.reference}`,
      text: [
        `Good news: the problem you reported (${request.reference}) was cleared on ${this.localTime(wo.completedAt ?? wo.closedAt ?? wo.updatedAt)}.`,
        ...(wo.publicSummary ? ['', wo.publicSummary] : []),
        '',
        `See the photo our crew took after clearing it: ${this.trackUrl(request)}`,
        `Its public page: ${this.publicUrl(request.reference)}`,
        '',
        `Still there, or back already? Tell us here and we will send a crew again: ${this.trackUrl(request)}#still-there`,
        '',
        'Thank you for telling us.',
        this.deps.config.councilName,
      ].join('\n'),
    };
  }

  private notFixedMessage(request: ServiceRequest, wo: WorkOrder, closing: Pick<WorkOrderEvent, 'isPublic' | 'note'> | null): { subject: string; text: string } {
    const headline = STATUS_WORDS[wo.status] ?? 'We have closed this job';
    const reason = wo.outcomeReason ? OUTCOME_REASONS[wo.outcomeReason] : undefined;
    // Dispatchers write rejection and cancellation reasons for the reporter, on a public closing event; a closure
    // kept for the office (not public) is told without its note, and crew notes are internal and never sent.
    const dispatcherReason = ['rejected', 'not_responsible', 'cancelled'].includes(wo.status) && closing?.isPublic ? closing.note : null;
    return {
      subject: `Closed without clearing: your report ${request.reference}`,
      text: [
        `${headline}: ${request.reference}.`,
        '',
        ...(reason ? [`The reason: ${reason}.`] : []),
        ...(dispatcherReason ? [`The reason: ${dispatcherReason}`] : []),
        ...(wo.publicSummary ? [wo.publicSummary] : []),
        ...(!reason && !dispatcherReason && !wo.publicSummary ? ['We are sorry we could not clear it this time.'] : []),
        '',
        'This does not count as fixed.',
        `Still there? Tell us here and we will look at it again: ${this.trackUrl(request)}#still-there`,
        `Details: ${this.trackUrl(request)}`,
        '',
        this.deps.config.councilName,
      ].join('\n'),
    };
  }

  private async sendOnce(request: ServiceRequest, kind: string, message: { subject: string; text: string }): Promise<void> {
    const d = this.deps;
    // An Open311 client (FixMyStreet) emails its own users and pulls our updates; a second email from us would be noise.
    if (request.source === 'open311') return;
    const contact = await d.requests.findContact(request.id);
    if (!contact?.email) return;
    await this.mailOnce({ id: request.id, reference: request.reference, email: contact.email }, kind, message);
  }

  /** Claims the (recipient, kind) notice, so each email goes once across listeners and instances, then sends it and records the outcome. */
  private async mailOnce(to: { id: string; reference: string; email: string }, kind: string, message: { subject: string; text: string }): Promise<void> {
    const d = this.deps;
    try {
      await d.notices.claim(to.id, kind, d.clock.now().toISOString());
    } catch {
      return; // already told (or being told) by another listener
    }
    try {
      await d.mailer.send({ to: to.email, ...message });
      await d.notices.setStatus(to.id, kind, 'sent');
    } catch (err) {
      await d.notices.setStatus(to.id, kind, 'failed');
      // The reference identifies the case for support; the address and the mail text never go to the log.
      d.logger.warn({ request: to.reference, kind, error: errorTextForLog(err) }, 'reporter email not sent');
    }
  }

  private trackUrl(request: ServiceRequest): string {
    return `${this.deps.config.publicBaseUrl}/track/${request.trackingToken}`;
  }

  private publicUrl(reference: string): string {
    return `${this.deps.config.publicBaseUrl}/reports/${encodeURIComponent(reference)}`;
  }

  /** "Friday 12 June, 10:30", with the year when it is not this year. */
  private localTime(iso: string): string {
    const timeZone = this.deps.config.timeZone;
    const year = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(d);
    const date = new Date(iso);
    const otherYear = year(date) !== year(this.deps.clock.now());
    return new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'long', day: 'numeric', month: 'long', ...(otherYear ? { year: 'numeric' } : {}), hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).format(date);
  }
}
