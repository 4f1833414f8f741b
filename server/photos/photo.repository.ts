/** Every query on the photo table. */
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { idSlices } from '../../db/id-slices.js';
import { insertRow, insertRowsInto, type InsertPlan } from '../../db/row-sql.js';
import { PhotoEntity, type Photo } from './photo.entity.js';

export class PhotoRepository {
  constructor(private readonly db: Database) {}

  // ── photos (storing, rendering, serving)

  findPhoto(id: string): Promise<Photo | null> {
    return this.db.manager.getRepository(PhotoEntity).findOneBy({ id });
  }

  findByOwnerSha(ownerKey: string, sha256: string): Promise<Photo | null> {
    return this.db.manager.getRepository(PhotoEntity).findOneBy({ ownerKey, sha256 });
  }

  /** Raw multi-row statements (row-sql.ts): for a batch of reports' photos, whose owners are new so no other row can clash. */
  insertManyForNewReports(rows: Photo[], target: EntityManager | InsertPlan): Promise<void> {
    return insertRowsInto(target, PhotoEntity, rows);
  }

  /** Inserts the row unless the same (owner, sha256) is stored already; returns the row that is stored. */
  async insertOrKeep(row: Photo, em: EntityManager): Promise<Photo | null> {
    await em.createQueryBuilder().insert().into(PhotoEntity).values(row as never).orIgnore().execute();
    return em.getRepository(PhotoEntity).findOneBy({ ownerKey: row.ownerKey, sha256: row.sha256 });
  }

  /** `insertOrKeep` in a transaction of its own (queued: on SQLite a bare write could land in another request's transaction). */
  insertOrKeepAlone(row: Photo): Promise<Photo | null> {
    return this.db.transaction((em) => this.insertOrKeep(row, em));
  }

  async pendingPhotoIds(): Promise<string[]> {
    const rows = await this.db.manager.getRepository(PhotoEntity).find({ where: { pending: true }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** Off the request path: the fsync runs off the event loop, and this resolves once it is on disk. */
  async updateDurably(id: string, update: Partial<Photo>): Promise<void> {
    const { durable } = await this.db.transactionSyncedOffLoop((em) => em.getRepository(PhotoEntity).update({ id }, update as never));
    await durable;
  }

  findByWorkOrder(workOrderId: string, em: EntityManager = this.db.manager): Promise<Photo[]> {
    return em.getRepository(PhotoEntity).find({ where: { workOrderId } });
  }

  findByRequest(requestId: string, em: EntityManager = this.db.manager): Promise<Photo[]> {
    return em.getRepository(PhotoEntity).find({ where: { requestId } });
  }

  findByWorkOrders(workOrderIds: string[], em: EntityManager = this.db.manager): Promise<Photo[]> {
    return workOrderIds.length ? em.getRepository(PhotoEntity).findBy({ workOrderId: In(workOrderIds) }) : Promise.resolve([]);
  }

  findByRequests(requestIds: string[], em: EntityManager = this.db.manager): Promise<Photo[]> {
    return requestIds.length ? em.getRepository(PhotoEntity).findBy({ requestId: In(requestIds) }) : Promise.resolve([]);
  }




  // ── work-orders and crew-jobs (a job's photos)
  /** The photos sent with these reports follow them to another work order (merge, split). */
  async moveReportPhotosToWorkOrder(requestIds: string[], workOrderId: string, em: EntityManager = this.db.manager): Promise<void> {
    if (!requestIds.length) return;
    await em.getRepository(PhotoEntity).update({ requestId: In(requestIds) }, { workOrderId });
  }




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




  // ── exports
  /** Which of these work orders have a before photo and which an after photo (absent: neither); one query per thousand ids. */
  async beforeAfterOf(workOrderIds: readonly string[], em: EntityManager = this.db.manager): Promise<Map<string, { before: boolean; after: boolean }>> {
    const found = new Map<string, { before: boolean; after: boolean }>();
    for (const ids of idSlices(workOrderIds)) {
      const rows: { workOrderId: string; kind: string }[] = await em
        .getRepository(PhotoEntity)
        .createQueryBuilder('p')
        .select('p.work_order_id', 'workOrderId')
        .addSelect('p.kind', 'kind')
        .distinct(true)
        .where('p.work_order_id IN (:...ids)', { ids })
        .andWhere('p.kind IN (:...kinds)', { kinds: ['before', 'after'] })
        .getRawMany();
      for (const r of rows) {
        const has = found.get(r.workOrderId) ?? { before: false, after: false };
        if (r.kind === 'before') has.before = true;
        else has.after = true;
        found.set(r.workOrderId, has);
      }
    }
    return found;
  }




}
