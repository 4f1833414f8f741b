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
  'auth.me': [...ALL_USERS, 'inspector'],
  'auth.csrf': ['public'],
  'postcodes.lookup': ['public'],
  'postcodes.nearest': ['public'],
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
  // the tracking token is the key: own photos and "still there?" for the reporter only
  'reports.trackPhoto': ['public'],
  'reports.stillThere': ['public'],
  // public pages: public fields only (PublicReportService), following by email with an unsubscribe
  'public.nearby': ['public'],
  'public.report': ['public'],
  'public.follow': ['public'],
  'public.unsubscribe': ['public'],
  'workOrders.list': [...ALL_USERS],
  'workOrders.get': [...ALL_USERS],
  'workOrders.accept': [...STAFF],
  'workOrders.reject': [...STAFF],
  'workOrders.merge': [...STAFF],
  'workOrders.split': [...STAFF],
  'workOrders.recategorise': [...STAFF],
  'workOrders.priority': [...STAFF],
  'workOrders.note': [...STAFF],
  'workOrders.publicPlace': [...STAFF],
  'workOrders.evidenceReview': [...STAFF],
  'evidence.queue': [...STAFF],
  'workOrders.reopen': [...STAFF],
  'workOrders.cancel': [...STAFF],
  'workOrders.publicUpdate': [...STAFF],
  // out-of-hours cover
  'onCall.list': [...STAFF],
  'onCall.create': ['admin'],
  'onCall.update': ['admin'],
  'onCall.remove': ['admin'],
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
  'crews.availability': ['admin', 'dispatcher'],
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
  // data out; councillors are scoped to their wards and partners to their own reports inside (ExportsService.accessFor); crews have no exports
  'exports.preview': ['admin', 'dispatcher', 'councillor', 'partner'],
  'exports.workOrdersCsv': ['admin', 'dispatcher', 'councillor', 'partner'],
  'exports.workOrdersGeoJson': ['admin', 'dispatcher', 'councillor', 'partner'],
  'exports.wasteDataFlow': ['admin', 'dispatcher'],
  // served only while an admin has switched open data on (404 OPEN_DATA_NOT_PUBLISHED otherwise)
  'openData.workOrdersCsv': ['public'],
  // fly-tip details for Defra, recorded by the office
  'flyTips.actions': [...STAFF],
  'flyTips.recordAction': [...STAFF],
  'flyTips.removeAction': [...STAFF],
  'flyTips.correctFields': [...STAFF],
  // cleanliness surveys: admins draw and plan, inspectors (and crew leads) grade; the index names no one, so it is public
  'inspections.transects.list': ['admin', 'dispatcher', 'inspector', 'crew_lead'],
  'inspections.transects.create': ['admin'],
  'inspections.transects.update': ['admin'],
  'inspections.transects.import': ['admin'],
  'inspections.tranches.list': ['admin', 'dispatcher'],
  'inspections.tranches.create': ['admin'],
  'inspections.tranches.draw': ['admin'],
  'inspections.visits.mine': ['inspector', 'crew_lead'],
  'inspections.visits.survey': ['inspector', 'crew_lead', 'admin'],
  'inspections.workOrderTrail': ['admin', 'dispatcher', 'councillor'],
  'inspections.index.wards': ['public'],
  'inspections.index.ward': ['public'],
  'inspections.areas.list': ['public'],
  'inspections.areas.create': ['admin'],
  'inspections.surveys.csv': ['admin', 'dispatcher'],
});
