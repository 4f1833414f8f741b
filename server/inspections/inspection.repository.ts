/** Every query on the cleanliness-survey tables (transect, survey_tranche, survey_visit, partnership_area). */
import { In, IsNull, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import {
  PartnershipAreaEntity,
  SurveyTrancheEntity,
  SurveyVisitEntity,
  TransectEntity,
  type PartnershipArea,
  type SurveyTranche,
  type SurveyVisit,
  type Transect,
} from './inspection.entity.js';

export class InspectionRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // transects
  transects(filter: { wardCode?: string; activeOnly?: boolean } = {}, em: EntityManager = this.db.manager): Promise<Transect[]> {
    const where: Partial<Transect> = {};
    if (filter.wardCode) where.wardCode = filter.wardCode;
    if (filter.activeOnly) where.active = true;
    return em.getRepository(TransectEntity).find({ where, order: { wardCode: 'ASC', name: 'ASC' } });
  }

  transectsByIds(ids: string[], em: EntityManager = this.db.manager): Promise<Transect[]> {
    return ids.length ? em.getRepository(TransectEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  transect(id: string, em: EntityManager = this.db.manager): Promise<Transect | null> {
    return em.getRepository(TransectEntity).findOneBy({ id });
  }

  async insertTransects(rows: Transect[], em: EntityManager = this.db.manager): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) await em.getRepository(TransectEntity).insert(rows.slice(i, i + 100));
  }

  async updateTransect(t: Transect, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(TransectEntity).update({ id: t.id }, { name: t.name, landUse: t.landUse, geometry: t.geometry, lat: t.lat, lng: t.lng, wardCode: t.wardCode, active: t.active });
  }

  countTransects(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(TransectEntity).count();
  }

  // tranches
  tranches(em: EntityManager = this.db.manager): Promise<SurveyTranche[]> {
    return em.getRepository(SurveyTrancheEntity).find({ order: { startsOn: 'ASC' } });
  }

  tranche(id: string, em: EntityManager = this.db.manager): Promise<SurveyTranche | null> {
    return em.getRepository(SurveyTrancheEntity).findOneBy({ id });
  }

  trancheByName(name: string, em: EntityManager = this.db.manager): Promise<SurveyTranche | null> {
    return em.getRepository(SurveyTrancheEntity).findOneBy({ name });
  }

  async insertTranche(t: SurveyTranche, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(SurveyTrancheEntity).insert(t);
  }

  /** Planned tranches whose first day has come: the ones the sampling job draws. */
  tranchesToDraw(today: string, em: EntityManager = this.db.manager): Promise<SurveyTranche[]> {
    return em.getRepository(SurveyTrancheEntity).find({ where: { status: 'planned', startsOn: LessThanOrEqual(today) }, order: { startsOn: 'ASC' } });
  }

  /** planned → drawing, atomically: only one caller (instance, job run or admin) draws a tranche. */
  async claimForDraw(id: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const r = await em.getRepository(SurveyTrancheEntity).update({ id, status: 'planned' }, { status: 'drawing' });
    return !!r.affected;
  }

  async markDrawn(id: string, at: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(SurveyTrancheEntity).update({ id }, { status: 'drawn', drawnAt: at });
  }

  // visits
  async insertVisits(rows: SurveyVisit[], em: EntityManager = this.db.manager): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) await em.getRepository(SurveyVisitEntity).insert(rows.slice(i, i + 50));
  }

  /** Books a re-inspection unless its failed site already has one (the unique parent key decides a race); whether it was booked. */
  async insertReinspection(row: SurveyVisit): Promise<boolean> {
    try {
      await this.db.manager.getRepository(SurveyVisitEntity).insert(row);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  visit(id: string, em: EntityManager = this.db.manager): Promise<SurveyVisit | null> {
    return em.getRepository(SurveyVisitEntity).findOneBy({ id });
  }

  /** An inspector's open visits due by `day`, and those they graded since `since` (so the tablet can show them as done). */
  visitsOfInspector(inspectorId: string, day: string, since: string): Promise<SurveyVisit[]> {
    return this.db.manager
      .getRepository(SurveyVisitEntity)
      .createQueryBuilder('v')
      .where('v.inspectorId = :inspectorId', { inspectorId })
      .andWhere("((v.status = 'assigned' AND v.dueOn <= :day) OR (v.status = 'done' AND v.receivedAt >= :since))", { day, since })
      .orderBy('v.dueOn', 'ASC')
      .addOrderBy('v.wardCode', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
  }

  /** Records the grades once: only an assigned visit changes (a second grading of the same visit changes nothing). */
  async recordSurvey(visit: SurveyVisit, em: EntityManager): Promise<boolean> {
    const r = await em.getRepository(SurveyVisitEntity).update(
      { id: visit.id, status: 'assigned' },
      {
        status: 'done', litter: visit.litter, detritus: visit.detritus, graffiti: visit.graffiti, flyPosting: visit.flyPosting,
        note: visit.note, photoId: visit.photoId, deviceLat: visit.deviceLat, deviceLng: visit.deviceLng, surveyedAt: visit.surveyedAt,
        receivedAt: visit.receivedAt, surveyedBy: visit.surveyedBy,
      },
    );
    return !!r.affected;
  }

  async linkWorkOrder(visitId: string, workOrderId: string, em: EntityManager): Promise<void> {
    await em.getRepository(SurveyVisitEntity).update({ id: visitId }, { workOrderId });
  }

  /** Graded sampled visits (the index's input), optionally of some wards. */
  gradedSamples(filter: { wardCodes?: string[]; trancheIds?: string[]; transectIds?: string[] } = {}): Promise<SurveyVisit[]> {
    const where: Record<string, unknown> = { kind: 'sample', status: 'done' };
    if (filter.wardCodes) where.wardCode = In(filter.wardCodes);
    if (filter.transectIds) where.transectId = In(filter.transectIds);
    if (filter.trancheIds) where.trancheId = In(filter.trancheIds);
    return this.db.manager.getRepository(SurveyVisitEntity).find({ where });
  }

  /** Visits (graded or not) for the CSV export, oldest due first. */
  visitsForExport(filter: { trancheId?: string; wardCode?: string }): Promise<SurveyVisit[]> {
    const where: Record<string, unknown> = {};
    if (filter.trancheId) where.trancheId = filter.trancheId;
    if (filter.wardCode) where.wardCode = filter.wardCode;
    return this.db.manager.getRepository(SurveyVisitEntity).find({ where, order: { dueOn: 'ASC', wardCode: 'ASC', id: 'ASC' } });
  }

  /** Failed sites that raised a work order and have no re-inspection yet. */
  async awaitingReinspection(): Promise<SurveyVisit[]> {
    const raised = await this.db.manager.getRepository(SurveyVisitEntity).find({ where: { workOrderId: Not(IsNull()), status: 'done' } });
    if (!raised.length) return [];
    const children = await this.db.manager.getRepository(SurveyVisitEntity).find({ where: { parentVisitId: In(raised.map((v) => v.id)) } });
    const hasChild = new Set(children.map((c) => c.parentVisitId));
    return raised.filter((v) => !hasChild.has(v.id));
  }

  reinspectionsOf(parentIds: string[]): Promise<SurveyVisit[]> {
    return parentIds.length ? this.db.manager.getRepository(SurveyVisitEntity).find({ where: { parentVisitId: In(parentIds) } }) : Promise.resolve([]);
  }

  visitsByWorkOrder(workOrderId: string): Promise<SurveyVisit[]> {
    return this.db.manager.getRepository(SurveyVisitEntity).find({ where: { workOrderId } });
  }

  countVisits(trancheId: string, em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(SurveyVisitEntity).count({ where: { trancheId } });
  }

  // partnership areas
  areas(): Promise<PartnershipArea[]> {
    return this.db.manager.getRepository(PartnershipAreaEntity).find({ order: { name: 'ASC' } });
  }

  async insertArea(a: PartnershipArea): Promise<void> {
    await this.db.manager.getRepository(PartnershipAreaEntity).insert(a);
  }

  areaByName(name: string): Promise<PartnershipArea | null> {
    return this.db.manager.getRepository(PartnershipAreaEntity).findOneBy({ name });
  }
}
