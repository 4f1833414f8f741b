/** Every query on app_user and ward_subscription. */
import type { Database } from '../../db/data-source.js';
import { UserEntity, WardSubscriptionEntity, type User, type WardSubscription } from './user.entity.js';

export class UserRepository {
  constructor(private readonly db: Database) {}

  // ── users and auth




  // ── weekly reports (councillors to send to)
  async weeklyReportSubscriptions(wardCode?: string): Promise<WardSubscription[]> {
    const repo = this.db.manager.getRepository(WardSubscriptionEntity);
    return wardCode === undefined ? repo.find() : repo.findBy({ wardCode });
  }

  async weeklyReportIsSubscribed(userId: string, wardCode: string): Promise<boolean> {
    return (await this.db.manager.getRepository(WardSubscriptionEntity).findOneBy({ userId, wardCode })) !== null;
  }

  async weeklyReportUser(id: string): Promise<User | null> {
    return this.db.manager.getRepository(UserEntity).findOneBy({ id });
  }

  async weeklyReportUsers(ids: string[]): Promise<User[]> {
    if (!ids.length) return [];
    return this.db.manager.getRepository(UserEntity).find({ where: ids.map((id) => ({ id })) });
  }

  async weeklyReportActiveCouncillorIds(): Promise<string[]> {
    return (await this.db.manager.getRepository(UserEntity).findBy({ role: 'councillor', active: true })).map((u) => u.id);
  }




  // ── seeds




}
