/**
 * Cleanliness surveys: transects and their import, survey plans (tranches) and
 * their stratified random draw, the inspector's day, recording a survey (a C or
 * D for litter or detritus opens a work order through the work-order factory),
 * re-inspection once that work is done, and the index per ward, per
 * partnership area and for the weekly report.
 */
import { randomUUID } from 'node:crypto';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { EntityManager } from 'typeorm';
import type { Category } from '../categories/category.entity.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import type { PreparedPhoto } from '../photos/photo.service.js';
import type { Photo } from '../photos/photo.entity.js';
import type { Clock } from '../platform/clock.js';
import type { SettingValues } from '../settings/settings.schema.js';
import type { Role } from '../users/roles.js';
import type { NewWorkOrder } from '../work-orders/work-order.factory.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { FIXED_STATUSES, type WorkOrderStatus } from '../work-orders/work-order.state.js';
import { computeAreaIndex, direction, isSlipping, type AreaIndex, type Direction, type GradedTransect, type TranchePoint } from './cleanliness-index.js';
import { ELEMENTS, isUnacceptableSite, RESTORED_ELEMENTS, type Element, type Grade, type LandUse } from './grades.js';
import type { PartnershipArea, SurveyTranche, SurveyVisit, Transect } from './inspection.entity.js';
import type { InspectionRepository } from './inspection.repository.js';
import { assignVisits, drawSample, tranchePeriod } from './sampling.js';

/** What the service uses, each narrowed to the calls it makes. */
export interface InspectionServiceDeps {
  repo: InspectionRepository;
  clock: Clock;
  timeZone: string;
  wards: { wardAt(lat: number, lng: number): { code: string; name: string } | null; zoneAt(lat: number, lng: number): number; ward(code: string): { code: string; name: string } | undefined; allWards(): { code: string; name: string }[] };
  users: { list(): Promise<{ id: string; role: Role; active: boolean; name: string }[]> };
  categories: { find(code: string): Promise<Category | null> };
  postcodes: { nearest(lat: number, lng: number): Promise<string | null> };
  /** The work-order factory, inside the survey's transaction. */
  openWorkOrder(em: EntityManager, spec: NewWorkOrder): Promise<WorkOrder>;
  workOrderRows: { findAllByIds(ids: string[]): Promise<WorkOrder[]> };
  photos: { prepare(source: Buffer, opts: { ownerKey: string; workOrderId?: string | null; kind: 'extra'; uploadedBy?: string | null }): Promise<PreparedPhoto>; save(em: EntityManager, prepared: PreparedPhoto): Promise<Photo> };
  settings: { get(key: 'inspections'): Promise<SettingValues['inspections']> };
  events?: { subscribe(listener: (e: { type: string; workOrderId?: string; data?: Record<string, unknown> }) => void): () => void };
}

/** A past point of view: only tranches that had begun by this local date (YYYY-MM-DD) count. */
export interface AsOf {
  startedBy?: string;
}

export type TransectGeometry = GeoJSON.LineString | GeoJSON.Polygon;

export interface TransectInput {
  name: string;
  landUse: LandUse;
  geometry: TransectGeometry;
}

export interface SurveyInput {
  visitId: string;
  user: SessionUser;
  grades: Record<Element, Grade | null>;
  note?: string | null;
  photo?: Buffer | null;
  position?: { lat: number; lng: number } | null;
  capturedAt?: string;
}

export interface VisitView {
  id: string;
  kind: SurveyVisit['kind'];
  status: SurveyVisit['status'];
  dueOn: string;
  trancheName: string;
  wardCode: string;
  wardName: string;
  transect: { id: string; name: string; landUse: LandUse; geometry: TransectGeometry; lat: number; lng: number };
  grades: Record<Element, Grade | null> | null;
  surveyedAt: string | null;
  workOrderId: string | null;
}

export interface WardIndexView {
  ward: { code: string; name: string };
  tranches: TranchePoint[];
  trend: Record<Element, { direction: Direction; change: number | null }>;
  slipping: boolean;
}

export interface WardSummaryRow {
  ward: { code: string; name: string };
  tranche: { id: string; name: string } | null;
  surveyed: number;
  litter: AreaIndex['elements']['litter'] | null;
  detritus: AreaIndex['elements']['detritus'] | null;
  litterTrend: { direction: Direction; change: number | null };
  detritusTrend: { direction: Direction; change: number | null };
  slipping: boolean;
}

