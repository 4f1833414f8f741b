/**
 * The app's tables: every entity schema, in one list, and the database opened
 * with them and the migrations. db/ knows no feature module, so this list is
 * handed to it from here.
 */
import { migrations } from '../db/migrations/index.js';
import { openDatabase, type Database, type DatabaseTarget } from '../db/data-source.js';
import { ApiClientEntity } from './api-clients/api-client.entity.js';
import { LoginThrottleEntity } from './auth/login-throttle.entity.js';
import { SessionEntity } from './auth/session.entity.js';
import { CategoryEntity } from './categories/category.entity.js';
import { CrewEntity } from './crews/crew.entity.js';
import { FlyTipEnforcementEntity } from './fly-tipping/fly-tip-enforcement.entity.js';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity.js';
import { RequestContactEntity, ServiceRequestEntity } from './intake/service-request.entity.js';
import { ReporterNoticeEntity } from './notifications/reporter-notice.entity.js';
import { PartnershipAreaEntity, SurveyTrancheEntity, SurveyVisitEntity, TransectEntity } from './inspections/inspection.entity.js';
import { JobRunEntity } from './jobs/job-run.entity.js';
import { HotspotSuggestionEntity, RoutePlanEntity, SweepEntity, SweepOccurrenceEntity } from './scheduling/scheduling.entity.js';
import { Open311RequestEntity, Open311UpdateEntity } from './open311/open311.entity.js';
import { PhotoEntity } from './photos/photo.entity.js';
import { ReportFollowerEntity } from './public-reports/follower.entity.js';
import { PostcodeEntity } from './postcodes/postcode.entity.js';
import { SettingEntity } from './settings/setting.entity.js';
import { UserEntity, WardSubscriptionEntity } from './users/user.entity.js';
import { WardEntity } from './wards/ward.entity.js';
import { WeeklyReportDeliveryEntity, WeeklyReportEntity } from './weekly-reports/weekly-report.entity.js';
import { OnCallSlotEntity } from './on-call/on-call.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from './work-orders/work-order.entity.js';
import { ZoneEntity } from './zones/zone.entity.js';

export const entities = [
  WardEntity,
  ZoneEntity,
  PostcodeEntity,
  CategoryEntity,
  UserEntity,
  WardSubscriptionEntity,
  CrewEntity,
  WorkOrderEntity,
  OnCallSlotEntity,
  WorkOrderEventEntity,
  FlyTipEnforcementEntity,
  ServiceRequestEntity,
  RequestContactEntity,
  ReporterNoticeEntity,
  ReportFollowerEntity,
  PhotoEntity,
  ApiClientEntity,
  JobRunEntity,
  SessionEntity,
  LoginThrottleEntity,
  IdempotencyRecordEntity,
  SettingEntity,
  RoutePlanEntity,
  SweepEntity,
  SweepOccurrenceEntity,
  HotspotSuggestionEntity,
  Open311RequestEntity,
  Open311UpdateEntity,
  WeeklyReportEntity,
  WeeklyReportDeliveryEntity,
  TransectEntity,
  SurveyTrancheEntity,
  SurveyVisitEntity,
  PartnershipAreaEntity,
];

/** Opens (and unless told otherwise migrates) the app's database. */
export function openAppDatabase(target: DatabaseTarget, opts: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase(target, { entities, migrations }, opts);
}
