/**
 * The archive: one PDF per ward-week, written once under
 * $DATA_DIR/reports/<ward>/<week>-<sha>.pdf and recorded in weekly_report.
 * The unique (ward, week) key decides between two instances rendering the
 * same report: the first insert wins and the loser removes its own file, so
 * every later download and email carries the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../../server/composition-root.js';
import { WeeklyReportEntity, type WeeklyReport } from '../../server/weekly-reports/weekly-report.entity.js';
import type { WeekRows } from './data.js';
import { renderWardWeek, type RenderDeps } from './render.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

export type ArchiveDeps = RenderDeps & Pick<Services, 'clock'>;

export function reportsDir(dataDir: string): string {
  return path.join(dataDir, 'reports');
}

export async function findArchived(deps: Pick<Services, 'db'>, wardCode: string, week: string): Promise<WeeklyReport | null> {
  return deps.db.manager.getRepository(WeeklyReportEntity).findOneBy({ wardCode, week });
}

export async function readArchived(deps: Pick<Services, 'config'>, report: WeeklyReport): Promise<Buffer> {
  return readFile(path.join(reportsDir(deps.config.dataDir), report.path));
}


function countPages(pdf: Buffer): number {
  // pdfkit writes one "/Type /Page" object per page (the page tree is "/Type /Pages").
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/** The archived report for a ward-week, rendering and storing it first if nobody has. */
export async function ensureArchived(
  deps: ArchiveDeps,
  wardCode: string,
  week: string,
  opts: { rows?: WeekRows; maxPairs?: number } = {},
): Promise<{ report: WeeklyReport; pdf: Buffer; created: boolean }> {
  const existing = await findArchived(deps, wardCode, week);
  if (existing) return { report: existing, pdf: await readArchived(deps, existing), created: false };

  const now = deps.clock.now().toISOString();
  const { data, pdf } = await renderWardWeek(deps, wardCode, week, { generatedAt: now, rows: opts.rows, maxPairs: opts.maxPairs });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const relative = path.join(wardCode, `${week}-${sha256.slice(0, 12)}.pdf`);
  const file = path.join(reportsDir(deps.config.dataDir), relative);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${randomUUID()}.part`;
  await writeFile(partial, pdf);
  await rename(partial, file);

  const report: WeeklyReport = {
    id: randomUUID(),
    wardCode,
    week,
    sha256,
    bytes: pdf.length,
    pages: countPages(pdf),
    path: relative,
    summary: {
      wardName: data.ward.name,
      received: data.headline.received,
      fixed: data.headline.fixed,
      closedNotFixed: data.headline.closedNotFixed,
      stillOpen: data.headline.stillOpen,
      overdue: data.headline.overdue,
      withinDeadlineShare: data.headline.withinDeadlineShare,
      pairs: data.pairs.length,
    },
    generatedAt: now,
    createdAt: now,
  };
  try {
    await deps.db.transaction((em) => em.getRepository(WeeklyReportEntity).insert(report as never));
    return { report, pdf, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Another instance archived this ward-week first: theirs is the copy of record.
    const winner = (await findArchived(deps, wardCode, week))!;
    if (winner.path !== relative) await rm(file, { force: true });
    return { report: winner, pdf: await readArchived(deps, winner), created: false };
  }
}

export async function listArchived(deps: Pick<Services, 'db'>, wardCode: string): Promise<WeeklyReport[]> {
  return deps.db.manager.getRepository(WeeklyReportEntity).find({ where: { wardCode }, order: { week: 'DESC' } });
}
