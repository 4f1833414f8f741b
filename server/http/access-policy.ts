/**
 * Who may call which route: the one table. Every route definition names its
 * operation id; the app refuses to start if an id is missing here, and the
 * role × route test matrix (test/api/access-matrix.test.ts) is generated from
 * this table, so an entry here is both the rule and its test.
 *
 * Audiences: 'public' is anyone (also not logged in); 'partner' is a partner
 * system with an API key; the rest are user roles.
 */
import type { Role } from '../users/user.entity.js';

export type Audience = 'public' | 'partner' | Role;

const STAFF = ['admin', 'dispatcher'] as const;
const ALL_USERS = ['admin', 'dispatcher', 'crew_lead', 'councillor'] as const;

export const ACCESS_POLICY: Readonly<Record<string, readonly Audience[]>> = Object.freeze({
  // foundation
  'health.check': ['public'],
  'health.ready': ['public'],
  'auth.login': ['public'],
  'auth.logout': ['public'],
  'auth.me': [...ALL_USERS],
  'auth.csrf': ['public'],
  'postcodes.lookup': ['public'],
  'wards.list': ['public'],
  'categories.list': ['public'],
  'categories.create': ['admin'],
  'categories.update': ['admin'],
  'config.public': ['public'],
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'apiClients.list': ['admin'],
  'apiClients.create': ['admin'],
  'apiClients.revoke': ['admin'],
  // intake and triage; councillors are scoped to their wards inside (403 NOT_YOUR_WARD)
  'reports.create': ['public'],
  'reports.track': ['public'],
  'workOrders.list': [...ALL_USERS],
  'workOrders.get': [...ALL_USERS],
  'workOrders.accept': [...STAFF],
  'workOrders.reject': [...STAFF],
  'workOrders.merge': [...STAFF],
  'workOrders.split': [...STAFF],
  'workOrders.recategorise': [...STAFF],
  'workOrders.priority': [...STAFF],
  'workOrders.note': [...STAFF],
  // crew evidence
  // visibility per photo is decided by PhotoService.assertVisible (staff any, councillor own wards, others fixed-job evidence)
  'photos.get': ['public'],
  // own crew only (403 NOT_YOUR_CREW) is checked by CrewJobService
  'crewJobs.today': ['crew_lead'],
  'crewJobs.start': ['crew_lead'],
  'crewJobs.complete': ['crew_lead'],
  'crewJobs.notCompleted': ['crew_lead'],
  'crewJobs.partial': ['crew_lead'],
  'crewJobs.photos': ['crew_lead'],
  // crews, dispatch, cron; crew leads are scoped to their own crew inside (403 NOT_YOUR_CREW)
  'crews.list': ['admin', 'dispatcher', 'crew_lead'],
  'crews.get': ['admin', 'dispatcher', 'crew_lead'],
  'crews.create': ['admin', 'dispatcher'],
  'crews.update': ['admin', 'dispatcher'],
  'crews.retire': ['admin', 'dispatcher'],
  'crews.day': ['admin', 'dispatcher', 'crew_lead'],
  'dispatch.assign': ['admin', 'dispatcher'],
  'dispatch.unassign': ['admin', 'dispatcher'],
  'plans.create': ['admin', 'dispatcher'],
  'plans.list': ['admin', 'dispatcher'],
  'plans.get': ['admin', 'dispatcher'],
  'plans.publish': ['admin', 'dispatcher'],
  'sweeps.list': ['admin', 'dispatcher'],
  'sweeps.create': ['admin'],
  'sweeps.update': ['admin'],
  'hotspots.list': ['admin', 'dispatcher'],
  'hotspots.accept': ['admin', 'dispatcher'],
  'hotspots.dismiss': ['admin', 'dispatcher'],
  // SSE streams (server/live, mounted as extra routers, so the JSON matrix does not open them)
  'live.dispatch': ['admin', 'dispatcher'],
  'live.crew': ['crew_lead'],
  // open311 has its own api_key check inside the protocol
  // councillor reports
  'weeklyReports.pdf': ['admin', 'dispatcher', 'councillor'],
  'weeklyReports.list': ['admin', 'dispatcher', 'councillor'],
  'weeklyReports.deliveries': ['admin'],
  'weeklyReports.resend': ['admin'],
  // Code of Practice zones; dispatchers may look, admins draw
  'zones.list': ['admin', 'dispatcher'],
  'zones.create': ['admin'],
  'zones.update': ['admin'],
  'zones.delete': ['admin'],
  // administrator-editable settings (planner, hotspots, working calendar, weekly report)
  'settings.list': ['admin'],
  'settings.update': ['admin'],
});
