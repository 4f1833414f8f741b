/** Every query on the photo table. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { insertRow } from '../../db/row-sql.js';
import { PhotoEntity, type Photo } from './photo.entity.js';

export class PhotoRepository {
  constructor(private readonly db: Database) {}

  // ── photos (storing, rendering, serving)




  // ── work-orders and crew-jobs (a job's photos)




  // ── weekly reports
  /** The history seed's evidence rows, written inside its transaction like a crew's photos. */
  async historySeedInsert(em: EntityManager, photo: Photo): Promise<void> {
    await insertRow(em, PhotoEntity, photo);
  }

  /** Before and after photos of the given jobs, oldest first. */
  async weeklyReportBeforeAfter(workOrderIds: string[]): Promise<Photo[]> {
    return this.db.manager.getRepository(PhotoEntity).find({
      where: { workOrderId: In(workOrderIds), kind: In(['before', 'after']) },
      order: { createdAt: 'ASC' },
    });
  }




}
