/**
 * Monday 07:00 (UK time): render, archive and email last week's report for
 * every ward with a councillor (`npm run job -- weekly-ward-reports`).
 */
import type { WeeklyReportService } from '../weekly-reports/weekly-report.service.js';
import type { JobDefinition } from './job.js';

export function weeklyWardReportsJob(reports: Pick<WeeklyReportService, 'runWeeklyWardReports'>): JobDefinition {
  return {
    name: 'weekly-ward-reports',
    schedule: '0 7 * * 1',
    catchUp: true,
    description: 'Render, archive and email last week’s PDF report to each ward’s councillors (Monday 07:00).',
    run: (ctx) => reports.runWeeklyWardReports(ctx),
  };
}
