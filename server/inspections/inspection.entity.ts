import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';
import type { Grade, LandUse } from './grades.js';

/** A transect: about 50 m of street (a line) or a small area of open land (a polygon) that an inspector grades. */
export interface Transect {
  id: string;
  name: string;
  wardCode: string;
  landUse: LandUse;
  geometry: GeoJSON.LineString | GeoJSON.Polygon;
  /** A representative point (the line's middle vertex, the area's vertex average): maps, ward and zone. */
  lat: number;
  lng: number;
  /** Retired transects stay for past surveys but are not sampled again. */
  active: boolean;
  createdAt: string;
}

export type TrancheStatus = 'planned' | 'drawing' | 'drawn';

/** A survey plan: one tranche (a third of the survey year), how many transects per ward, and the seed of its draw. */
export interface SurveyTranche {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  samplePerWard: number;
  seed: string;
  status: TrancheStatus;
  drawnAt: string | null;
  createdAt: string;
}

export type VisitKind = 'sample' | 'reinspection';

/** One transect to grade (a sampled site, or a re-inspection after a failed site was cleared), and once graded its survey. */
export interface SurveyVisit {
  id: string;
  trancheId: string;
  transectId: string;
  wardCode: string;
  landUse: LandUse;
  kind: VisitKind;
  parentVisitId: string | null;
  inspectorId: string | null;
  dueOn: string;
  status: 'assigned' | 'done';
  litter: Grade | null;
  detritus: Grade | null;
  graffiti: Grade | null;
  flyPosting: Grade | null;
  note: string | null;
  photoId: string | null;
  /** Where the tablet was when the grades were given, if it knew. */
  deviceLat: number | null;
  deviceLng: number | null;
  /** The tablet's clock at the tap. */
  surveyedAt: string | null;
  receivedAt: string | null;
  surveyedBy: string | null;
  /** The work order this failed site raised. */
  workOrderId: string | null;
  createdAt: string;
}

/** An area whose index is compared before and after a date (a partnership's start), e.g. Kensington's alleyways. */
export interface PartnershipArea {
  id: string;
  name: string;
  boundary: GeoJSON.Polygon;
  startedOn: string;
  createdAt: string;
}

export const TransectEntity = new EntitySchema<Transect>({
  name: 'Transect',
  tableName: 'transect',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(120),
    wardCode: col.str(12, { name: 'ward_code' }),
    landUse: col.str(30, { name: 'land_use' }),
    geometry: col.json(),
    lat: col.float(),
    lng: col.float(),
    active: col.bool({ default: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

export const SurveyTrancheEntity = new EntitySchema<SurveyTranche>({
  name: 'SurveyTranche',
  tableName: 'survey_tranche',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(60),
    startsOn: col.str(10, { name: 'starts_on' }),
    endsOn: col.str(10, { name: 'ends_on' }),
    samplePerWard: col.int({ name: 'sample_per_ward' }),
    seed: col.str(64),
    status: col.str(12),
    drawnAt: col.instant({ name: 'drawn_at', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

export const SurveyVisitEntity = new EntitySchema<SurveyVisit>({
  name: 'SurveyVisit',
  tableName: 'survey_visit',
  columns: {
    id: col.uuid({ primary: true }),
    trancheId: col.uuid({ name: 'tranche_id' }),
    transectId: col.uuid({ name: 'transect_id' }),
    wardCode: col.str(12, { name: 'ward_code' }),
    landUse: col.str(30, { name: 'land_use' }),
    kind: col.str(14),
    parentVisitId: col.uuid({ name: 'parent_visit_id', nullable: true }),
    inspectorId: col.uuid({ name: 'inspector_id', nullable: true }),
    dueOn: col.str(10, { name: 'due_on' }),
    status: col.str(10),
    litter: col.str(2, { nullable: true }),
    detritus: col.str(2, { nullable: true }),
    graffiti: col.str(2, { nullable: true }),
    flyPosting: col.str(2, { name: 'fly_posting', nullable: true }),
    note: col.text({ nullable: true }),
    photoId: col.uuid({ name: 'photo_id', nullable: true }),
    deviceLat: col.float({ name: 'device_lat', nullable: true }),
    deviceLng: col.float({ name: 'device_lng', nullable: true }),
    surveyedAt: col.instant({ name: 'surveyed_at', nullable: true }),
    receivedAt: col.instant({ name: 'received_at', nullable: true }),
    surveyedBy: col.uuid({ name: 'surveyed_by', nullable: true }),
    workOrderId: col.uuid({ name: 'work_order_id', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
  },
  indices: [{ name: 'uq_survey_visit_parent', columns: ['parentVisitId'], unique: true }],
});

export const PartnershipAreaEntity = new EntitySchema<PartnershipArea>({
  name: 'PartnershipArea',
  tableName: 'partnership_area',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(120),
    boundary: col.json(),
    startedOn: col.str(10, { name: 'started_on' }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});
