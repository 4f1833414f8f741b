/** Every query on the crew table. */
import type { Database } from '../../db/data-source.js';
import { CrewEntity, type Crew } from './crew.entity.js';

export class CrewRepository {
  constructor(private readonly db: Database) {}

  // ── crews and dispatch




  // ── crew-jobs




  // ── scheduling




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




}
