/** Every query on the api_client table. */
import type { Database } from '../../db/data-source.js';
import { ApiClientEntity, type ApiClient } from './api-client.entity.js';

export class ApiClientRepository {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.manager.getRepository(ApiClientEntity);
  }

  async insert(client: ApiClient): Promise<void> {
    await this.repo.insert(client);
  }

  findByKeyHash(keyHash: string): Promise<ApiClient | null> {
    return this.repo.findOneBy({ keyHash });
  }

  findById(id: string): Promise<ApiClient | null> {
    return this.repo.findOneBy({ id });
  }

  findByKeyPrefix(keyPrefix: string): Promise<ApiClient | null> {
    return this.repo.findOneBy({ keyPrefix });
  }

  /** Oldest first. */
  all(): Promise<ApiClient[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  async save(client: ApiClient): Promise<void> {
    await this.repo.save(client);
  }
}
