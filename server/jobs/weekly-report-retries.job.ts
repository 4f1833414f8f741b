/**
 * Every ten minutes: send weekly-report emails whose back-off has passed and
 * prepare print copies of the week's evidence photos
 * (`npm run job -- weekly-report-deliveries`).
 */
import type { WeeklyReportService } from '../weekly-reports/weekly-report.service.js';
import type { JobDefinition } from './job.js';

export function weeklyReportRetriesJob(reports: Pick<WeeklyReportService, 'runDeliveryRetries'>): JobDefinition {
  return {
    name: 'weekly-report-deliveries',
    schedule: '*/10 * * * *',
    catchUp: false,
    description: 'Send weekly-report emails that are due again after a failed attempt, and prepare print copies of the week’s evidence photos.',
    run: (ctx) => reports.runDeliveryRetries(ctx),
  };
}
