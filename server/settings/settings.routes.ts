/** Administrators read every setting and replace one group at a time; the schema in settings.schema.ts checks each change. */
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import { SETTING_KEYS, SETTING_SCHEMAS } from './settings.schema.js';
import type { SettingsService } from './settings.service.js';

export interface SettingsRouteDeps {
  settings: Pick<SettingsService, 'all' | 'update'>;
}

const allSettings = z.object(SETTING_SCHEMAS);
const anySetting = z.union(Object.values(SETTING_SCHEMAS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);

export function settingsRoutes(s: SettingsRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'settings.list', method: 'get', path: '/api/settings', summary: 'Every administrator-editable setting, defaults filled in', tags: ['admin'],
      responses: { 200: { description: 'Settings by key', schema: allSettings } },
      handler: () => s.settings.all(),
    }),
    defineRoute({
      id: 'settings.update', method: 'put', path: '/api/settings/:key', summary: 'Replace one setting group; fields left out take their defaults', tags: ['admin'],
      params: z.object({ key: z.enum(SETTING_KEYS) }),
      bodyDoc: anySetting,
      responses: { 200: { description: 'The setting as stored', schema: anySetting } },
      handler: ({ params, body }) => s.settings.update(params.key, body),
    }),
  ];
}
