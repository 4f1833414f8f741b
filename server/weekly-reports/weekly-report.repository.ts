/** Every query on weekly_report (the archive) and weekly_report_delivery (one email per councillor, ward and week). */
import type { Database } from '../../db/data-source.js';
import {
  WeeklyReportDeliveryEntity, WeeklyReportEntity, type DeliveryStatus, type WeeklyReport, type WeeklyReportDelivery,
} from './weekly-report.entity.js';

export class WeeklyReportRepository {
  constructor(private readonly db: Database) {}

  // ── the archive

  async findArchived(wardCode: string, week: string): Promise<WeeklyReport | null> {
    return this.db.manager.getRepository(WeeklyReportEntity).findOneBy({ wardCode, week });
  }

  /** Throws a unique violation when another instance archived the ward-week first. */
  async insertArchived(report: WeeklyReport): Promise<void> {
    await this.db.transaction((em) => em.getRepository(WeeklyReportEntity).insert(report as never));
  }

  async listArchived(wardCode: string): Promise<WeeklyReport[]> {
    return this.db.manager.getRepository(WeeklyReportEntity).find({ where: { wardCode }, order: { week: 'DESC' } });
  }

  // ── deliveries

  /** Throws a unique violation when the (user, ward, week) delivery exists. */
  async insertDelivery(row: WeeklyReportDelivery): Promise<void> {
    await this.db.transaction((em) => em.getRepository(WeeklyReportDeliveryEntity).insert(row as never));
  }

  async findDelivery(id: string): Promise<WeeklyReportDelivery | null> {
    return this.db.manager.getRepository(WeeklyReportDeliveryEntity).findOneBy({ id });
  }

  /** Pending deliveries and failed ones whose back-off has passed, oldest first. */
  async dueDeliveries(now: string): Promise<WeeklyReportDelivery[]> {
    return this.db.manager
      .getRepository(WeeklyReportDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.status IN (:...statuses)', { statuses: ['pending', 'failed'] })
      .andWhere('(d.next_attempt_at IS NULL OR d.next_attempt_at <= :now)', { now })
      .orderBy('d.created_at', 'ASC')
      .getMany();
  }

  async listDeliveries(filter: { status?: DeliveryStatus; week?: string }, limit: number): Promise<WeeklyReportDelivery[]> {
    return this.db.manager.getRepository(WeeklyReportDeliveryEntity).find({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.week ? { week: filter.week } : {}) },
      order: { createdAt: 'DESC', wardCode: 'ASC' },
      take: limit,
    });
  }

  /** Marks sends claimed before `cutoff` and never finished; returns how many. */
  async markInterrupted(cutoff: string, lastError: string, at: string): Promise<number> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(WeeklyReportDeliveryEntity)
      .set({ status: 'unknown' as DeliveryStatus, lastError, updatedAt: at })
      .where('status = :s AND claimed_at < :cutoff', { s: 'sending', cutoff })
      .execute();
    return result.affected ?? 0;
  }

  /** Claims a delivery for one sender: succeeds only if its status and attempt count are still what the caller read. */
  async claim(d: WeeklyReportDelivery, claimedBy: string, at: string): Promise<boolean> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(WeeklyReportDeliveryEntity)
      .set({ status: 'sending' as DeliveryStatus, claimedBy, claimedAt: at, attempts: d.attempts + 1, updatedAt: at })
      .where('id = :id AND status = :status AND attempts = :attempts', { id: d.id, status: d.status, attempts: d.attempts })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async updateDelivery(id: string, patch: Partial<WeeklyReportDelivery>): Promise<void> {
    await this.db.manager.getRepository(WeeklyReportDeliveryEntity).update({ id }, patch);
  }

  /** Updates a delivery only if its status is still `status`. */
  async updateDeliveryIfStatus(id: string, status: DeliveryStatus, patch: Partial<WeeklyReportDelivery>): Promise<void> {
    await this.db.manager.getRepository(WeeklyReportDeliveryEntity).update({ id, status }, patch);
  }
}
