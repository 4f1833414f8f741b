/**
 * Recurring sweeps and hotspot suggestions. An admin defines a sweep (points,
 * category, cron-like recurrence in Europe/London); every occurrence opens one
 * work order, claimed through sweep_occurrence's primary key so it happens
 * once however many instances run the job. Nightly, repeat reports close
 * together become suggested sweeps for a dispatcher to accept or dismiss.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/data-source.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { CategoryService } from '../categories/category.service.js';
import type { Config } from '../config.js';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { createWorkOrder } from '../work-orders/work-order.factory.js';
import { SYSTEM_ACTOR, type Actor, type WorkOrderService } from '../work-orders/work-order.service.js';
import type { HotspotSuggestion, Sweep, SweepPoint } from './scheduling.entity.js';
import type { SchedulingRepository } from './scheduling.repository.js';
import { haversineMetres } from './travel.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';

/** Cron-expression arithmetic for recurrences; the job scheduler (the one user of node-cron) provides it. */
export interface RecurrenceRules {
  isValid(expression: string): boolean;
  /** The minutes matching `expression` in (from, to], evaluated in `timeZone`. */
  slotsBetween(expression: string, timeZone: string, from: Date, to: Date): Date[];
}

/** What SweepService uses (sla, config and workOrders also make the work order of an occurrence). */
export interface SweepServiceDeps {
  db: Pick<Database, 'transaction'>;
  repo: SchedulingRepository;
  requests: Pick<ServiceRequestRepository, 'reportsSince'>;
  categories: Pick<CategoryService, 'get'>;
  workOrders: WorkOrderService;
  sla: SlaService;
  config: Config;
  wardLocator: Pick<WardLocator, 'wardAt' | 'zoneAt'>;
  settings: Pick<SettingsService, 'get'>;
  recurrence: RecurrenceRules;
  events: Pick<EventBus, 'publish'>;
  clock: Clock;
  postcodes: Pick<PostcodeService, 'nearest'>;
}

export interface SweepInput {
  name: string;
  categoryCode: string;
  points: SweepPoint[];
  recurrence: string;
  active?: boolean;
}

/** Occurrences older than this when the job first looks are not opened any more (the service was down for long). */
const SWEEP_LOOKBACK_MS = 24 * 3600_000;

export class SweepService {
  constructor(private readonly deps: SweepServiceDeps) {}

  private assertRecurrence(recurrence: string): void {
    if (!this.deps.recurrence.isValid(recurrence) || recurrence.trim().split(/\s+/).length !== 5) {
      throw new ValidationError('The recurrence must be a 5-field cron expression, e.g. "30 7 * * 1-5" for weekdays at 07:30.', { fields: [{ field: 'recurrence', message: 'invalid cron expression' }] });
    }
  }

  async list(): Promise<Sweep[]> {
    return this.deps.repo.listSweeps();
  }

  async get(id: string): Promise<Sweep> {
    const sweep = await this.deps.repo.findSweep(id);
    if (!sweep) throw new NotFoundError('SWEEP_NOT_FOUND', 'There is no such sweep.');
    return sweep;
  }

  async create(input: SweepInput, suggestionId: string | null = null): Promise<Sweep> {
    const deps = this.deps;
    this.assertRecurrence(input.recurrence);
    await deps.categories.get(input.categoryCode);
    const now = deps.clock.now().toISOString();
    const sweep: Sweep = { id: randomUUID(), name: input.name, categoryCode: input.categoryCode, points: input.points, recurrence: input.recurrence.trim(), active: input.active ?? true, nextCheckFrom: now, suggestionId, createdAt: now, version: 1 };
    await deps.db.transaction((em) => deps.repo.insertSweep(sweep, em));
    return sweep;
  }

