/** Every query on the crew table. */
import type { Database } from '../../db/data-source.js';

export class CrewRepository {
  constructor(private readonly db: Database) {}

  // ── crews and dispatch




  // ── crew-jobs




  // ── scheduling




  // ── weekly reports and seeds




}
