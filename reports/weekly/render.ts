/**
 * Data + drawing for one ward-week, wired to the app's dependencies: the
 * photo service for the before/after pictures and the ward locator for the
 * boundary. Used by the Monday job, the download route, the CLI and the bench.
 */
import type { Services } from '../../server/composition-root.js';
import type { Database } from '../../db/data-source.js';
import { SettingEntity } from '../../server/settings/setting.entity.js';
import { assembleWeeklyData, DEFAULT_MAX_PAIRS, loadWeekRows, type WeekRows, type WeeklyReportData } from './data.js';
import { renderWeeklyReportPdf } from './pdf.js';
import { printPhoto } from './print-photos.js';

export type RenderDeps = Pick<Services, 'db' | 'config' | 'postcodes' | 'wardLocator' | 'photos'>;

/** Admin setting: how many before/after pairs a report prints at most (a whole number; default 60). */
export const MAX_PAIRS_SETTING = 'weeklyReports.maxPairs';

export async function maxPairsSetting(db: Database): Promise<number> {
  const row = await db.manager.getRepository(SettingEntity).findOneBy({ key: MAX_PAIRS_SETTING });
  const value = Number(row?.value);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MAX_PAIRS;
}

export interface RenderOptions {
  generatedAt: string;
  /** Overrides the admin setting (the CLI's --max-pairs). */
  maxPairs?: number;
  /** Rows already loaded for this week (the Monday job loads them once for every ward). */
  rows?: WeekRows;
}

export async function renderWardWeek(deps: RenderDeps, wardCode: string, weekLabel: string, opts: RenderOptions): Promise<{ data: WeeklyReportData; pdf: Buffer }> {
  const rows = opts.rows ?? (await loadWeekRows(deps.db, weekLabel, deps.config.timeZone));
  const data = await assembleWeeklyData(deps, rows, wardCode, {
    generatedAt: opts.generatedAt,
    maxPairs: opts.maxPairs ?? (await maxPairsSetting(deps.db)),
    timeZone: deps.config.timeZone,
    councilName: deps.config.councilName,
  });
  const pdf = await renderWeeklyReportPdf(data, {
    printPhoto: (ref) => printPhoto(deps, ref),
    boundary: deps.wardLocator.ward(wardCode)?.boundary ?? null,
  });
  return { data, pdf };
}
