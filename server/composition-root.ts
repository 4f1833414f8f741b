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
import { CategoryService } from './categories/category.service.js';
import type { Config } from './config.js';
import { CrewDayService } from './crew-jobs/crew-day.service.js';
import { CrewJobService } from './crew-jobs/crew-job.service.js';
import { CrewRepository } from './crews/crew.repository.js';
import { CrewService } from './crews/crew.service.js';
import { DispatchService } from './crews/dispatch.service.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { IntakeService } from './intake/intake.service.js';
import { ServiceRequestRepository } from './intake/service-request.repository.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { ReporterNotifications } from './notifications/reporter-notifications.js';
import { systemClock, type Clock } from './platform/clock.js';
import { EventBus } from './platform/event-bus.js';
import { createLogger } from './platform/logger.js';
import { FilesystemPhotoStore } from './photos/photo-store.js';
import { PhotoRepository } from './photos/photo.repository.js';
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
import { WorkOrderQuery } from './work-orders/work-order.query.js';
import { WorkOrderRepository } from './work-orders/work-order.repository.js';
import { WorkOrderService } from './work-orders/work-order.service.js';
import { WorkOrderViews } from './work-orders/work-order.view.js';
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
  notifications: ReporterNotifications;
  triage: TriageService;
  crews: CrewService;
  crewJobs: CrewJobService;
  crewDay: CrewDayService;
  idempotency: IdempotencyService;
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
  const workOrderRepository = new WorkOrderRepository(db);
  const serviceRequestRepository = new ServiceRequestRepository(db);
  const photoRepository = new PhotoRepository(db);
  const crewRepository = new CrewRepository(db);
  const workOrders = new WorkOrderService(db, clock, events, config, workOrderRepository);
  const sla = new SlaService(db, config);
  const categories = new CategoryService(db);
  const photos = new PhotoService(db, clock, config, new FilesystemPhotoStore(path.join(config.dataDir, 'photos')), logger);
  const workOrderViews = new WorkOrderViews({ wardLocator, sla, clock, workOrderRepository, serviceRequestRepository, photos });
  const workOrderQuery = new WorkOrderQuery({ wardLocator, sla, clock, workOrderRepository, serviceRequestRepository });
  const triage = new TriageService({ db, clock, config, sla, categories, workOrders, serviceRequestRepository, photoRepository });
  const crewJobs = new CrewJobService({ db, clock, workOrders, workOrderRepository, serviceRequestRepository, crewRepository, categories, photos });
  const crewDay = new CrewDayService({ clock, config, workOrderRepository, serviceRequestRepository, crewRepository, categories, photos });
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
    categories,
    workOrders,
    workOrderViews,
    workOrderQuery,
    sla,
    // Intake and notifications use many services; they read `deps` lazily, after it is complete.
    intake: new IntakeService(() => deps),
    notifications: new ReporterNotifications(() => deps),
    triage,
    crews,
    crewJobs,
    crewDay,
    idempotency: new IdempotencyService(db, clock),
    dispatch: new DispatchService(db, workOrders, crews, new CategoryService(db), events),
    planner: new PlannerService(() => deps),
    sweeps: new SweepService(() => deps),
    settings: new SettingsService(new SettingsRepository(db), clock, logger),
    photos,
  };
  deps.notifications.listen();
  return deps;
}
