/** Every entity schema, registered in one list so the DataSource and tests agree. */
import { ApiClientEntity } from '../server/api-clients/api-client.entity.js';
import { SessionEntity } from '../server/auth/session.entity.js';
import { LoginThrottleEntity } from '../server/auth/login-throttle.entity.js';
import { CategoryEntity } from '../server/categories/category.entity.js';
import { CrewEntity } from '../server/crews/crew.entity.js';
import { IdempotencyRecordEntity } from '../server/idempotency/idempotency-record.entity.js';
import { RequestContactEntity, ServiceRequestEntity } from '../server/intake/service-request.entity.js';
import { ReporterNoticeEntity } from '../server/notifications/reporter-notice.entity.js';
import { JobRunEntity } from '../server/jobs/job-run.entity.js';
import { HotspotSuggestionEntity, RoutePlanEntity, SweepEntity, SweepOccurrenceEntity } from '../server/scheduling/scheduling.entity.js';
import { Open311RequestEntity, Open311UpdateEntity } from '../server/open311/open311.entity.js';
import { PhotoEntity } from '../server/photos/photo.entity.js';
import { PostcodeEntity } from '../server/postcodes/postcode.entity.js';
import { SettingEntity } from '../server/settings/setting.entity.js';
import { UserEntity, WardSubscriptionEntity } from '../server/users/user.entity.js';
import { WardEntity, ZoneEntity } from '../server/wards/ward.entity.js';
import { WeeklyReportDeliveryEntity, WeeklyReportEntity } from '../server/weekly-reports/weekly-report.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from '../server/work-orders/work-order.entity.js';

export const entities = [
  WardEntity,
  ZoneEntity,
  PostcodeEntity,
  CategoryEntity,
  UserEntity,
  WardSubscriptionEntity,
  CrewEntity,
  WorkOrderEntity,
  WorkOrderEventEntity,
  ServiceRequestEntity,
  RequestContactEntity,
  ReporterNoticeEntity,
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
];
