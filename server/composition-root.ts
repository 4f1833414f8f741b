/**
 * Builds every dependency in one place (Immich's repositories, practica's
 * composition root). Tests call `buildServices` with overrides (a fixed clock, a
 * test mailer, a temp data dir) and get the real thing for everything else.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../db/data-source.js';
import { ApiClientRepository } from './api-clients/api-client.repository.js';
import { ApiClientService } from './api-clients/api-client.service.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import { SessionRepository } from './auth/session.repository.js';
import { CategoryRepository } from './categories/category.repository.js';
import { loginAttackAlert } from './auth/login-alert.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { LoginThrottleRepository } from './auth/login-throttle.repository.js';
import { CategoryService } from './categories/category.service.js';
import type { Config } from './config.js';
import { CrewDayService } from './crew-jobs/crew-day.service.js';
import { CrewJobService } from './crew-jobs/crew-job.service.js';
import { CrewRepository } from './crews/crew.repository.js';
import { CrewService } from './crews/crew.service.js';
import { DispatchService } from './crews/dispatch.service.js';
import { ExportsService } from './exports/exports.service.js';
import { FlyTippingRepository } from './fly-tipping/fly-tipping.repository.js';
import { FlyTippingService } from './fly-tipping/fly-tipping.service.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { openAppDatabase } from './entities.js';
import { InspectionRepository } from './inspections/inspection.repository.js';
import { InspectionService } from './inspections/inspection.service.js';
import { IntakeService } from './intake/intake.service.js';
import { ServiceRequestRepository } from './intake/service-request.repository.js';
import { StillThereService } from './intake/still-there.service.js';
import { TrackingService } from './intake/tracking.service.js';
import { FollowerRepository } from './public-reports/follower.repository.js';
import { PublicReportService } from './public-reports/public-report.service.js';
import type { JobDefinition } from './jobs/job.js';
import { JobRunRepository } from './jobs/job-run.repository.js';
import { JobRunner } from './jobs/job-runner.js';
import { buildJobs } from './jobs/registry.js';
import { cronRecurrence } from './jobs/scheduler.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { ReporterNoticeRepository } from './notifications/reporter-notice.repository.js';
import { ReporterNotifications } from './notifications/reporter-notifications.js';
import { Open311UpdatesService } from './open311/open311-updates.service.js';
import { Open311Repository } from './open311/open311.repository.js';
import { Open311Service } from './open311/open311.service.js';
import { Open311Views } from './open311/open311.views.js';
import { systemClock, type Clock } from './platform/clock.js';
import { EventBus } from './platform/event-bus.js';
import { PgCluster } from './platform/pg-cluster.js';
import { DatabaseRateLimitStore } from './rate-limits/rate-limit.store.js';
import type { Store } from 'express-rate-limit';
import { createLogger } from './platform/logger.js';
import { FilesystemPhotoStore } from './photos/photo-store.js';
import { PhotoRepository } from './photos/photo.repository.js';
import { PhotoService } from './photos/photo.service.js';
import { OnCallRepository } from './on-call/on-call.repository.js';
import { OnCallService } from './on-call/on-call.service.js';
import { JobActionsService } from './work-orders/job-actions.service.js';
import { PostcodeRepository } from './postcodes/postcode.repository.js';
import { PostcodeService } from './postcodes/postcode.service.js';
import { PlannerService } from './scheduling/planner.service.js';
import { SchedulingRepository } from './scheduling/scheduling.repository.js';
import { SweepService } from './scheduling/sweep.service.js';
import { SettingsRepository } from './settings/settings.repository.js';
import { SettingsService } from './settings/settings.service.js';
import { DeadlineWatchService } from './sla/deadline-watch.service.js';
import { SlaService } from './sla/sla.service.js';
import { UserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';
import { WardLocator } from './wards/ward-locator.js';
import { WardRepository } from './wards/ward.repository.js';
import { EvidenceService } from './work-orders/evidence.service.js';
import { TriageService } from './work-orders/triage.service.js';
import { WorkOrderQuery } from './work-orders/work-order.query.js';
import { createWorkOrder, createWorkOrders } from './work-orders/work-order.factory.js';
import { WorkOrderRepository } from './work-orders/work-order.repository.js';
import { WorkOrderService } from './work-orders/work-order.service.js';
import { WorkOrderViews } from './work-orders/work-order.view.js';
import { ZoneRepository } from './zones/zone.repository.js';
import { ZoneService } from './zones/zone.service.js';
import { WeeklyReportRepository } from './weekly-reports/weekly-report.repository.js';
import { WeeklyReportService } from './weekly-reports/weekly-report.service.js';
import type { DemoSeedDeps } from './seed/demo.js';
import type { HistorySeedDeps } from './seed/history.js';
import type { InspectionSeedDeps } from './seed/inspections.js';

export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  events: EventBus;
  instanceId: string;
  /** Process state the readiness check reads: `draining` is set on SIGTERM. */
  lifecycle: { draining: boolean };
  /** Rate-limit counts shared by every instance on PostgreSQL; undefined on SQLite (one process, memory). */
  rateLimitStore: (prefix: string) => Store | undefined;
  sessionStore: DatabaseSessionStore;
  loginThrottle: LoginThrottle;
  wardLocator: WardLocator;
  zones: ZoneService;
  users: UserService;
  apiClients: ApiClientService;
  postcodes: PostcodeService;
  categories: CategoryService;
  workOrders: WorkOrderService;
  workOrderViews: WorkOrderViews;
  workOrderQuery: WorkOrderQuery;
  sla: SlaService;
  intake: IntakeService;
  tracking: TrackingService;
  stillThere: StillThereService;
  publicReports: PublicReportService;
  notifications: ReporterNotifications;
  idempotency: IdempotencyService;
  open311: Open311Service;
  open311Updates: Open311UpdatesService;
  triage: TriageService;
  evidence: EvidenceService;
  crews: CrewService;
  crewJobs: CrewJobService;
  crewDay: CrewDayService;
  dispatch: DispatchService;
  planner: PlannerService;
  sweeps: SweepService;
  deadlines: DeadlineWatchService;
  jobRunner: JobRunner;
  /** Every scheduled job (the scheduler, start-up catch-up and `npm run job` read this list). */
  jobs: readonly JobDefinition[];
  photos: PhotoService;
  settings: SettingsService;
  weeklyReports: WeeklyReportService;
  flyTipping: FlyTippingService;
  exports: ExportsService;
  inspections: InspectionService;
  jobActions: JobActionsService;
  onCall: OnCallService;
}

