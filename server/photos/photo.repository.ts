/** Every query on the photo table. */
import { In } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { PhotoEntity, type Photo } from './photo.entity.js';

export class PhotoRepository {
  constructor(private readonly db: Database) {}

  // ── photos (storing, rendering, serving)




  // ── work-orders and crew-jobs (a job's photos)




  // ── weekly reports
  /** Before and after photos of the given jobs, oldest first. */
  async weeklyReportBeforeAfter(workOrderIds: string[]): Promise<Photo[]> {
    return this.db.manager.getRepository(PhotoEntity).find({
      where: { workOrderId: In(workOrderIds), kind: In(['before', 'after']) },
      order: { createdAt: 'ASC' },
    });
  }




}
