/**
 * Every JSON API route, in one list: the app mounts it, the OpenAPI document
 * is generated from it and the access-matrix test walks it.
 * Add a module's routes here (one line) when you add a module. Each module's
 * routes function declares the narrow set of services it uses; the built
 * `Services` satisfies each of them.
 */
import type { CsrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import { apiClientRoutes } from './api-clients/api-client.routes.js';
import { categoryRoutes } from './categories/category.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import type { Services } from './composition-root.js';
import { crewJobRoutes } from './crew-jobs/crew-job.routes.js';
import { referenceRoutes } from './http/reference.routes.js';
import { inspectionRoutes } from './inspections/inspection.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { crewRoutes } from './crews/crew.routes.js';
import { exportRoutes } from './exports/exports.routes.js';
import { flyTippingRoutes } from './fly-tipping/fly-tipping.routes.js';
import type { RouteDef } from './http/route.js';
import { liveMounts } from './live/live.routes.js';
import { plannerRoutes } from './scheduling/planner.routes.js';
import { sweepRoutes } from './scheduling/sweep.routes.js';
import { onCallRoutes } from './on-call/on-call.routes.js';
import { open311Mounts } from './open311/open311.routes.js';
import { photoRoutes } from './photos/photo.routes.js';
import { publicReportRoutes } from './public-reports/public-report.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { userRoutes } from './users/user.routes.js';
import { weeklyReportRoutes } from './weekly-reports/weekly-report.routes.js';
import { evidenceRoutes } from './work-orders/evidence.routes.js';
import { workOrderRoutes } from './work-orders/work-order.routes.js';
import { zoneRoutes } from './zones/zone.routes.js';

export function allRoutes(deps: Services, csrf: CsrfSync): RouteDef[] {
  return [
    ...referenceRoutes(deps),
    ...categoryRoutes(deps),
    ...authRoutes(deps, csrf),
    ...userRoutes(deps),
    ...apiClientRoutes(deps),
    ...intakeRoutes(deps),
    ...publicReportRoutes(deps),
    ...workOrderRoutes(deps),
    ...evidenceRoutes(deps),
    ...crewRoutes(deps),
    ...plannerRoutes(deps),
    ...sweepRoutes(deps),
    ...photoRoutes(deps),
    ...crewJobRoutes(deps),
    ...weeklyReportRoutes(deps),
    ...zoneRoutes(deps),
    ...settingsRoutes(deps),
    ...flyTippingRoutes(deps),
    ...exportRoutes(deps),
    ...inspectionRoutes(deps),
    ...onCallRoutes(deps),
  ];
}

/** Routers that do not speak the JSON API (Open311's XML, SSE streams). */
export function extraRouters(deps: Services): { path: string; router: RequestHandler }[] {
  return [...open311Mounts(deps), ...liveMounts(deps)];
}