export interface ServiceOverrides {
  db?: Database;
  /** Share live events through PostgreSQL even with a database handle given (the intake benchmark, measuring what an instance does). */
  shareLiveEvents?: boolean;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
}

export async function buildServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? (await openAppDatabase(config.database));
  const zoneRepository = new ZoneRepository(db);
  const wardLocator = new WardLocator(new WardRepository(db), zoneRepository, config.defaultZone);
  await wardLocator.reload();
  const instanceId = `${os.hostname()}:${process.pid}`;
  // On PostgreSQL (a process of its own, not a test's shared database handle) live events and cache
  // announcements reach every instance on the database.
  const cluster =
    config.database.kind === 'postgres' && (!overrides.db || overrides.shareLiveEvents)
      ? new PgCluster({
          url: config.database.url,
          query: (sql, params) => db.dataSource.query(sql, params),
          // Unique per bus: containers can share a hostname and pid, and a test builds two in one process.
          origin: `${instanceId}:${randomBytes(4).toString('hex')}`,
          now: () => new Date(),
          onError: (err) => logger.error({ err }, 'live events between instances'),
        })
      : undefined;
  const events = new EventBus({ cluster, onError: (err, what) => logger.error({ err, what }, 'could not share with other instances') });
  await events.start();
  const settings = new SettingsService(new SettingsRepository(db), clock, logger, events);
  const users = new UserService(new UserRepository(db), clock);
  const workOrderRepository = new WorkOrderRepository(db);
  const serviceRequestRepository = new ServiceRequestRepository(db);
  const photoRepository = new PhotoRepository(db);
  const crewRepository = new CrewRepository(db);
  const workOrders = new WorkOrderService(db, clock, events, config, workOrderRepository);
  const categories = new CategoryService(new CategoryRepository(db), db, events);
  const sla = new SlaService(settings, config);
  const photos = new PhotoService({
    photos: photoRepository,
    store: new FilesystemPhotoStore(path.join(config.dataDir, 'photos')),
    requests: serviceRequestRepository,
    workOrderRows: workOrderRepository,
    users,
    clock,
    config,
    logger,
  });
  const workOrderViews = new WorkOrderViews({ wardLocator, sla, clock, workOrderRepository, serviceRequestRepository, photos });
  const workOrderQuery = new WorkOrderQuery({ wardLocator, sla, clock, workOrderRepository, serviceRequestRepository });
  const postcodes = new PostcodeService(new PostcodeRepository(db), wardLocator);
  const triage = new TriageService({ postcodes, db, clock, config, sla, categories, workOrders, serviceRequestRepository, photoRepository });
  const crewJobs = new CrewJobService({ db, clock, workOrders, workOrderRepository, serviceRequestRepository, crewRepository, categories, photos });
  const crewDay = new CrewDayService({ clock, config, workOrderRepository, serviceRequestRepository, crewRepository, categories, photos });
  const crews = new CrewService({ crews: crewRepository, workOrders: workOrderRepository, users, db, clock, timeZone: config.timeZone, cache: events });
  const dispatch = new DispatchService({ db, workOrders, workOrderRepo: workOrderRepository, crews, categories, events });
  const evidence = new EvidenceService({
    db, workOrders, workOrderRows: workOrderRepository, photos,
    revisit: (id, crewId, version, actor) => dispatch.assign(id, { crewId, version }, actor),
  });
  const schedulingRepo = new SchedulingRepository(db);
  const planner = new PlannerService({ db, plans: schedulingRepo, workOrderRepo: workOrderRepository, workOrders, crews, categories, dispatch, settings, events, clock, logger, timeZone: config.timeZone });
  const sweeps = new SweepService({ db, repo: schedulingRepo, requests: serviceRequestRepository, categories, workOrders, sla, config, wardLocator, settings, recurrence: cronRecurrence, events, clock, postcodes });
  const deadlines = new DeadlineWatchService({ workOrderRepo: workOrderRepository, workOrders, categories, sla, events, logger });
  const mailer = overrides.mailer ?? createMailer(config);
  const apiClients = new ApiClientService(new ApiClientRepository(db), clock);
  const followers = new FollowerRepository(db);
  const onCall = new OnCallService({ rota: new OnCallRepository(db), crews, categories, workOrders, workOrderRows: workOrderRepository, db, wardLocator, mailer, events, clock, config, logger });
  const notifications = new ReporterNotifications({
    cover: onCall,
    notices: new ReporterNoticeRepository(db),
    followers,
    requests: serviceRequestRepository,
    workOrderRows: workOrderRepository,
    categories,
    wardLocator,
    mailer,
    events,
    clock,
    config,
    logger,
  });
  const workOrderFactory = { sla, clock, config, workOrders, postcodes };
  const intake = new IntakeService({
    db,
    requests: serviceRequestRepository,
    workOrderRows: workOrderRepository,
    workOrders,
    openWorkOrders: (em, specs, opts) => createWorkOrders(workOrderFactory, em, specs, opts),
    categories,
    postcodes,
    wardLocator,
    photos,
    notifications,
    clock,
    config,
  });
  const inspections = new InspectionService({
    repo: new InspectionRepository(db), clock, timeZone: config.timeZone, wards: wardLocator, users, categories, postcodes,
    openWorkOrder: (em, spec) => createWorkOrder(workOrderFactory, em, spec),
    workOrderRows: workOrderRepository, photos, settings, events,
  });
  const idempotency = new IdempotencyService(new IdempotencyRepository(db), clock);
  const open311Repo = new Open311Repository(db);
  const open311Views = new Open311Views({ workOrderRows: workOrderRepository, photos: photoRepository, open311Rows: open311Repo, categories, config });
  const weeklyReports = new WeeklyReportService({
    reports: new WeeklyReportRepository(db), workOrders: workOrderRepository, requests: serviceRequestRepository,
    categories: new CategoryRepository(db), crews: crewRepository, photoRows: photoRepository, users: new UserRepository(db),
    photos, postcodes, wards: wardLocator, settings, mailer, clock, logger, config, instanceId, cleanliness: inspections,
  });
  const flyTippingRepository = new FlyTippingRepository(db);
  const flyTipping = new FlyTippingService({ db, repo: flyTippingRepository, workOrders, categories, clock, timeZone: config.timeZone });
  const exports = new ExportsService({
    workOrders: workOrderRepository, crews: crewRepository, photos: photoRepository, requests: serviceRequestRepository,
    enforcement: flyTippingRepository, categories, wardLocator, users, settings, clock, config,
  });
  // Session expiry follows the cookie, which express-session dates by the wall clock, so the
  // store must too (a test's fixed domain clock would otherwise expire fresh logins).
  const sessionStore = new DatabaseSessionStore(new SessionRepository(db), systemClock, config.sessionMaxAgeMs);
  const deps: Services = {
    config,
    db,
    clock,
    logger,
    mailer,
    events,
    instanceId,
    lifecycle: { draining: false },
    rateLimitStore: (prefix) => (db.dialect === 'postgres' ? new DatabaseRateLimitStore(db, prefix) : undefined),
    sessionStore,
    loginThrottle: new LoginThrottle(
      new LoginThrottleRepository(db),
      clock,
      { accountFailures: config.rateLimits.loginPer15Min, pairFailures: config.rateLimits.loginPairFailures, addressFailures: config.rateLimits.loginAddressFailures },
      loginAttackAlert({ users, mailer, config, logger }),
      logger,
    ),
    wardLocator,
    zones: new ZoneService(zoneRepository, wardLocator, events),
    users,
    apiClients,
    postcodes,
    categories,
    workOrders,
    workOrderViews,
    workOrderQuery,
    sla,
    intake,
    tracking: new TrackingService({ requests: serviceRequestRepository, workOrderRows: workOrderRepository, categories, wardLocator, photos, crews: crewRepository, postcodes, clock, config }),
    stillThere: new StillThereService({ db, requests: serviceRequestRepository, workOrders, photos, sla, clock }),
    publicReports: new PublicReportService({
      requests: serviceRequestRepository, workOrderRows: workOrderRepository, followers, categories, wardLocator, postcodes, photos, mailer, clock, config, logger,
    }),
    notifications,
    idempotency,
    open311: new Open311Service({ apiClients, categories, intake, requests: serviceRequestRepository, open311Rows: open311Repo, views: open311Views, clock, config }),
    open311Updates: new Open311UpdatesService({ db, requests: serviceRequestRepository, workOrderRows: workOrderRepository, workOrders, open311Rows: open311Repo, views: open311Views, clock, config }),
    triage,
    evidence,
    crews,
    crewJobs,
    crewDay,
    dispatch,
    planner,
    sweeps,
    deadlines,
    jobRunner: new JobRunner({ jobRuns: new JobRunRepository(db), clock, logger, instanceId }),
    jobs: buildJobs({ planner, deadlines, sweeps, idempotency, weeklyReports, sessions: sessionStore, inspections }),
    settings,
    photos,
    weeklyReports,
    flyTipping,
    exports,
    inspections,
    jobActions: new JobActionsService({ workOrders, events }),
    onCall,
  };
  deps.notifications.listen();
  deps.inspections.listen();
  deps.onCall.listen();
  return deps;
}

