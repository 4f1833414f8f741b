/** Administrators add and change categories: the questions reporters are asked, service levels, crew skill. */
import { z } from 'zod';
import { CREW_SKILLS } from '../crews/crew-skills.js';
import { defineRoute, type RouteDef } from '../http/route.js';
import type { CategoryService } from './category.service.js';

const CATEGORY_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FIELD_CODE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const QUESTION_TYPES = ['number', 'boolean', 'single', 'multi', 'text', 'datetime'] as const;

const categoryCode = z.string().max(40).regex(CATEGORY_CODE, 'use lowercase letters and digits joined by single hyphens (e.g. "shopping-trolley")');
const fieldCode = (max: number) => z.string().max(max).regex(FIELD_CODE, 'use lowercase letters and digits joined by single underscores (e.g. "blocking_path")');
const label = (max: number) => z.string().trim().min(1, 'is required').max(max);

function uniqueCodes<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${k}" is used twice` });
      seen.add(k);
    });
  };
}

function minNotAboveMax(v: { min?: number; max?: number }, ctx: z.RefinementCtx) {
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be below min' });
}

const optionSchema = z.strictObject({ key: fieldCode(60), label: label(120) });

const questionSchema = z
  .strictObject({
    code: fieldCode(40),
    label: label(200),
    type: z.enum(QUESTION_TYPES),
    required: z.boolean().default(false),
    options: z.array(optionSchema).max(50).superRefine(uniqueCodes((o) => o.key, 'key')).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    help: z.string().trim().max(300).optional(),
    routesTo: categoryCode.optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === 'single' || q.type === 'multi';
    if (choice && !q.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least one option' });
    if (!choice && q.options !== undefined) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only single and multi questions have options' });
    if (q.type !== 'number' && (q.min !== undefined || q.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['min'], message: 'only number questions have min and max' });
    if (q.routesTo !== undefined && q.type !== 'boolean') ctx.addIssue({ code: 'custom', path: ['routesTo'], message: 'only a yes/no question can send a report to another category' });
    minNotAboveMax(q, ctx);
  });

const quantitySchema = z
  .strictObject({
    code: fieldCode(40),
    label: label(120),
    unit: z.string().trim().max(20).optional(),
    min: z.number().min(0),
    max: z.number().min(0),
  })
  .superRefine(minNotAboveMax);

const slaPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hours'), hours: z.number().positive().max(24 * 90) }),
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().positive().max(90) }),
  z.strictObject({ kind: z.literal('zone') }),
]);

const categoryFields = {
  code: categoryCode,
  name: label(120),
  groupName: label(80),
  description: z.string().trim().max(2000),
  icon: z.string().max(40).regex(CATEGORY_CODE, 'must be an icon name'),
  slaPolicy: slaPolicySchema,
  hazard: z.boolean(),
  autoAccept: z.boolean(),
  requiredSkill: z.enum(CREW_SKILLS as [string, ...string[]]),
  questions: z.array(questionSchema).max(20).superRefine(uniqueCodes((q) => q.code, 'question code')),
  quantities: z.array(quantitySchema).max(10).superRefine(uniqueCodes((q) => q.code, 'quantity code')),
  dedupeRadiusM: z.number().int().min(0).max(1000),
  serviceMinutes: z.number().int().min(1).max(8 * 60),
  requiresBeforePhoto: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(100_000),
};

const createBody = z.strictObject({
  ...categoryFields,
  description: categoryFields.description.optional(),
  icon: categoryFields.icon.optional(),
  hazard: categoryFields.hazard.optional(),
  autoAccept: categoryFields.autoAccept.optional(),
  requiredSkill: categoryFields.requiredSkill.optional(),
  questions: categoryFields.questions.optional(),
  quantities: categoryFields.quantities.optional(),
  dedupeRadiusM: categoryFields.dedupeRadiusM.optional(),
  serviceMinutes: categoryFields.serviceMinutes.optional(),
  requiresBeforePhoto: categoryFields.requiresBeforePhoto.optional(),
  active: categoryFields.active.optional(),
  sortOrder: categoryFields.sortOrder.optional(),
});
const patchBody = z.strictObject(categoryFields).partial();
const codeParams = z.object({ code: categoryCode });

export interface CategoryRouteDeps {
  categories: Pick<CategoryService, 'create' | 'update'>;
}

export function categoryRoutes(deps: CategoryRouteDeps): RouteDef[] {
  return [
    defineRoute({
      id: 'categories.create', method: 'post', path: '/api/categories', summary: 'Add a category (on the public form at once)', tags: ['admin'],
      body: createBody, status: 201,
      handler: ({ body }) => deps.categories.create(body),
    }),
    defineRoute({
      id: 'categories.update', method: 'patch', path: '/api/categories/:code', summary: 'Change a category; active:false hides it from reporters, work orders keep it', tags: ['admin'],
      params: codeParams, body: patchBody,
      handler: ({ params, body }) => deps.categories.update(params.code, body),
    }),
  ];
}
