/**
 * The archive: one PDF per ward-week, written once under
 * $DATA_DIR/reports/<ward>/<week>-<sha>.pdf and recorded in weekly_report.
 * The unique (ward, week) key decides between two instances rendering the
 * same report: the first insert wins and the loser removes its own file, so
 * every later download and email carries the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { WeeklyReportData } from '../../reports/weekly/types.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Clock } from '../platform/clock.js';
import { writeFileDurably } from '../platform/durable-file.js';
import type { WeeklyReport } from './weekly-report.entity.js';
import type { WeeklyReportRepository } from './weekly-report.repository.js';

export function reportsDir(dataDir: string): string {
  return path.join(dataDir, 'reports');
}

function countPages(pdf: Buffer): number {
  // pdfkit writes one "/Type /Page" object per page (the page tree is "/Type /Pages").
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

export type Rendered = { data: WeeklyReportData; pdf: Buffer };

export class WeeklyReportArchive {
  constructor(
    private readonly repo: WeeklyReportRepository,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {}

  find(wardCode: string, week: string): Promise<WeeklyReport | null> {
    return this.repo.findArchived(wardCode, week);
  }

  read(report: WeeklyReport): Promise<Buffer> {
    return readFile(path.join(reportsDir(this.dataDir), report.path));
  }

  list(wardCode: string): Promise<WeeklyReport[]> {
    return this.repo.listArchived(wardCode);
  }

  /** The archived report for a ward-week, rendering (at the clock's now) and storing it first if nobody has. */
  async ensure(wardCode: string, week: string, render: (generatedAt: string) => Promise<Rendered>): Promise<{ report: WeeklyReport; pdf: Buffer; created: boolean }> {
    const existing = await this.find(wardCode, week);
    if (existing) return { report: existing, pdf: await this.read(existing), created: false };

    const now = this.clock.now().toISOString();
    const { data, pdf } = await render(now);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const relative = path.join(wardCode, `${week}-${sha256.slice(0, 12)}.pdf`);
    const file = path.join(reportsDir(this.dataDir), relative);
    // Partial file, fsync, rename, directory fsync: instances sharing the folder never see half a PDF,
    // and the archived copy a councillor was sent survives a power cut.
    await writeFileDurably(file, pdf);

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
      await this.repo.insertArchived(report);
      return { report, pdf, created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Another instance archived this ward-week first: theirs is the copy of record.
      const winner = (await this.find(wardCode, week))!;
      if (winner.path !== relative) await rm(file, { force: true });
      return { report: winner, pdf: await this.read(winner), created: false };
    }
  }
}
