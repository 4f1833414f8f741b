/** Every query on route_plan, sweep, sweep_occurrence and hotspot_suggestion. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { HotspotSuggestionEntity, RoutePlanEntity, SweepEntity, SweepOccurrenceEntity, type HotspotSuggestion, type RoutePlan, type Sweep } from './scheduling.entity.js';

export class SchedulingRepository {
  constructor(private readonly db: Database) {}

  // ── route plans

  /** Stores a new draft for its date; the date's earlier drafts become superseded. */
  async insertDraftPlan(plan: RoutePlan, em: EntityManager): Promise<void> {
    await em.getRepository(RoutePlanEntity).update({ routeDate: plan.routeDate, status: 'draft' }, { status: 'superseded' });
    await em.getRepository(RoutePlanEntity).insert(plan as never);
  }

  findPlan(id: string, em: EntityManager = this.db.manager): Promise<RoutePlan | null> {
    return em.getRepository(RoutePlanEntity).findOneBy({ id });
  }

  listPlans(date: string): Promise<RoutePlan[]> {
    return this.db.manager.getRepository(RoutePlanEntity).find({ where: { routeDate: date }, order: { createdAt: 'DESC' } });
  }

  async markPlanPublished(plan: Pick<RoutePlan, 'id' | 'status' | 'publishedAt' | 'publishedBy' | 'summary'>, em: EntityManager): Promise<void> {
    await em.getRepository(RoutePlanEntity).update({ id: plan.id }, { status: plan.status, publishedAt: plan.publishedAt, publishedBy: plan.publishedBy, summary: plan.summary } as never);
  }

  // ── sweeps

  listSweeps(): Promise<Sweep[]> {
    return this.db.manager.getRepository(SweepEntity).find({ order: { name: 'ASC' } });
  }

  listActiveSweeps(): Promise<Sweep[]> {
    return this.db.manager.getRepository(SweepEntity).findBy({ active: true });
  }

  findSweep(id: string, em: EntityManager = this.db.manager): Promise<Sweep | null> {
    return em.getRepository(SweepEntity).findOneBy({ id });
  }

  async insertSweep(sweep: Sweep, em: EntityManager): Promise<void> {
    await em.getRepository(SweepEntity).insert(sweep as never);
  }

  async updateSweep(id: string, columns: Partial<Sweep>, em: EntityManager): Promise<void> {
    await em.getRepository(SweepEntity).update({ id }, columns as never);
  }

  /** Claims one occurrence of a sweep: a second claim of the same (sweep, time) fails with a unique violation. */
  async claimOccurrence(sweepId: string, occurrenceAt: string, createdAt: string, em: EntityManager): Promise<void> {
    await em.getRepository(SweepOccurrenceEntity).insert({ sweepId, occurrenceAt, workOrderId: null, createdAt });
  }

  async setOccurrenceWorkOrder(sweepId: string, occurrenceAt: string, workOrderId: string, em: EntityManager): Promise<void> {
    await em.getRepository(SweepOccurrenceEntity).update({ sweepId, occurrenceAt }, { workOrderId });
  }

  // ── hotspot suggestions

  /** Suggestions that still cover their spot: waiting for a decision, or accepted as a sweep. */
  listLiveSuggestions(): Promise<HotspotSuggestion[]> {
    return this.db.manager.getRepository(HotspotSuggestionEntity).findBy({ status: In(['suggested', 'accepted']) });
  }

  listSuggestions(status?: HotspotSuggestion['status']): Promise<HotspotSuggestion[]> {
    return this.db.manager.getRepository(HotspotSuggestionEntity).find({ where: status ? { status } : {}, order: { createdAt: 'DESC' } });
  }

  findSuggestion(id: string): Promise<HotspotSuggestion | null> {
    return this.db.manager.getRepository(HotspotSuggestionEntity).findOneBy({ id });
  }

  async insertSuggestions(suggestions: HotspotSuggestion[], em: EntityManager): Promise<void> {
    await em.getRepository(HotspotSuggestionEntity).insert(suggestions as never);
  }

  /** Decides a suggestion only if it is still waiting; returns whether it was. */
  async decideSuggestion(id: string, patch: Partial<HotspotSuggestion>, em: EntityManager): Promise<boolean> {
    const result = await em.getRepository(HotspotSuggestionEntity).update({ id, status: 'suggested' }, patch as never);
    return Boolean(result.affected);
  }

}
