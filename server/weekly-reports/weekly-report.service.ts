/**
 * Councillors' weekly ward reports: builds a ward-week's data object, has
 * reports/ draw it, archives finished weeks, emails them and serves them.
 * Used by the Monday job and the retry job, the download routes, the CLI and
 * the bench.
 */
import type { Logger } from 'pino';
import { renderWeeklyReportPdf } from '../../reports/weekly/pdf.js';
import type { WeeklyReportData } from '../../reports/weekly/types.js';
import { previousWeek, reportWeek } from '../../reports/weekly/week.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import type { Config } from '../config.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import { UnprocessableError } from '../errors.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Mailer } from '../mail/mailer.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import type { PostcodeService } from '../postcodes/postcode.service.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { UserRepository } from '../users/user.repository.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import { WeeklyReportArchive } from './archive.js';
import { WeeklyReportDeliveries, type DeliveryView } from './delivery.js';
import { buildCleanlinessSection, type CleanlinessSource } from './cleanliness-section.js';
import { PrintPhotos } from './print-photos.js';
import { assembleWeeklyData, loadWeekRows, type WeekRows, type WeeklyDataSources } from './weekly-data.js';
import type { DeliveryStatus, WeeklyReport } from './weekly-report.entity.js';
import type { WeeklyReportRepository } from './weekly-report.repository.js';

export interface WeeklyReportServiceDeps {
  reports: WeeklyReportRepository;
  workOrders: WorkOrderRepository;
  requests: ServiceRequestRepository;
  categories: CategoryRepository;
  crews: CrewRepository;
  photoRows: PhotoRepository;
  users: UserRepository;
  photos: Pick<PhotoService, 'read'>;
  postcodes: Pick<PostcodeService, 'nearest'>;
  wards: Pick<WardLocator, 'ward' | 'allWards'>;
  settings: Pick<SettingsService, 'get'>;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'timeZone' | 'councilName' | 'dataDir' | 'publicBaseUrl'>;
  instanceId: string;
  /** The cleanliness-survey index for the report's survey page. */
  cleanliness?: CleanlinessSource;
}

export interface BuildOptions {
  generatedAt: string;
  /** Overrides the weeklyReport.maxPhotoPairs setting (the CLI's --max-pairs). */
  maxPairs?: number;
  /** Rows already loaded for this week (the Monday job loads them once for every ward). */
  rows?: WeekRows;
}

export class WeeklyReportService {
  private readonly sources: WeeklyDataSources;
  private readonly archive: WeeklyReportArchive;
  private readonly deliveries: WeeklyReportDeliveries;
  private readonly printPhotos: PrintPhotos;

  constructor(private readonly deps: WeeklyReportServiceDeps) {
    this.sources = {
      workOrders: deps.workOrders, requests: deps.requests, categories: deps.categories, crews: deps.crews,
      photos: deps.photoRows, wards: deps.wards, postcodes: deps.postcodes,
    };
    this.archive = new WeeklyReportArchive(deps.reports, deps.clock, deps.config.dataDir);
    this.deliveries = new WeeklyReportDeliveries({
      repo: deps.reports, users: deps.users, archive: this.archive, mailer: deps.mailer, clock: deps.clock, logger: deps.logger,
      config: deps.config, instanceId: deps.instanceId,
    });
    this.printPhotos = new PrintPhotos(deps.config.dataDir, deps.photos, deps.photoRows, deps.workOrders);
  }

  /** Everything council-wide a week's reports read, for rendering many wards from one load. */
  loadWeek(weekLabel: string): Promise<WeekRows> {
    return loadWeekRows(this.sources, weekLabel, this.deps.config.timeZone);
  }

  /** One ward's report data for one week. */
  async buildData(wardCode: string, weekLabel: string, opts: BuildOptions): Promise<WeeklyReportData> {
    const rows = opts.rows ?? (await this.loadWeek(weekLabel));
    const data = await assembleWeeklyData(this.sources, rows, wardCode, {
      generatedAt: opts.generatedAt,
      maxPairs: opts.maxPairs ?? (await this.deps.settings.get('weeklyReport')).maxPhotoPairs,
      timeZone: this.deps.config.timeZone,
      councilName: this.deps.config.councilName,
    });
    const cleanliness = this.deps.cleanliness ? await buildCleanlinessSection(this.deps.cleanliness, wardCode, data.week.lastDay) : undefined;
    return cleanliness ? { ...data, cleanliness } : data;
  }

