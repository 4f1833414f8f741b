/** Every query on the crew table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { CrewEntity, type Crew } from './crew.entity.js';

export class CrewRepository {
  constructor(private readonly db: Database) {}

  // ── crews and dispatch




  // ── crew-jobs
  async findOneForCrewJobs(crewId: string, em: EntityManager = this.db.manager): Promise<Crew | null> {
    return em.getRepository(CrewEntity).findOneBy({ id: crewId });
  }




  // ── scheduling




  // ── weekly reports and seeds




}