export interface AreaBeforeAfter {
  area: { id: string; name: string; startedOn: string; boundary: GeoJSON.Polygon };
  transects: number;
  before: TranchePoint | null;
  after: TranchePoint | null;
  tranches: TranchePoint[];
}

const MAX_TRANSECT_M = 500;

function metres(a: GeoJSON.Position, b: GeoJSON.Position): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Checks a transect's shape and gives its representative point; throws 422 with the reason. */
export function transectPoint(g: TransectGeometry): { lat: number; lng: number } {
  const positions = g.type === 'LineString' ? g.coordinates : (g.coordinates[0] ?? []);
  for (const p of positions) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      throw new UnprocessableError('TRANSECT_GEOMETRY_INVALID', 'Every position must be [longitude, latitude] in degrees.');
    }
  }
  if (g.type === 'LineString') {
    if (positions.length < 2) throw new UnprocessableError('TRANSECT_GEOMETRY_INVALID', 'A transect line needs at least two points.');
    let length = 0;
    for (let i = 1; i < positions.length; i++) length += metres(positions[i - 1], positions[i]);
    if (length > MAX_TRANSECT_M) throw new UnprocessableError('TRANSECT_TOO_LONG', `A transect is a short stretch of street (about 50 m); this line is ${Math.round(length)} m, more than ${MAX_TRANSECT_M} m.`);
  } else {
    const ring = positions;
    if (ring.length < 4 || ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]) {
      throw new UnprocessableError('TRANSECT_GEOMETRY_INVALID', 'A transect area needs a closed ring (first point repeated last, at least four points).');
    }
    for (let i = 1; i < ring.length; i++) {
      if (metres(ring[0], ring[i]) > MAX_TRANSECT_M) throw new UnprocessableError('TRANSECT_TOO_LONG', `A transect area is a small area of land; it spans more than ${MAX_TRANSECT_M} m.`);
    }
  }
  const pts = g.type === 'Polygon' ? positions.slice(0, -1) : positions;
  const lng = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return { lat, lng };
}

function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function gradesOf(v: SurveyVisit): Record<Element, Grade | null> {
  return { litter: v.litter, detritus: v.detritus, graffiti: v.graffiti, flyPosting: v.flyPosting };
}

/** The rows of one tranche's index, oldest tranche first; tranches with no graded transect are left out. */
export function trancheSeries(tranches: readonly SurveyTranche[], visits: readonly SurveyVisit[]): TranchePoint[] {
  const out: TranchePoint[] = [];
  for (const t of [...tranches].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
    const rows: GradedTransect[] = visits.filter((v) => v.trancheId === t.id).map((v) => ({ transectId: v.transectId, landUse: v.landUse, grades: gradesOf(v) }));
    if (!rows.length) continue;
    out.push({ trancheId: t.id, trancheName: t.name, startsOn: t.startsOn, index: computeAreaIndex(rows) });
  }
  return out;
}

export class InspectionService {
  constructor(private readonly deps: InspectionServiceDeps) {}

  /** Re-inspections are booked as soon as the work a failed site raised is done (the daily job catches up after a restart). */
  listen(): () => void {
    if (!this.deps.events) return () => undefined;
    return this.deps.events.subscribe((e) => {
      // Only a job becoming fixed can clear a failed site.
      if (e.type !== 'work_order.updated' || !e.workOrderId || e.data?.status !== 'completed') return;
      void this.reinspectIfCleared(e.workOrderId).catch(() => undefined);
    });
  }

  private today(): string {
    return localDay(this.deps.clock.now(), this.deps.timeZone);
  }

  // ------------------------------------------------------------------ transects

  listTransects(wardCode?: string): Promise<Transect[]> {
    return this.deps.repo.transects({ wardCode });
  }

  private buildTransect(input: TransectInput, id: string = randomUUID(), createdAt = this.deps.clock.now().toISOString()): Transect {
    const { lat, lng } = transectPoint(input.geometry);
    const ward = this.deps.wards.wardAt(lat, lng);
    if (!ward) throw new UnprocessableError('TRANSECT_OUTSIDE_WARDS', `"${input.name}" is not inside any of the council's wards.`);
    return { id, name: input.name, landUse: input.landUse, geometry: input.geometry, lat, lng, wardCode: ward.code, active: true, createdAt };
  }

