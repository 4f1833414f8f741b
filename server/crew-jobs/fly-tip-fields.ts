/** Defra's fly-tip fields as a crew confirms them when closing a fly-tip. */
import { ENFORCEMENT_ACTIONS, FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES, type FlyTipFields } from '../categories/defra.js';
import { ValidationError } from '../errors.js';

export interface WasteDataInput {
  size?: string;
  wasteType?: string;
  landType?: string;
  enforcement?: string | null;
}

const LISTS = { size: FLY_TIP_SIZES, wasteType: FLY_TIP_WASTE_TYPES, landType: FLY_TIP_LAND_TYPES, enforcement: ENFORCEMENT_ACTIONS } as const;
const FIELDS = ['size', 'wasteType', 'landType', 'enforcement'] as const;
const FIELD_WORDS: Record<(typeof FIELDS)[number], string> = { size: 'size', wasteType: 'waste type', landType: 'land type', enforcement: 'enforcement action' };

/** The fields known before the crew's say (stored, else reported) lack one Defra needs: the reports' answers fill the gaps. */
export function needsReportedFields(known: FlyTipFields): boolean {
  return !known.size || !known.wasteType || !known.landType;
}

/**
 * The crew's values over what was known (an explicit null enforcement clears
 * it), each from Defra's list; on closure size, waste type and land type are
 * required. 422 WASTE_DATA_INVALID lists every problem.
 */
export function confirmFlyTipFields(known: FlyTipFields, given: WasteDataInput | undefined, required: boolean): FlyTipFields {
  const merged: FlyTipFields = { ...known };
  for (const [field, value] of Object.entries(given ?? {})) if (typeof value === 'string' && value) merged[field] = value;
  if (given?.enforcement === null) delete merged.enforcement;
  const problems: { field: string; message: string }[] = [];
  // The first problem in the crew's words ("the land type is required…"), not a field path.
  let firstInWords: string | undefined;
  for (const field of FIELDS) {
    const list = LISTS[field];
    const value = merged[field];
    if (value === undefined) {
      if (required && field !== 'enforcement') {
        problems.push({ field: `wasteData.${field}`, message: 'Required for a fly-tip (Defra WasteDataFlow)' });
        firstInWords ??= `the ${FIELD_WORDS[field]} is required for a fly-tip (Defra WasteDataFlow)`;
      }
    } else if (!list.some((o) => o.key === value)) {
      problems.push({ field: `wasteData.${field}`, message: `Not one of Defra's values: ${list.map((o) => o.key).join(', ')}` });
      firstInWords ??= `the ${FIELD_WORDS[field]} is not one of Defra's values: ${list.map((o) => o.key).join(', ')}`;
    }
  }
  if (problems.length) throw new ValidationError(`Please check the fly-tip details: ${firstInWords}.`, { fields: problems }, 'WASTE_DATA_INVALID');
  const out: FlyTipFields = {};
  for (const field of FIELDS) if (merged[field]) out[field] = merged[field]!;
  return out;
}