  /** Data and PDF for one ward-week, not archived. */
  async render(wardCode: string, weekLabel: string, opts: BuildOptions): Promise<{ data: WeeklyReportData; pdf: Buffer }> {
    const data = await this.buildData(wardCode, weekLabel, opts);
    const pdf = await renderWeeklyReportPdf(data, {
      printPhoto: (ref) => this.printPhotos.get(ref),
      boundary: this.deps.wards.ward(wardCode)?.boundary ?? null,
    });
    return { data, pdf };
  }

  /** The archived report for a ward-week, rendering and storing it first if nobody has. */
  ensureArchived(wardCode: string, week: string, opts: { rows?: WeekRows; maxPairs?: number } = {}): Promise<{ report: WeeklyReport; pdf: Buffer; created: boolean }> {
    return this.archive.ensure(wardCode, week, (generatedAt) => this.render(wardCode, week, { generatedAt, ...opts }));
  }

  listArchived(wardCode: string): Promise<WeeklyReport[]> {
    return this.archive.list(wardCode);
  }

  /**
   * The PDF a download serves: a finished week is archived (and served as
   * first stored, with its sha256); the running week is a provisional copy,
   * never archived. Default: the last complete week.
   */
  async forDownload(wardCode: string, weekLabel?: string): Promise<{ pdf: Buffer; week: string; archived: WeeklyReport | null }> {
    const now = this.deps.clock.now();
    const { timeZone } = this.deps.config;
    const week = weekLabel ? reportWeek(weekLabel, timeZone) : previousWeek(now, timeZone);
    if (week.start > now.toISOString()) throw new UnprocessableError('WEEK_NOT_STARTED', `Week ${week.label} has not started yet.`);
    if (week.end <= now.toISOString()) {
      const { report, pdf } = await this.ensureArchived(wardCode, week.label);
      return { pdf, week: week.label, archived: report };
    }
    const { pdf } = await this.render(wardCode, week.label, { generatedAt: now.toISOString() });
    return { pdf, week: week.label, archived: null };
  }

  /** Monday 07:00: render, archive and email last week's report for every ward with a councillor. */
  async runWeeklyWardReports(ctx: { now: Date; dryRun: boolean }): Promise<Record<string, unknown>> {
    const week = previousWeek(ctx.now, this.deps.config.timeZone);
    const wards = await this.deliveries.subscribedWards();
    if (ctx.dryRun) {
      const plan = [];
      for (const ward of wards) plan.push({ ward, archived: Boolean(await this.archive.find(ward, week.label)), recipients: (await this.deliveries.recipientsOf(ward)).length });
      return { week: week.label, wards: wards.length, dryRun: true, plan };
    }
    // One pair of queries for the whole council; each ward is then assembled from memory.
    const rows = await this.loadWeek(week.label);
    let rendered = 0;
    let deliveriesCreated = 0;
    for (const [i, ward] of wards.entries()) {
      const { created } = await this.ensureArchived(ward, week.label, { rows });
      if (created) rendered += 1;
      deliveriesCreated += await this.deliveries.create(ward, week.label);
      this.deps.logger.info({ job: 'weekly-ward-reports', week: week.label, ward, progress: `ward ${i + 1}/${wards.length}` }, `weekly report ward ${i + 1}/${wards.length}`);
    }
    const sent = await this.deliveries.sendDue(ctx.now);
    return { week: week.label, wards: wards.length, rendered, reused: wards.length - rendered, deliveriesCreated, ...sent };
  }

  /** Every ten minutes: send deliveries whose back-off has passed, and prepare print copies of the week's evidence photos. */
  async runDeliveryRetries(ctx: { now: Date; dryRun: boolean }): Promise<Record<string, unknown>> {
    if (ctx.dryRun) return { dryRun: true };
    const sent = await this.deliveries.sendDue(ctx.now);
    // Spread the photo work over the week so Monday's render only embeds ready files.
    const printCopiesMade = await this.preparePrintPhotos(previousWeek(ctx.now, this.deps.config.timeZone).start);
    return { ...sent, printCopiesMade };
  }

  /** Print copies for the before/after photos of jobs completed since `since`; returns how many were new. */
  preparePrintPhotos(since: string): Promise<number> {
    return this.printPhotos.prepareSince(since);
  }

  listDeliveries(filter: { status?: DeliveryStatus; week?: string }): Promise<DeliveryView[]> {
    return this.deliveries.list(filter);
  }

  resendDelivery(id: string): Promise<DeliveryView> {
    return this.deliveries.resend(id);
  }
}