  async createTransect(input: TransectInput): Promise<Transect> {
    const t = this.buildTransect(input);
    await this.deps.repo.insertTransects([t]);
    return t;
  }

  async updateTransect(id: string, patch: Partial<TransectInput> & { active?: boolean }): Promise<Transect> {
    const current = await this.deps.repo.transect(id);
    if (!current) throw new NotFoundError('TRANSECT_NOT_FOUND', 'There is no such transect.');
    const rebuilt = patch.geometry ? this.buildTransect({ name: patch.name ?? current.name, landUse: patch.landUse ?? current.landUse, geometry: patch.geometry }, current.id, current.createdAt) : current;
    const next: Transect = { ...rebuilt, name: patch.name ?? current.name, landUse: patch.landUse ?? current.landUse, active: patch.active ?? current.active };
    await this.deps.repo.updateTransect(next);
    return next;
  }

  /** A GeoJSON FeatureCollection of lines and small areas, each with properties name and landUse: all or nothing, with every problem listed. */
  async importTransects(features: { geometry: TransectGeometry; properties: { name: string; landUse: LandUse } }[]): Promise<{ created: number; wards: Record<string, number> }> {
    const now = this.deps.clock.now().toISOString();
    const problems: { feature: number; message: string }[] = [];
    const rows: Transect[] = [];
    features.forEach((f, i) => {
      try {
        rows.push(this.buildTransect({ name: f.properties.name, landUse: f.properties.landUse, geometry: f.geometry }, randomUUID(), now));
      } catch (e) {
        problems.push({ feature: i, message: e instanceof Error ? e.message : String(e) });
      }
    });
    if (problems.length) {
      throw new UnprocessableError('TRANSECT_IMPORT_INVALID', `${problems.length} of ${features.length} features cannot be imported (nothing was imported): feature ${problems[0].feature + 1}: ${problems[0].message}`, { problems });
    }
    await this.deps.repo.transaction((em) => this.deps.repo.insertTransects(rows, em));
    const wards: Record<string, number> = {};
    for (const r of rows) wards[r.wardCode] = (wards[r.wardCode] ?? 0) + 1;
    return { created: rows.length, wards };
  }

  // ------------------------------------------------------------------ plans and the draw

  async listTranches(): Promise<(SurveyTranche & { visits: number })[]> {
    const tranches = await this.deps.repo.tranches();
    return Promise.all(tranches.map(async (t) => ({ ...t, visits: await this.deps.repo.countVisits(t.id) })));
  }

