/**
 * Every administrator-editable setting: its key, its zod schema and its
 * default. A stored value is parsed against the schema (over the default), so
 * a service always gets a complete, typed value; an admin edit is validated
 * by the same schema before it is stored.
 */
import { z } from 'zod';
import { FLY_TIP_SIZES } from '../categories/defra.js';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../sla/bank-holidays.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const SETTING_SCHEMAS = {
  /** The day planner: how long it searches, how it estimates travel, and whether it publishes on its own. */
  planner: z.object({
    autoPublish: z.boolean().default(false),
    timeLimitMs: z.number().int().min(100).max(60_000).default(1_500),
    streetFactor: z.number().min(1).max(3).default(1.3),
    speedKmh: z.number().min(1).max(80).default(16),
    /** What using one more crew costs, in metres of driving: the planner prefers fewer crews unless it saves more than this. */
    crewCostM: z.number().min(0).max(100_000).default(3_000),
    seed: z.number().int().min(0).default(1),
    /** Minutes on site per category code, where the council's experience differs from the category default. */
    serviceMinutes: z.record(z.string().max(40), z.number().int().min(1).max(600)).default({}),
  }),
  /** When repeated reports in one place become a suggested sweep. */
  hotspots: z.object({
    minReports: z.number().int().min(2).max(1_000).default(5),
    radiusM: z.number().min(10).max(5_000).default(100),
    days: z.number().int().min(1).max(365).default(14),
  }),
  /** When the council is on duty, for working-day deadlines. The time zone is config's, not editable here. */
  workingCalendar: z.object({
    /** ISO weekdays on duty, 1 = Monday … 7 = Sunday. */
    dutyDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    dayStart: hhmm.default('07:00'),
    dayEnd: hhmm.default('18:00'),
    /** Dates with no duty: the England and Wales bank holidays plus any the council adds. */
    holidays: z.array(isoDate).default(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date)),
  }),
  /** The councillors' weekly PDF. */
  weeklyReport: z.object({
    /** Before/after photo pairs printed at most (0: none). */
    maxPhotoPairs: z.number().int().min(0).max(500).default(60),
  }),
  /** The monthly WasteDataFlow fly-tipping return: the council's own clearance cost per Defra size band, in pounds (a band left out has no estimate). */
  wasteDataFlow: z.object({
    clearanceCostPerSize: z
      .partialRecord(z.enum(FLY_TIP_SIZES.map((o) => o.key) as [string, ...string[]]), z.number().min(0).max(1_000_000))
      .default({}),
  }),
  /** Open data: the anonymised work-order CSV at a public address (no personal data, no free text). Off until an admin turns it on. */
  openData: z.object({
    publishWorkOrders: z.boolean().default(false),
  }),
  /** Cleanliness surveys: how many transects a ward's sample has, how many an inspector walks a day, and what counts as slipping. */
  inspections: z.object({
    samplePerWard: z.number().int().min(1).max(500).default(10),
    visitsPerDay: z.number().int().min(1).max(100).default(8),
    /** Percentage points worse than the previous tranche (litter or detritus) before a ward is shown as slipping. */
    slippingPoints: z.number().min(0).max(100).default(10),
  }),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValues = { [K in SettingKey]: z.output<(typeof SETTING_SCHEMAS)[K]> };
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

/** Keys as stored in the `setting` table (kept from before the settings had one module, so existing rows still apply). */
export const STORED_KEY: Readonly<Record<SettingKey, string>> = Object.freeze({
  planner: 'planner',
  hotspots: 'hotspots',
  workingCalendar: 'working_calendar',
  weeklyReport: 'weekly_report',
  wasteDataFlow: 'waste_data_flow',
  openData: 'open_data',
  inspections: 'inspections',
});

export type PlannerSettings = SettingValues['planner'];
export type HotspotSettings = SettingValues['hotspots'];
export type WorkingCalendarSettings = SettingValues['workingCalendar'];
export type WasteDataFlowSettings = SettingValues['wasteDataFlow'];
