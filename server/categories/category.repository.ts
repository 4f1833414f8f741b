/** Every query on the category table. */
import type { Database } from '../../db/data-source.js';

export class CategoryRepository {
  constructor(private readonly db: Database) {}

  // ── categories




  // ── intake




  // ── weekly reports and seeds




}