  async createTranche(input: { name?: string; startsOn: string; endsOn: string; samplePerWard?: number; seed?: string }): Promise<SurveyTranche> {
    if (input.endsOn < input.startsOn) throw new UnprocessableError('TRANCHE_DATES_INVALID', 'A tranche must end on or after the day it starts.');
    const name = input.name ?? tranchePeriod(input.startsOn).name;
    if (await this.deps.repo.trancheByName(name)) throw new ConflictError('TRANCHE_EXISTS', `There is already a tranche called "${name}".`);
    const t: SurveyTranche = {
      id: randomUUID(), name, startsOn: input.startsOn, endsOn: input.endsOn,
      samplePerWard: input.samplePerWard ?? (await this.deps.settings.get('inspections')).samplePerWard,
      seed: input.seed ?? randomUUID(), status: 'planned', drawnAt: null, createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.repo.insertTranche(t);
    return t;
  }

  /** Who inspects: inspectors; with none, crew leads (who may inspect too). */
  private async inspectorIds(): Promise<string[]> {
    const users = (await this.deps.users.list()).filter((u) => u.active);
    const inspectors = users.filter((u) => u.role === 'inspector');
    return (inspectors.length ? inspectors : users.filter((u) => u.role === 'crew_lead')).map((u) => u.id);
  }

  /**
   * Draws a planned tranche's sample (per ward, stratified by land use, from
   * its seed) and hands it to the inspectors from `firstDay` on. Refused if
   * the tranche was already drawn (409 TRANCHE_ALREADY_DRAWN).
   */
  async drawTranche(id: string, opts: { firstDay?: string } = {}): Promise<{ tranche: SurveyTranche; drawn: number; byWard: Record<string, number> }> {
    const tranche = await this.deps.repo.tranche(id);
    if (!tranche) throw new NotFoundError('TRANCHE_NOT_FOUND', 'There is no such survey tranche.');
    const settings = await this.deps.settings.get('inspections');
    const frame = await this.deps.repo.transects({ activeOnly: true });
    const sample = drawSample(frame, tranche.samplePerWard, tranche.seed);
    const today = this.today();
    const firstDay = opts.firstDay ?? (today > tranche.startsOn ? today : tranche.startsOn);
    const plan = assignVisits(sample, await this.inspectorIds(), firstDay, settings.visitsPerDay);
    const inspectorOf = new Map(plan.map((p) => [p.transectId, p]));
    const now = this.deps.clock.now().toISOString();
    const visits: SurveyVisit[] = sample.map((t) => ({
      id: randomUUID(), trancheId: tranche.id, transectId: t.id, wardCode: t.wardCode, landUse: t.landUse, kind: 'sample', parentVisitId: null,
      inspectorId: inspectorOf.get(t.id)?.inspectorId ?? null, dueOn: inspectorOf.get(t.id)?.dueOn ?? firstDay, status: 'assigned',
      litter: null, detritus: null, graffiti: null, flyPosting: null, note: null, photoId: null, deviceLat: null, deviceLng: null,
      surveyedAt: null, receivedAt: null, surveyedBy: null, workOrderId: null, createdAt: now,
    }));
    await this.deps.repo.transaction(async (em) => {
      if (!(await this.deps.repo.claimForDraw(tranche.id, em))) throw new ConflictError('TRANCHE_ALREADY_DRAWN', `Tranche "${tranche.name}" has already been drawn.`);
      await this.deps.repo.insertVisits(visits, em);
      await this.deps.repo.markDrawn(tranche.id, now, em);
    });
    const byWard: Record<string, number> = {};
    for (const v of visits) byWard[v.wardCode] = (byWard[v.wardCode] ?? 0) + 1;
    return { tranche: { ...tranche, status: 'drawn', drawnAt: now }, drawn: visits.length, byWard };
  }

  /** The daily job: plan this period's tranche if nobody has, draw the tranches whose day has come, book due re-inspections. */
  async runSampling(now: Date, dryRun: boolean): Promise<Record<string, unknown>> {
    const today = localDay(now, this.deps.timeZone);
    const period = tranchePeriod(today);
    const exists = await this.deps.repo.trancheByName(period.name);
    const due = await this.deps.repo.tranchesToDraw(today);
    if (dryRun) return { today, planTranche: exists ? null : period.name, toDraw: [...due.map((t) => t.name), ...(exists ? [] : [period.name])] };
    if (!exists) {
      await this.createTranche({ ...period }).catch((e: unknown) => {
        if (!(e instanceof ConflictError)) throw e; // another instance planned it a moment ago
      });
    }
    const drawn: Record<string, number> = {};
    for (const t of await this.deps.repo.tranchesToDraw(today)) {
      try {
        drawn[t.name] = (await this.drawTranche(t.id, { firstDay: today })).drawn;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    const reinspections = await this.scheduleReinspections();
    return { today, drawn, reinspections };
  }

  // ------------------------------------------------------------------ the inspector's day

  async visitsFor(user: SessionUser): Promise<{ day: string; visits: VisitView[] }> {
    const day = this.today();
    const since = new Date(this.deps.clock.now().getTime() - 24 * 3600_000).toISOString();
    const visits = await this.deps.repo.visitsOfInspector(user.id, day, since);
    return { day, visits: await this.views(visits) };
  }

  private async views(visits: SurveyVisit[]): Promise<VisitView[]> {
    const transects = new Map((await this.deps.repo.transectsByIds([...new Set(visits.map((v) => v.transectId))])).map((t) => [t.id, t]));
    const tranches = new Map((await this.deps.repo.tranches()).map((t) => [t.id, t.name]));
    return visits.flatMap((v) => {
      const t = transects.get(v.transectId);
      if (!t) return [];
      return [{
        id: v.id, kind: v.kind, status: v.status, dueOn: v.dueOn, trancheName: tranches.get(v.trancheId) ?? '', wardCode: v.wardCode,
        wardName: this.deps.wards.ward(v.wardCode)?.name ?? v.wardCode,
        transect: { id: t.id, name: t.name, landUse: t.landUse, geometry: t.geometry, lat: t.lat, lng: t.lng },
        grades: v.status === 'done' ? gradesOf(v) : null, surveyedAt: v.surveyedAt, workOrderId: v.workOrderId,
      }];
    });
  }

  /**
   * Records a survey once. A C or D (C+ to D) for litter or detritus is an
   * unacceptable site: a work order is opened in the same transaction, through
   * the work-order factory, with the zone's response time from the moment the
   * site was graded; its photo, if any, goes with it as evidence.
   */
  async recordSurvey(input: SurveyInput): Promise<VisitView> {
    const visit = await this.deps.repo.visit(input.visitId);
    if (!visit) throw new NotFoundError('VISIT_NOT_FOUND', 'There is no such survey visit.');
    if (visit.inspectorId !== input.user.id && input.user.role !== 'admin') throw new ForbiddenError('This transect was given to another inspector.', 'NOT_YOUR_VISIT');
    if (visit.status === 'done') throw new ConflictError('ALREADY_SURVEYED', 'This transect has already been graded for this visit.');
    if (!input.grades.litter || !input.grades.detritus) throw new UnprocessableError('GRADES_REQUIRED', 'Litter and detritus must both be graded.');
    const transect = await this.deps.repo.transect(visit.transectId);
    if (!transect) throw new NotFoundError('TRANSECT_NOT_FOUND', 'The transect of this visit no longer exists.');
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    // The tablet's clock, but never in the future and never before the visit existed (a wrong clock would move the deadline).
    const at = input.capturedAt ? new Date(Math.min(now.getTime(), Math.max(Date.parse(input.capturedAt), Date.parse(visit.createdAt)))).toISOString() : nowIso;
    const failed = RESTORED_ELEMENTS.filter((e) => { const g = input.grades[e]; return g !== null && isUnacceptableSite(g); });
    const category = failed.length ? await this.deps.categories.find(failed[0] === 'litter' ? 'litter' : 'detritus') : null;
    const postcode = failed.length ? await this.deps.postcodes.nearest(transect.lat, transect.lng) : null;
    const prepared = input.photo ? await this.deps.photos.prepare(input.photo, { ownerKey: `sv:${visit.id}`, kind: 'extra', uploadedBy: input.user.id }) : null;
    const recorded: SurveyVisit = {
      ...visit, status: 'done', ...input.grades, note: input.note ?? null, deviceLat: input.position?.lat ?? null, deviceLng: input.position?.lng ?? null,
      surveyedAt: at, receivedAt: nowIso, surveyedBy: input.user.id, photoId: null,
    };
    await this.deps.repo.transaction(async (em) => {
      if (category) {
        const wo = await this.deps.openWorkOrder(em, {
          category, lat: transect.lat, lng: transect.lng, wardCode: transect.wardCode, zone: this.deps.wards.zoneAt(transect.lat, transect.lng),
          address: `Survey transect: ${transect.name}`, postcode, openedAt: at,
          answers: {}, source: 'survey', actor: { userId: input.user.id, label: `${input.user.name} (survey)` },
        });
        recorded.workOrderId = wo.id;
      }
      if (prepared) {
        prepared.row.workOrderId = recorded.workOrderId;
        if (recorded.workOrderId) prepared.row.ownerKey = `wo:${recorded.workOrderId}`;
        recorded.photoId = (await this.deps.photos.save(em, prepared)).id;
      }
      if (!(await this.deps.repo.recordSurvey(recorded, em))) throw new ConflictError('ALREADY_SURVEYED', 'This transect has already been graded for this visit.');
      if (recorded.workOrderId) await this.deps.repo.linkWorkOrder(recorded.id, recorded.workOrderId, em);
    });
    return (await this.views([recorded]))[0];
  }

  // ------------------------------------------------------------------ re-inspection

  private async reinspectIfCleared(workOrderId: string): Promise<void> {
    if ((await this.deps.repo.visitsByWorkOrder(workOrderId)).length) await this.scheduleReinspections();
  }

  /** A failed site whose work order is fixed gets a re-inspection visit, to the inspector who failed it, due the next day. */
  async scheduleReinspections(): Promise<number> {
    const waiting = await this.deps.repo.awaitingReinspection();
    if (!waiting.length) return 0;
    const orders = new Map((await this.deps.workOrderRows.findAllByIds(waiting.map((v) => v.workOrderId!))).map((w) => [w.id, w]));
    const now = this.deps.clock.now();
    const due = localDay(new Date(now.getTime() + 24 * 3600_000), this.deps.timeZone);
    let booked = 0;
    for (const v of waiting) {
      const wo = orders.get(v.workOrderId!);
      if (!wo || !FIXED_STATUSES.includes(wo.status as WorkOrderStatus)) continue;
      const booking: SurveyVisit = {
        ...v, id: randomUUID(), kind: 'reinspection', parentVisitId: v.id, inspectorId: v.surveyedBy ?? v.inspectorId, dueOn: due, status: 'assigned',
        litter: null, detritus: null, graffiti: null, flyPosting: null, note: null, photoId: null, deviceLat: null, deviceLng: null,
        surveyedAt: null, receivedAt: null, surveyedBy: null, workOrderId: null, createdAt: now.toISOString(),
      };
      if (await this.deps.repo.insertReinspection(booking)) booked += 1;
    }
    return booked;
  }

  /** The survey trail of a work order raised by a failed site: the failing survey and its re-inspection, if any. */
  async trailOfWorkOrder(workOrderId: string): Promise<{ survey: VisitView | null; reinspection: VisitView | null }> {
    const [visit] = await this.deps.repo.visitsByWorkOrder(workOrderId);
    if (!visit) return { survey: null, reinspection: null };
    const [child] = await this.deps.repo.reinspectionsOf([visit.id]);
    const [survey, reinspection] = await this.views(child ? [visit, child] : [visit]);
    return { survey: survey ?? null, reinspection: reinspection ?? null };
  }

  // ------------------------------------------------------------------ the index

  async wardIndex(wardCode: string, asOf: AsOf = {}): Promise<WardIndexView> {
    const ward = this.deps.wards.ward(wardCode);
    if (!ward) throw new NotFoundError('WARD_NOT_FOUND', 'There is no such ward.');
    const [tranches, visits, settings] = await Promise.all([this.tranchesAsOf(asOf), this.deps.repo.gradedSamples({ wardCodes: [wardCode] }), this.deps.settings.get('inspections')]);
    const series = trancheSeries(tranches, visits);
    const trend = Object.fromEntries(ELEMENTS.map((e) => [e, direction(series, e, settings.slippingPoints)])) as WardIndexView['trend'];
    return { ward: { code: ward.code, name: ward.name }, tranches: series, trend, slipping: isSlipping(series, settings.slippingPoints) };
  }

  /** Every ward with surveys: its latest tranche's litter and detritus, and whether it is slipping; slipping wards first. */
  async wardsSummary(): Promise<WardSummaryRow[]> {
    const [tranches, visits, settings] = await Promise.all([this.deps.repo.tranches(), this.deps.repo.gradedSamples(), this.deps.settings.get('inspections')]);
    const rows: WardSummaryRow[] = [];
    for (const code of [...new Set(visits.map((v) => v.wardCode))]) {
      const series = trancheSeries(tranches, visits.filter((v) => v.wardCode === code));
      const last = series[series.length - 1];
      rows.push({
        ward: { code, name: this.deps.wards.ward(code)?.name ?? code },
        tranche: last ? { id: last.trancheId, name: last.trancheName } : null,
        surveyed: last?.index.surveyed ?? 0,
        litter: last?.index.elements.litter ?? null,
        detritus: last?.index.elements.detritus ?? null,
        litterTrend: direction(series, 'litter', settings.slippingPoints),
        detritusTrend: direction(series, 'detritus', settings.slippingPoints),
        slipping: isSlipping(series, settings.slippingPoints),
      });
    }
    return rows.sort((a, b) => Number(b.slipping) - Number(a.slipping) || (b.litter?.percent ?? -1) - (a.litter?.percent ?? -1) || a.ward.name.localeCompare(b.ward.name));
  }

  async createArea(input: { name: string; boundary: GeoJSON.Polygon; startedOn: string }): Promise<PartnershipArea> {
    if (await this.deps.repo.areaByName(input.name)) throw new ConflictError('AREA_EXISTS', `There is already an area called "${input.name}".`);
    const area: PartnershipArea = { id: randomUUID(), ...input, createdAt: this.deps.clock.now().toISOString() };
    await this.deps.repo.insertArea(area);
    return area;
  }

  /**
   * Each partnership area's index before and after it began: "before" is the
   * last tranche that started before the partnership did, "after" the latest
   * tranche since; transects count when their point is inside the area.
   */
  async partnershipAreas(wardCode?: string, asOf: AsOf = {}): Promise<AreaBeforeAfter[]> {
    const [areas, transects] = await Promise.all([this.deps.repo.areas(), this.deps.repo.transects()]);
    // The areas to show first, then only their transects' visits: the weekly run asks once for each ward, and most have no area.
    const shown = areas
      .map((area) => ({ area, ids: new Set(transects.filter((t) => booleanPointInPolygon([t.lng, t.lat], area.boundary)).map((t) => t.id)) }))
      .filter(({ ids }) => !wardCode || transects.some((t) => t.wardCode === wardCode && ids.has(t.id)));
    if (!shown.length) return [];
    const transectIds = [...new Set(shown.flatMap(({ ids }) => [...ids]))];
    const [tranches, visits] = await Promise.all([this.tranchesAsOf(asOf), transectIds.length ? this.deps.repo.gradedSamples({ transectIds }) : []]);
    const out: AreaBeforeAfter[] = [];
    for (const { area, ids } of shown) {
      const series = trancheSeries(tranches, visits.filter((v) => ids.has(v.transectId)));
      const before = [...series].reverse().find((p) => p.startsOn < area.startedOn) ?? null;
      const afterSeries = series.filter((p) => p.startsOn >= area.startedOn);
      out.push({ area: { id: area.id, name: area.name, startedOn: area.startedOn, boundary: area.boundary }, transects: ids.size, before, after: afterSeries[afterSeries.length - 1] ?? null, tranches: series });
    }
    return out;
  }

  /** The tranches begun by asOf.startedBy (all without it): a past week's figures and trend leave out later tranches. */
  private async tranchesAsOf(asOf: AsOf): Promise<SurveyTranche[]> {
    const tranches = await this.deps.repo.tranches();
    return asOf.startedBy ? tranches.filter((t) => t.startsOn <= asOf.startedBy!) : tranches;
  }

  // ------------------------------------------------------------------ export

  /**
   * Every visit as CSV (one row each, graded or not). No person is named:
   * the export leaves the office, so inspectors appear as neither name nor email.
   */
  async exportCsv(filter: { trancheId?: string; wardCode?: string }): Promise<string> {
    const visits = await this.deps.repo.visitsForExport(filter);
    const views = await this.views(visits);
    const tranches = new Map((await this.deps.repo.tranches()).map((t) => [t.id, t.name]));
    const header = ['visit_id', 'tranche', 'ward_code', 'ward', 'transect_id', 'transect', 'land_use', 'kind', 'due_on', 'status', 'surveyed_at', 'litter', 'detritus', 'graffiti', 'fly_posting', 'device_lat', 'device_lng', 'photo', 'work_order_id'];
    const lines = [header.join(',')];
    views.forEach((v, i) => {
      const raw = visits[i];
      lines.push([
        v.id, tranches.get(raw.trancheId) ?? '', v.wardCode, v.wardName, v.transect.id, v.transect.name, v.transect.landUse, v.kind, v.dueOn, v.status,
        v.surveyedAt ?? '', raw.litter ?? '', raw.detritus ?? '', raw.graffiti ?? '', raw.flyPosting ?? '',
        raw.deviceLat?.toFixed(6) ?? '', raw.deviceLng?.toFixed(6) ?? '', raw.photoId ? 'yes' : 'no', raw.workOrderId ?? '',
      ].map(csvCell).join(','));
    });
    return `${lines.join('\r\n')}\r\n`;
  }
}

/** RFC 4180 quoting, and a leading = + - @ defused so a spreadsheet does not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

