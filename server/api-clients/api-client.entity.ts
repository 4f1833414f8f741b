import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** A partner (police, housing association, FixMyStreet) calling with an API key. The key itself is never stored. */
export interface ApiClient {
  id: string;
  name: string;
  keyPrefix: string; // first characters, to recognise a key in a list
  keyHash: string; // sha256 of the full key: keys are long random strings, so a fast hash is enough
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const ApiClientEntity = new EntitySchema<ApiClient>({
  name: 'ApiClient',
  tableName: 'api_client',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(200),
    keyPrefix: col.str(16, { name: 'key_prefix' }),
    keyHash: col.str(64, { name: 'key_hash', unique: true }),
    createdAt: col.instant({ name: 'created_at' }),
    revokedAt: col.instant({ name: 'revoked_at', nullable: true }),
    lastUsedAt: col.instant({ name: 'last_used_at', nullable: true }),
  },
});