/** What the demo seed writes through, from the built services. */
export function demoSeedDeps(s: Services): DemoSeedDeps {
  return { crewRows: new CrewRepository(s.db), users: s.users, apiClients: s.apiClients, clock: s.clock, config: s.config };
}

/** What the history seed uses, from the built services; its intake and work orders run on the seed's own clock and tell nobody. */
export function historySeedDeps(s: Services): HistorySeedDeps {
  return {
    db: s.db, clock: s.clock, config: s.config, crewRows: new CrewRepository(s.db), photos: s.photos, photoRows: new PhotoRepository(s.db),
    wardLocator: s.wardLocator, settingRows: new SettingsRepository(s.db),
    quietServicesAt(clock) {
      const workOrderRows = new WorkOrderRepository(s.db);
      const workOrders = new WorkOrderService(s.db, clock, new EventBus(), s.config, workOrderRows);
      const intake = new IntakeService({
        db: s.db,
        requests: new ServiceRequestRepository(s.db),
        workOrderRows,
        workOrders,
        openWorkOrders: (em, specs, opts) => createWorkOrders({ sla: s.sla, clock, config: s.config, workOrders, postcodes: s.postcodes }, em, specs, opts),
        categories: s.categories,
        postcodes: s.postcodes,
        wardLocator: s.wardLocator,
        photos: s.photos,
        notifications: { reportReceived: () => undefined },
        clock,
        config: s.config,
      });
      return { intake, workOrders };
    },
  };
}

/** What the survey demo seed writes through. */
export function inspectionSeedDeps(s: Services): InspectionSeedDeps {
  return { inspections: s.inspections, repo: new InspectionRepository(s.db), users: s.users, wards: s.wardLocator, postcodes: s.postcodes, clock: s.clock, config: s.config };
}
