import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { ApiClient } from './api-client.entity.js';
import type { ApiClientRepository } from './api-client.repository.js';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export type ApiClientView = Omit<ApiClient, 'keyHash'>;

export class ApiClientService {
  constructor(
    private readonly repo: ApiClientRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the key once; only its hash is kept. `presetKey` is for the demo's DEMO_API_KEY. */
  async create(name: string, presetKey?: string): Promise<{ client: ApiClientView; key: string }> {
    const key = presetKey ?? `kbk_${randomBytes(24).toString('base64url')}`;
    const row: ApiClient = {
      id: randomUUID(),
      name: name.trim(),
      keyPrefix: key.slice(0, 10),
      keyHash: hashApiKey(key),
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.repo.insert(row);
    return { client: strip(row), key };
  }

  async authenticate(key: string): Promise<ApiClient | null> {
    const client = await this.repo.findByKeyHash(hashApiKey(key));
    if (!client || client.revokedAt) return null;
    return client;
  }

  async list(): Promise<ApiClientView[]> {
    return (await this.repo.all()).map(strip);
  }

  async revoke(idOrPrefix: string): Promise<ApiClientView> {
    const client = (await this.repo.findById(idOrPrefix)) ?? (await this.repo.findByKeyPrefix(idOrPrefix));
    if (!client) throw new NotFoundError('API_CLIENT_NOT_FOUND', 'No such API key.');
    client.revokedAt ??= this.clock.now().toISOString();
    await this.repo.save(client);
    return strip(client);
  }
}

function strip({ keyHash: _hash, ...rest }: ApiClient): ApiClientView {
  return rest;
}
