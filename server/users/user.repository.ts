/** Every query on app_user and ward_subscription. */
import type { Database } from '../../db/data-source.js';
import { UserEntity, WardSubscriptionEntity, type User, type WardSubscription } from './user.entity.js';

export class UserRepository {
  constructor(private readonly db: Database) {}

  // ── users and auth
  findUserById(id: string): Promise<User | null> {
    return this.db.manager.getRepository(UserEntity).findOneBy({ id });
  }

  findActiveUserById(id: string): Promise<User | null> {
    return this.db.manager.getRepository(UserEntity).findOneBy({ id, active: true });
  }

  /** `email` as stored: lower case. */
  findUserByEmail(email: string): Promise<User | null> {
    return this.db.manager.getRepository(UserEntity).findOneBy({ email });
  }

  /** Every user, by role then email. */
  allUsers(): Promise<User[]> {
    return this.db.manager.getRepository(UserEntity).find({ order: { role: 'ASC', email: 'ASC' } });
  }

  allWardSubscriptions(): Promise<WardSubscription[]> {
    return this.db.manager.getRepository(WardSubscriptionEntity).find();
  }

  async wardCodesOf(userId: string): Promise<string[]> {
    const rows = await this.db.manager.getRepository(WardSubscriptionEntity).findBy({ userId });
    return rows.map((r) => r.wardCode);
  }

  /** Inserts the user and their ward subscriptions in one transaction. */
  async insertUserWithWards(user: User, wardCodes: string[]): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.getRepository(UserEntity).insert(user);
      for (const wardCode of wardCodes) await em.getRepository(WardSubscriptionEntity).insert({ userId: user.id, wardCode });
    });
  }

  /** Saves the user and, when `wardCodes` is given, replaces their ward subscriptions, in one transaction. */
  async saveUserWithWards(user: User, wardCodes?: string[]): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.getRepository(UserEntity).save(user);
      if (wardCodes) {
        await em.getRepository(WardSubscriptionEntity).delete({ userId: user.id });
        for (const wardCode of wardCodes) await em.getRepository(WardSubscriptionEntity).insert({ userId: user.id, wardCode });
      }
    });
  }




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
