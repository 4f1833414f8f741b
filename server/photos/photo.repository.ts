/** Every query on the photo table. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { PhotoEntity } from './photo.entity.js';

export class PhotoRepository {
  constructor(private readonly db: Database) {}

  // ── photos (storing, rendering, serving)




  // ── work-orders and crew-jobs (a job's photos)
  /** The photos sent with these reports follow them to another work order (merge, split). */
  async moveReportPhotosToWorkOrder(requestIds: string[], workOrderId: string, em: EntityManager = this.db.manager): Promise<void> {
    if (!requestIds.length) return;
    await em.getRepository(PhotoEntity).update({ requestId: In(requestIds) }, { workOrderId });
  }




  // ── weekly reports




}
