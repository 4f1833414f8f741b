/** Migrations in order. Listed explicitly (no glob) so tsx, compiled JS and tests load the same set. */
import { Initial1764400000000 } from './1764400000000-Initial.js';
import { Intake1764500000000 } from './1764500000000-Intake.js';
import { Scheduling1764700000000 } from './1764700000000-Scheduling.js';
import { Open3111764800000000 } from './1764800000000-Open311.js';
import { WeeklyReports1764900000000 } from './1764900000000-WeeklyReports.js';
import { IntakeSpeed1765000000000 } from './1765000000000-IntakeSpeed.js';
import { PhotoRendering1765100000000 } from './1765100000000-PhotoRendering.js';
import { DropUnusedLatIndex1765200000000 } from './1765200000000-DropUnusedLatIndex.js';
import { LoginThrottle1765300000000 } from './1765300000000-LoginThrottle.js';
import { PublicPlace1765350000000 } from './1765350000000-PublicPlace.js';
import { Evidence1765400000000 } from './1765400000000-Evidence.js';
import { ReportFollowers1765600000000 } from './1765600000000-ReportFollowers.js';
import { SeveralInstances1765700000000 } from './1765700000000-SeveralInstances.js';
import { Exports1765800000000 } from './1765800000000-Exports.js';
import { Inspections1765900000000 } from './1765900000000-Inspections.js';
import { NearbyIndexLongitude1766000000000 } from './1766000000000-NearbyIndexLongitude.js';
import { DropUnusedRequestWardIndex1766100000000 } from './1766100000000-DropUnusedRequestWardIndex.js';
import { WorkOrderPostcodes1765500000000 } from './1765500000000-WorkOrderPostcodes.js';
import { OnCallRota1765510000000 } from './1765510000000-OnCallRota.js';
import { OpenWorkIndex1765520000000 } from './1765520000000-OpenWorkIndex.js';

export const migrations = [Initial1764400000000, Intake1764500000000, Scheduling1764700000000, Open3111764800000000, WeeklyReports1764900000000, IntakeSpeed1765000000000, PhotoRendering1765100000000, DropUnusedLatIndex1765200000000, LoginThrottle1765300000000,
  PublicPlace1765350000000,
  Evidence1765400000000,
  WorkOrderPostcodes1765500000000,
  OnCallRota1765510000000,
  OpenWorkIndex1765520000000,
  ReportFollowers1765600000000,
  SeveralInstances1765700000000,
  Exports1765800000000,
  Inspections1765900000000,
  NearbyIndexLongitude1766000000000,
  DropUnusedRequestWardIndex1766100000000,
];
