import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** Administrator-changeable settings (the at-risk share, planner auto-publish…), overriding config defaults. */
export interface Setting {
  key: string;
  value: unknown;
  updatedAt: string;
}

export const SettingEntity = new EntitySchema<Setting>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: col.str(80, { primary: true }),
    value: col.json(),
    updatedAt: col.instant({ name: 'updated_at' }),
  },
});
