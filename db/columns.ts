/**
 * Column vocabulary shared by entity schemas and migrations, limited to types
 * that mean the same on SQLite and PostgreSQL.
 *
 * Instants are stored as ISO-8601 UTC strings (`2026-03-29T00:59:59.000Z`),
 * always 24 characters, so they sort and compare as text on both databases
 * and no driver ever converts them through a local time zone.
 */
import type { EntitySchemaColumnOptions } from 'typeorm';

export const col = {
  uuid: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, ...o }),
  text: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'text', ...o }),
  str: (length: number, o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length, ...o }),
  int: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'integer', ...o }),
  float: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'double precision', ...o }),
  bool: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'boolean', ...o }),
  instant: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length: 24, ...o }),
  json: (o: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'simple-json', ...o }),
};

/** Column definitions for migrations (TableColumnOptions), same vocabulary. */
export const mcol = {
  uuid: (name: string, extra: object = {}) => ({ name, type: 'varchar', length: '36', ...extra }),
  pkUuid: (name = 'id') => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  pkSerial: (name = 'id') => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const }),
  text: (name: string, extra: object = {}) => ({ name, type: 'text', ...extra }),
  str: (name: string, length: number, extra: object = {}) => ({ name, type: 'varchar', length: String(length), ...extra }),
  int: (name: string, extra: object = {}) => ({ name, type: 'integer', ...extra }),
  float: (name: string, extra: object = {}) => ({ name, type: 'double precision', ...extra }),
  bool: (name: string, dflt: boolean, extra: object = {}) => ({ name, type: 'boolean', default: dflt ? 'true' : 'false', ...extra }),
  instant: (name: string, extra: object = {}) => ({ name, type: 'varchar', length: '24', ...extra }),
  json: (name: string, extra: object = {}) => ({ name, type: 'text', ...extra }),
  nullable: { isNullable: true },
};
