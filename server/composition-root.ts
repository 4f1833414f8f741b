/**
 * Builds every dependency in one place (Immich's repositories, practica's
 * composition root). Tests call `buildServices` with overrides (a fixed clock, a
 * test mailer, a temp data dir) and get the real thing for everything else.
 */
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../db/data-source.js';
import { ApiClientService } from './api-clients/api-client.service.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import { CategoryService } from './categories/category.service.js';
import type { Config } from './config.js';
import { CrewService } from './crews/crew.service.js';
import { DispatchService } from './crews/dispatch.service.js';
import { openAppDatabase } from './entities.js';
import { IntakeService } from './intake/intake.service.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { ReporterNotifications } from './notifications/reporter-notifications.js';
import { systemClock, type Clock } from './platform/clock.js';
import { EventBus } from './platform/event-bus.js';
import { createLogger } from './platform/logger.js';
import { FilesystemPhotoStore } from './photos/photo-store.js';
import { PhotoService } from './photos/photo.service.js';
import { PostcodeService } from './postcodes/postcode.service.js';
import { PlannerService } from './scheduling/planner.service.js';
import { SweepService } from './scheduling/sweep.service.js';
import { SettingsRepository } from './settings/settings.repository.js';
import { SettingsService } from './settings/settings.service.js';
import { SlaService } from './sla/sla.service.js';
import { UserService } from './users/user.service.js';
import { WardLocator } from './wards/ward-locator.js';
import { TriageService } from './work-orders/triage.service.js';
import { WorkOrderService } from './work-orders/work-order.service.js';
import { ZoneService } from './zones/zone.service.js';
import { CategoryRepository } from './categories/category.repository.js';
import { CrewRepository } from './crews/crew.repository.js';
import { ServiceRequestRepository } from './intake/service-request.repository.js';
import { PhotoRepository } from './photos/photo.repository.js';
import { UserRepository } from './users/user.repository.js';
import { WeeklyReportRepository } from './weekly-reports/weekly-report.repository.js';
import { WeeklyReportService } from './weekly-reports/weekly-report.service.js';
import { WorkOrderRepository } from './work-orders/work-order.repository.js';
import type { DemoSeedDeps } from './seed/demo.js';
import type { HistorySeedDeps } from './seed/history.js';

export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  events: EventBus;
  instanceId: string;
  sessionStore: DatabaseSessionStore;
  wardLocator: WardLocator;
  zones: ZoneService;
  users: UserService;
  apiClients: ApiClientService;
  postcodes: PostcodeService;
  categories: CategoryService;
  workOrders: WorkOrderService;
  sla: SlaService;
  intake: IntakeService;
  notifications: ReporterNotifications;
  triage: TriageService;
  crews: CrewService;
  dispatch: DispatchService;
  planner: PlannerService;
  sweeps: SweepService;
  photos: PhotoService;
  settings: SettingsService;
  weeklyReports: WeeklyReportService;
}

export interface ServiceOverrides {
  db?: Database;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
}

export async function buildServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? (await openAppDatabase(config.database));
  const wardLocator = new WardLocator(db, config.defaultZone);
  await wardLocator.reload();
  const events = new EventBus();
  const workOrders = new WorkOrderService(db, clock, events, config);
  const crews = new CrewService(db, clock, config);
  const deps: Services = {
    config,
    db,
    clock,
    logger,
    mailer: overrides.mailer ?? createMailer(config),
    events,
    instanceId: `${os.hostname()}:${process.pid}`,
    // Session expiry follows the cookie, which express-session dates by the wall clock, so the
    // store must too (a test's fixed domain clock would otherwise expire fresh logins).
    sessionStore: new DatabaseSessionStore(db, systemClock, config.sessionMaxAgeMs),
    wardLocator,
    zones: new ZoneService(db, wardLocator),
    users: new UserService(db, clock),
    apiClients: new ApiClientService(db, clock),
    postcodes: new PostcodeService(db, wardLocator),
    categories: new CategoryService(db),
    workOrders,
    sla: new SlaService(db, config),
    // Intake and notifications use many services; they read `deps` lazily, after it is complete.
    intake: new IntakeService(() => deps),
    notifications: new ReporterNotifications(() => deps),
    triage: new TriageService(() => deps),
    crews,
    dispatch: new DispatchService(db, workOrders, crews, new CategoryService(db), events),
    planner: new PlannerService(() => deps),
    sweeps: new SweepService(() => deps),
    settings: new SettingsService(new SettingsRepository(db), clock, logger),
    photos: new PhotoService(db, clock, config, new FilesystemPhotoStore(path.join(config.dataDir, 'photos')), logger),
    // Set just below, once the photo, postcode and settings services it uses exist.
    weeklyReports: undefined as never,
  };
  deps.weeklyReports = new WeeklyReportService({
    reports: new WeeklyReportRepository(db), workOrders: new WorkOrderRepository(db), requests: new ServiceRequestRepository(db),
    categories: new CategoryRepository(db), crews: new CrewRepository(db), photoRows: new PhotoRepository(db), users: new UserRepository(db),
    photos: deps.photos, postcodes: deps.postcodes, wards: wardLocator, settings: deps.settings, mailer: deps.mailer, clock, logger, config,
    instanceId: deps.instanceId,
  });
  deps.notifications.listen();
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
      const workOrders = new WorkOrderService(s.db, clock, new EventBus(), s.config);
      const quiet: Services = { ...s, clock, workOrders, events: new EventBus(), notifications: { reportReceived: () => undefined } as unknown as ReporterNotifications };
      return { intake: new IntakeService(() => quiet), workOrders };
    },
  };
}
