/**
 * Administrator-editable settings, typed: `get('planner')` returns a complete
 * value (stored fields over the schema's defaults). A stored value that no
 * longer fits its schema (hand-edited, or from an older version) is not
 * allowed to break the service that reads it: the defaults apply and the
 * problem is logged once per read.
 */
import type { Logger } from 'pino';
import { ValidationError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import { SETTING_KEYS, SETTING_SCHEMAS, STORED_KEY, type SettingKey, type SettingValues } from './settings.schema.js';
import type { SettingsRepository } from './settings.repository.js';
import type { CacheChannel } from '../platform/event-bus.js';

export class SettingsService {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly repo: SettingsRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Tells other instances when a setting changes, and hears when they change one. */
    private readonly cache?: CacheChannel,
  ) {
    cache?.onAnnounced('settings', () => this.changed());
  }

  /** Calls `listener` whenever a setting changes, here or on another instance (for whoever keeps a setting in memory). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async get<K extends SettingKey>(key: K): Promise<SettingValues[K]> {
    return this.parseStored(key, await this.repo.storedValue(STORED_KEY[key]));
  }

  async all(): Promise<SettingValues> {
    const stored = await this.repo.storedValues();
    const out = {} as Record<SettingKey, unknown>;
    for (const key of SETTING_KEYS) out[key] = this.parseStored(key, stored.get(STORED_KEY[key]));
    return out as SettingValues;
  }

  /** Replaces one setting after checking it against its schema (missing fields take their defaults). */
  async update<K extends SettingKey>(key: K, value: unknown): Promise<SettingValues[K]> {
    const parsed = SETTING_SCHEMAS[key].safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: [key, ...i.path].join('.'), message: i.message }));
      throw new ValidationError(`Please check ${fields[0].field}: ${fields[0].message}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`, { fields });
    }
    await this.repo.store(STORED_KEY[key], parsed.data, this.clock.now().toISOString());
    this.changed();
    this.cache?.announce('settings');
    return parsed.data as SettingValues[K];
  }

  private parseStored<K extends SettingKey>(key: K, stored: unknown): SettingValues[K] {
    const schema = SETTING_SCHEMAS[key];
    const parsed = schema.safeParse(stored ?? {});
    if (parsed.success) return parsed.data as SettingValues[K];
    this.logger.warn({ setting: key, issues: parsed.error.issues.length }, 'stored setting does not fit its schema; using the defaults');
    return schema.parse({}) as SettingValues[K];
  }
}
