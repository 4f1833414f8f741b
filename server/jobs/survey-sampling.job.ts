/** 05:30 daily: plan the current survey tranche if nobody has, draw every tranche whose first day has come (stratified random sample per ward, handed to inspectors), and book re-inspections of failed sites whose work is done. */
import type { InspectionService } from '../inspections/inspection.service.js';
import type { JobDefinition } from './job.js';

export function surveySamplingJob(inspections: Pick<InspectionService, 'runSampling'>): JobDefinition {
  return {
    name: 'survey-sampling',
    schedule: '30 5 * * *',
    catchUp: true,
    description: "Draw each survey tranche's random sample per ward (stratified by land use) and assign it to inspectors; book re-inspections",
    run: ({ now, dryRun }) => inspections.runSampling(now, dryRun),
  };
}
