/**
 * Defra WasteDataFlow fly-tipping lists (what the council returns for each
 * cleared fly-tip). Keys are stable; labels are Defra's words.
 */
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
