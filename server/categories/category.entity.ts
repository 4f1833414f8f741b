import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** How a category's deadline is computed (see server/work-orders/sla.ts). */
export type SlaPolicy =
  | { kind: 'hours'; hours: number }
  | { kind: 'working_days'; days: number }
  | { kind: 'zone' };

export type QuestionType = 'number' | 'boolean' | 'single' | 'multi' | 'text' | 'datetime';

/** A question asked of the reporter; answers are validated against it server-side. */
export interface CategoryQuestion {
  code: string;
  label: string;
  type: QuestionType;
  required: boolean;
  /** For single/multi: allowed keys and labels. */
  options?: { key: string; label: string }[];
  min?: number;
  max?: number;
  help?: string;
  /** When a boolean question answers yes, the report is filed under this category instead. */
  routesTo?: string;
}

/** A quantity the crew records on completion (bags, sharps count…). */
export interface QuantityField {
  code: string;
  label: string;
  unit?: string;
  min: number;
  max: number;
}

export interface Category {
  code: string;
  name: string;
  groupName: string;
  description: string;
  icon: string;
  slaPolicy: SlaPolicy;
  hazard: boolean;
  autoAccept: boolean;
  requiredSkill: string;
  questions: CategoryQuestion[];
  quantities: QuantityField[];
  dedupeRadiusM: number;
  serviceMinutes: number;
  requiresBeforePhoto: boolean;
  active: boolean;
  sortOrder: number;
}

export const CategoryEntity = new EntitySchema<Category>({
  name: 'Category',
  tableName: 'category',
  columns: {
    code: col.str(40, { primary: true }),
    name: col.str(120),
    groupName: col.str(80, { name: 'group_name' }),
    description: col.text({ default: '' }),
    icon: col.str(40, { default: 'bin' }),
    slaPolicy: col.json({ name: 'sla_policy' }),
    hazard: col.bool({ default: false }),
    autoAccept: col.bool({ name: 'auto_accept', default: false }),
    requiredSkill: col.str(40, { name: 'required_skill', default: 'general' }),
    questions: col.json(),
    quantities: col.json(),
    dedupeRadiusM: col.int({ name: 'dedupe_radius_m', default: 50 }),
    serviceMinutes: col.int({ name: 'service_minutes', default: 20 }),
    requiresBeforePhoto: col.bool({ name: 'requires_before_photo', default: true }),
    active: col.bool({ default: true }),
    sortOrder: col.int({ name: 'sort_order', default: 100 }),
  },
});
