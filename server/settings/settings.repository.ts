/** Every query on the setting table. */
import type { Database } from '../../db/data-source.js';
import { SettingEntity } from './setting.entity.js';

export class SettingsRepository {
  constructor(private readonly db: Database) {}

  async storedValue(key: string): Promise<unknown> {
    const row = await this.db.manager.getRepository(SettingEntity).findOneBy({ key });
    return row?.value;
  }

  async storedValues(): Promise<Map<string, unknown>> {
    const rows = await this.db.manager.getRepository(SettingEntity).find();
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async store(key: string, value: unknown, at: string): Promise<void> {
    await this.db.manager.getRepository(SettingEntity).save({ key, value, updatedAt: at });
  }
}