  async update(id: string, version: number, patch: Partial<SweepInput>): Promise<Sweep> {
    if (patch.recurrence !== undefined) this.assertRecurrence(patch.recurrence);
    if (patch.categoryCode) await this.deps.categories.get(patch.categoryCode);
    return this.deps.db.transaction(async (em) => {
      const sweep = await this.deps.repo.findSweep(id, em);
      if (!sweep) throw new NotFoundError('SWEEP_NOT_FOUND', 'There is no such sweep.');
      if (sweep.version !== version) throw new StaleVersionError('sweep', sweep.version);
      const next: Sweep = { ...sweep, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), version: sweep.version + 1 };
      const { id: _id, ...columns } = next;
      await this.deps.repo.updateSweep(id, columns, em);
      return next;
    });
  }

  /** For the job: open a work order for every occurrence since the sweep was last looked at. */
  async runDueSweeps(now: Date, dryRun: boolean): Promise<{ sweeps: number; occurrences: string[]; workOrders: string[] }> {
    const deps = this.deps;
    const sweeps = await deps.repo.listActiveSweeps();
    const occurrences: string[] = [];
    const created: WorkOrder[] = [];
    for (const sweep of sweeps) {
      const from = new Date(Math.max(Date.parse(sweep.nextCheckFrom), now.getTime() - SWEEP_LOOKBACK_MS));
      // Minutes strictly after `from - 1 min` up to now: an occurrence exactly at nextCheckFrom is still due.
      const slots = deps.recurrence.slotsBetween(sweep.recurrence, deps.config.timeZone, new Date(from.getTime() - 60_000), now);
      for (const slot of slots) {
        occurrences.push(`${sweep.name} @ ${slot.toISOString()}`);
        if (dryRun) continue;
        const wo = await this.openOccurrence(sweep, slot.toISOString()).catch((e) => {
          if (isUniqueViolation(e)) return null; // another instance opened it
          throw e;
        });
        if (wo) created.push(wo);
      }
      if (!dryRun) {
        await deps.db.transaction((em) => deps.repo.updateSweep(sweep.id, { nextCheckFrom: new Date(now.getTime() + 60_000).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00.000Z') }, em));
      }
    }
    for (const wo of created) deps.workOrders.announce(wo, 'work_order.created');
    return { sweeps: sweeps.length, occurrences, workOrders: created.map((wo) => wo.reference) };
  }

  private async openOccurrence(sweep: Sweep, occurrenceAt: string): Promise<WorkOrder> {
    const deps = this.deps;
    const category = await deps.categories.get(sweep.categoryCode);
    const point = sweep.points[0];
    const ward = deps.wardLocator.wardAt(point.lat, point.lng);
    return deps.db.transaction(async (em) => {
      await deps.repo.claimOccurrence(sweep.id, occurrenceAt, deps.clock.now().toISOString(), em);
      const actor: Actor = { userId: null, label: `Sweep: ${sweep.name}` };
      let wo = await createWorkOrder(deps, em, {
        category,
        lat: point.lat,
        lng: point.lng,
        wardCode: ward?.code ?? 'UNKNOWN',
        zone: deps.wardLocator.zoneAt(point.lat, point.lng),
        address: sweep.points.map((p) => p.address).filter(Boolean).join('; ') || sweep.name,
        postcode: null,
        openedAt: occurrenceAt,
        sweepId: sweep.id,
        source: 'sweep',
        actor,
      });
      // A sweep is planned work the council decided on: it skips triage.
      if (wo.status === 'new') wo = await deps.workOrders.change(em, wo, { to: 'accepted', event: { type: 'status', note: 'Recurring sweep', data: { sweepId: sweep.id, occurrenceAt, points: sweep.points } }, actor });
      await deps.repo.setOccurrenceWorkOrder(sweep.id, occurrenceAt, wo.id, em);
      return wo;
    });
  }

  /**
   * ≥ minReports reports of one category within radiusM of each other over the
   * last `days` days → a suggested sweep at their centre, unless a sweep or a
   * live suggestion already covers that spot.
   */
  async detectHotspots(now: Date, dryRun: boolean): Promise<HotspotSuggestion[]> {
    const deps = this.deps;
    const s = await deps.settings.get('hotspots');
    const since = new Date(now.getTime() - s.days * 86_400_000).toISOString();
    const reports = await deps.requests.reportsSince(since);
    const existing = await deps.repo.listLiveSuggestions();
    const sweeps = await deps.repo.listActiveSweeps();
    const covered = (category: string, lat: number, lng: number) =>
      existing.some((h) => h.categoryCode === category && haversineMetres(h.lat, h.lng, lat, lng) <= s.radiusM) ||
      sweeps.some((w) => w.categoryCode === category && w.points.some((p) => haversineMetres(p.lat, p.lng, lat, lng) <= s.radiusM));
    const found: HotspotSuggestion[] = [];
    for (const category of [...new Set(reports.map((r) => r.categoryCode))].sort()) {
      let pool = reports.filter((r) => r.categoryCode === category && r.source !== 'sweep');
      for (;;) {
        let best: typeof pool = [];
        for (const r of pool) {
          const near = pool.filter((o) => haversineMetres(r.lat, r.lng, o.lat, o.lng) <= s.radiusM);
          if (near.length > best.length) best = near;
        }
        if (best.length < s.minReports) break;
        pool = pool.filter((r) => !best.includes(r));
        const lat = best.reduce((a, r) => a + r.lat, 0) / best.length;
        const lng = best.reduce((a, r) => a + r.lng, 0) / best.length;
        if (covered(category, lat, lng)) continue;
        const suggestion: HotspotSuggestion = {
          id: randomUUID(), categoryCode: category, lat, lng, radiusM: s.radiusM, reportCount: best.length, wardCode: best[0].wardCode,
          firstReportAt: best[0].createdAt, lastReportAt: best[best.length - 1].createdAt, status: 'suggested', sweepId: null,
          createdAt: now.toISOString(), decidedAt: null, decidedBy: null,
        };
        found.push(suggestion);
        existing.push(suggestion);
      }
    }
    if (!dryRun && found.length) {
      await deps.db.transaction((em) => deps.repo.insertSuggestions(found, em));
      deps.events.publish({ type: 'hotspot.suggested', data: { count: found.length } });
    }
    return found;
  }

  async suggestions(status?: HotspotSuggestion['status']): Promise<HotspotSuggestion[]> {
    return this.deps.repo.listSuggestions(status);
  }

  private async decide(id: string, actor: Actor, apply: (h: HotspotSuggestion) => Promise<Partial<HotspotSuggestion>>): Promise<HotspotSuggestion> {
    const deps = this.deps;
    const h = await deps.repo.findSuggestion(id);
    if (!h) throw new NotFoundError('HOTSPOT_NOT_FOUND', 'There is no such hotspot suggestion.');
    if (h.status !== 'suggested') throw new ConflictError('HOTSPOT_DECIDED', `This suggestion was already ${h.status}.`, { status: h.status });
    const patch = { ...(await apply(h)), decidedAt: deps.clock.now().toISOString(), decidedBy: actor.label };
    const decided = await deps.db.transaction((em) => deps.repo.decideSuggestion(id, patch, em));
    if (!decided) throw new ConflictError('HOTSPOT_DECIDED', 'This suggestion was decided by someone else just now.');
    return { ...h, ...patch };
  }

  accept(id: string, input: { recurrence: string; name?: string }, actor: Actor = SYSTEM_ACTOR): Promise<HotspotSuggestion> {
    return this.decide(id, actor, async (h) => {
      const sweep = await this.create({ name: input.name ?? `Hotspot sweep: ${h.categoryCode} (${h.reportCount} reports)`, categoryCode: h.categoryCode, points: [{ lat: h.lat, lng: h.lng }], recurrence: input.recurrence }, h.id);
      return { status: 'accepted', sweepId: sweep.id };
    });
  }

  dismiss(id: string, actor: Actor): Promise<HotspotSuggestion> {
    return this.decide(id, actor, async () => ({ status: 'dismissed' }));
  }
}
