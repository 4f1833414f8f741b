/** Every query on the photo table. */
import type { Database } from '../../db/data-source.js';

export class PhotoRepository {
  constructor(private readonly db: Database) {}

  // ── photos (storing, rendering, serving)




  // ── work-orders and crew-jobs (a job's photos)




  // ── weekly reports




}
