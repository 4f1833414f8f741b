/**
 * Defra WasteDataFlow fly-tipping lists (what the council returns for each
 * cleared fly-tip). Keys are stable; labels are Defra's words.
 */
import type { Category } from './category.entity.js';

const list = (labels: string[]) => labels.map((label) => ({ key: label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''), label }));

export const FLY_TIP_SIZES = list([
  'Single black bag',
  'Single item',
  'Car boot or less',
  'Small van load',
  'Transit van load',
  'Tipper lorry load',
  'Significant / multi loads',
]);

export const FLY_TIP_WASTE_TYPES = list([
  'Animal carcass',
  'Green',
  'Vehicle parts',
  'White goods',
  'Other electrical',
  'Tyres',
  'Asbestos',
  'Clinical',
  'Constr / demol / excav',
  'Black bags – commercial',
  'Black bags – household',
  'Chemical drums, oil, fuel',
  'Other household',
  'Other commercial',
  'Other (unidentified)',
]);

export const FLY_TIP_LAND_TYPES = list([
  'Highway',
  'Footpath / bridleway',
  'Back alleyway',
  'Railway',
  'Council land',
  'Agricultural',
  'Private / residential',
  'Commercial / industrial',
  'Watercourse / bank',
  'Other (unidentified)',
]);

export const ENFORCEMENT_ACTIONS = list([
  'Investigation',
  'Warning letter',
  'Fixed penalty notice',
  'Prosecution',
  'Statutory notice',
  'Duty of care inspection',
]);

/** Vehicle volume units a fly-tip of each size takes (for the planner's capacity). */
export const FLY_TIP_SIZE_VOLUME: Readonly<Record<string, number>> = {
  single_black_bag: 1,
  single_item: 2,
  car_boot_or_less: 3,
  small_van_load: 8,
  transit_van_load: 12,
  tipper_lorry_load: 20,
  significant_multi_loads: 20,
};

/** A fly-tip's Defra return as stored on the work order: size, wasteType, landType, enforcement (each a key of Defra's list). */
export type FlyTipFields = Record<string, string>;

/** The reporter's questions that answer a Defra field: question code → field. */
const FIELD_OF_QUESTION: Readonly<Record<string, string>> = { size: 'size', waste_type: 'wasteType', land_type: 'landType' };

const WASTE_TYPE_KEYS = new Set(FLY_TIP_WASTE_TYPES.map((o) => o.key));

/**
 * A category makes a Defra fly-tip return when it asks the reporter Defra's
 * waste-type question (code `waste_type`, offering Defra's waste types): the
 * category data says so, not its code.
 */
export function recordsFlyTipReturn(category: Pick<Category, 'questions'> | null | undefined): boolean {
  const question = category?.questions.find((q) => q.code === 'waste_type');
  return !!question?.options?.length && question.options.every((o) => WASTE_TYPE_KEYS.has(o.key));
}

/**
 * The Defra fields the reporters' answers already give, for a category that
 * makes the return (null for any other); the crew confirms or corrects them.
 */
export function flyTipFieldsFromAnswers(category: Pick<Category, 'questions'> | null | undefined, answers: Record<string, unknown>): FlyTipFields | null {
  if (!recordsFlyTipReturn(category)) return null;
  const fields: FlyTipFields = {};
  for (const [question, field] of Object.entries(FIELD_OF_QUESTION)) {
    const answer = answers[question];
    if (typeof answer === 'string') fields[field] = answer;
  }
  return fields;
}
