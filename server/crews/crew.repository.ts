/** Every query on the crew table. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { idSlices } from '../../db/id-slices.js';
import { CrewEntity, type Crew } from './crew.entity.js';

export class CrewRepository {
  constructor(private readonly db: Database) {}

  // ── crews and dispatch
  listCrews(includeInactive: boolean): Promise<Crew[]> {
    return this.db.manager.getRepository(CrewEntity).find({ where: includeInactive ? {} : { active: true }, order: { name: 'ASC' } });
  }

  findCrewById(id: string, em: EntityManager = this.db.manager): Promise<Crew | null> {
    return em.getRepository(CrewEntity).findOneBy({ id });
  }

  findCrewByName(name: string, em: EntityManager = this.db.manager): Promise<Crew | null> {
    return em.getRepository(CrewEntity).findOneBy({ name });
  }

  async insertCrew(crew: Crew, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(CrewEntity).insert(crew);
  }

  /** Writes the crew's columns only if it is still at `version`; returns whether it was. */
  async updateCrewIfVersion(crew: Crew, version: number, em: EntityManager = this.db.manager): Promise<boolean> {
    const { id, ...columns } = crew;
    const result = await em.createQueryBuilder().update(CrewEntity).set(columns as never).where('id = :id AND version = :version', { id, version }).execute();
    return result.affected !== 0;
  }

  async setCrewActive(id: string, active: boolean, version: number, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(CrewEntity).update({ id }, { active, version });
  }

  // ── weekly reports and seeds
  async weeklyReportCrewNames(): Promise<{ id: string; name: string }[]> {
    return this.db.manager.getRepository(CrewEntity).find({ select: { id: true, name: true } });
  }

  async seedFindByName(name: string): Promise<Crew | null> {
    return this.db.manager.getRepository(CrewEntity).findOneBy({ name });
  }

  async seedInsert(crew: Crew): Promise<void> {
    await this.db.manager.getRepository(CrewEntity).insert(crew);
  }

  async seedSetLeadIfNone(crewId: string, leadUserId: string): Promise<void> {
    const crew = await this.db.manager.getRepository(CrewEntity).findOneBy({ id: crewId });
    if (crew && !crew.leadUserId) await this.db.manager.getRepository(CrewEntity).update({ id: crew.id }, { leadUserId });
  }

  async seedAll(): Promise<Crew[]> {
    return this.db.manager.getRepository(CrewEntity).find();
  }




  // ── exports
  /** The names of these crews by id (absent: no such crew); one query per thousand ids. */
  async namesOf(crewIds: readonly string[], em: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const ids of idSlices([...new Set(crewIds)])) {
      const rows = await em.getRepository(CrewEntity).find({ select: { id: true, name: true }, where: { id: In(ids) } });
      for (const r of rows) names.set(r.id, r.name);
    }
    return names;
  }




}
