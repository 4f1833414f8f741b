/**
 * Every query on idempotency_record. Writes run in queued transactions of
 * their own: on SQLite a bare write could land inside another request's open
 * transaction.
 */
import { LessThan } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { IdempotencyRecordEntity, type IdempotencyRecord } from './idempotency-record.entity.js';

type RecordKey = Pick<IdempotencyRecord, 'key' | 'principal'>;

export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the row unless (key, principal) is taken already. */
  async insertIfAbsent(row: IdempotencyRecord): Promise<void> {
    await this.db.transaction((em) => em.createQueryBuilder().insert().into(IdempotencyRecordEntity).values(row as never).orIgnore().execute());
  }

  find(key: RecordKey): Promise<IdempotencyRecord | null> {
    return this.db.manager.getRepository(IdempotencyRecordEntity).findOneBy({ key: key.key, principal: key.principal });
  }

  /** Deletes the row if it still holds this unfinished claim. */
  async deleteClaim(key: RecordKey, inProgress: number, claim: string): Promise<void> {
    await this.db.transaction((em) =>
      em.getRepository(IdempotencyRecordEntity).delete({ key: key.key, principal: key.principal, statusCode: inProgress, responseBody: claim } as never),
    );
  }

  /** Replaces the claim with the answer, if the row still holds this claim. */
  async storeAnswer(key: RecordKey, claim: string, statusCode: number, responseBody: string): Promise<void> {
    await this.db.transaction((em) =>
      em.getRepository(IdempotencyRecordEntity).update({ key: key.key, principal: key.principal, responseBody: claim } as never, { statusCode, responseBody } as never),
    );
  }

  /** Hands an unfinished claim to a new claimer; true when this call took it. */
  async replaceClaim(key: RecordKey, inProgress: number, oldClaim: string, newClaim: string, createdAt: string): Promise<boolean> {
    const taken = await this.db.transaction((em) =>
      em.getRepository(IdempotencyRecordEntity).update(
        { key: key.key, principal: key.principal, responseBody: oldClaim, statusCode: inProgress } as never,
        { responseBody: newClaim, createdAt } as never,
      ),
    );
    return !!taken.affected;
  }

  async deleteCreatedBefore(before: string): Promise<number> {
    const result = await this.db.transaction((em) =>
      em.createQueryBuilder().delete().from(IdempotencyRecordEntity).where('created_at < :before', { before }).execute(),
    );
    return result.affected ?? 0;
  }

  countCreatedBefore(before: string): Promise<number> {
    return this.db.manager.getRepository(IdempotencyRecordEntity).countBy({ createdAt: LessThan(before) });
  }
}
