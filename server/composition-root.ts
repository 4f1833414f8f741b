/**
 * Builds every dependency in one place (Immich's repositories, practica's
 * composition root). Tests call `buildServices` with overrides (a fixed clock, a
 * test mailer, a temp data dir) and get the real thing for everything else.
 */
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../db/data-source.js';
import { ApiClientService } from './api-clients/api-client.service.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import { loginAttackAlert } from './auth/login-alert.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { LoginThrottleRepository } from './auth/login-throttle.repository.js';
import { CategoryService } from './categories/category.service.js';
import type { Config } from './config.js';
import { CrewService } from './crews/crew.service.js';
import { DispatchService } from './crews/dispatch.service.js';
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

export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  events: EventBus;
  instanceId: string;
  sessionStore: DatabaseSessionStore;
  loginThrottle: LoginThrottle;
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
  const db = overrides.db ?? (await openDatabase(config.database));
  const wardLocator = new WardLocator(db, config.defaultZone);
  await wardLocator.reload();
  const events = new EventBus();
  const workOrders = new WorkOrderService(db, clock, events, config);
  const crews = new CrewService(db, clock, config);
  const mailer = overrides.mailer ?? createMailer(config);
  const deps: Services = {
    config,
    db,
    clock,
    logger,
    mailer,
    events,
    instanceId: `${os.hostname()}:${process.pid}`,
    // Session expiry follows the cookie, which express-session dates by the wall clock, so the
    // store must too (a test's fixed domain clock would otherwise expire fresh logins).
    sessionStore: new DatabaseSessionStore(db, systemClock, config.sessionMaxAgeMs),
    loginThrottle: new LoginThrottle(
      new LoginThrottleRepository(db),
      clock,
      { accountFailures: config.rateLimits.loginPer15Min, pairFailures: config.rateLimits.loginPairFailures, addressFailures: config.rateLimits.loginAddressFailures },
      loginAttackAlert({ users: new UserService(db, clock), mailer, config, logger }),
      logger,
    ),
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
  };
  deps.notifications.listen();
  return deps;
}
