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
import { CrewService } from './crews/crew.service.js';
import { DispatchService } from './crews/dispatch.service.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { IntakeService } from './intake/intake.service.js';
import { ServiceRequestRepository } from './intake/service-request.repository.js';
import { TrackingService } from './intake/tracking.service.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { ReporterNoticeRepository } from './notifications/reporter-notice.repository.js';
import { ReporterNotifications } from './notifications/reporter-notifications.js';
import { systemClock, type Clock } from './platform/clock.js';
import { EventBus } from './platform/event-bus.js';
import { createLogger } from './platform/logger.js';
import { FilesystemPhotoStore } from './photos/photo-store.js';
import { Open311UpdatesService } from './open311/open311-updates.service.js';
import { Open311Repository } from './open311/open311.repository.js';
import { Open311Service } from './open311/open311.service.js';
import { Open311Views } from './open311/open311.views.js';
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
import { createWorkOrder } from './work-orders/work-order.factory.js';
import { WorkOrderRepository } from './work-orders/work-order.repository.js';
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
  wardLocator: WardLocator;
  zones: ZoneService;
  users: UserService;
  apiClients: ApiClientService;
  postcodes: PostcodeService;
  categories: CategoryService;
  workOrders: WorkOrderService;
  sla: SlaService;
  intake: IntakeService;
  tracking: TrackingService;
  notifications: ReporterNotifications;
  idempotency: IdempotencyService;
  open311: Open311Service;
  open311Updates: Open311UpdatesService;
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
  const users = new UserService(db, clock);
  const postcodes = new PostcodeService(db, wardLocator);
  const categories = new CategoryService(db);
  const sla = new SlaService(db, config);
  const requests = new ServiceRequestRepository(db);
  const workOrderRows = new WorkOrderRepository(db);
  const photoRows = new PhotoRepository(db);
  const photos = new PhotoService({
    photos: photoRows,
    store: new FilesystemPhotoStore(path.join(config.dataDir, 'photos')),
    requests,
    workOrderRows,
    users,
    clock,
    config,
    logger,
  });
  const notifications = new ReporterNotifications({
    notices: new ReporterNoticeRepository(db),
    requests,
    workOrderRows,
    categories,
    wardLocator,
    mailer,
    events,
    clock,
    config,
    logger,
  });
  const workOrderFactory = { sla, clock, config, workOrders };
  const intake = new IntakeService({
    db,
    requests,
    workOrderRows,
    workOrders,
    openWorkOrder: (em, spec) => createWorkOrder(workOrderFactory, em, spec),
    categories,
    postcodes,
    wardLocator,
    photos,
    notifications,
    clock,
    config,
  });
  const apiClients = new ApiClientService(db, clock);
  const open311Rows = new Open311Repository(db);
  const open311Views = new Open311Views({ workOrderRows, photos: photoRows, open311Rows, categories, config });
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
    wardLocator,
    zones: new ZoneService(db, wardLocator),
    users,
    apiClients,
    postcodes,
    categories,
    workOrders,
    sla,
    intake,
    tracking: new TrackingService({ requests, workOrderRows, categories, wardLocator, photos }),
    notifications,
    idempotency: new IdempotencyService(new IdempotencyRepository(db), clock),
    open311: new Open311Service({ apiClients, categories, intake, requests, open311Rows, views: open311Views, clock, config }),
    open311Updates: new Open311UpdatesService({ db, requests, workOrderRows, workOrders, open311Rows, views: open311Views, clock }),
    triage: new TriageService(() => deps),
    crews,
    dispatch: new DispatchService(db, workOrders, crews, new CategoryService(db), events),
    planner: new PlannerService(() => deps),
    sweeps: new SweepService(() => deps),
    settings: new SettingsService(new SettingsRepository(db), clock, logger),
    photos,
  };
  deps.notifications.listen();
  return deps;
}
