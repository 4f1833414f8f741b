/** 02:30 nightly: repeat reports close together over recent days become suggested sweeps (setting `hotspots`: minReports, radiusM, days). */
import type { SweepService } from '../scheduling/sweep.service.js';
import type { JobDefinition } from './job.js';

export function hotspotDetectionJob(sweeps: Pick<SweepService, 'detectHotspots'>): JobDefinition {
  return {
    name: 'hotspot-detection',
    schedule: '30 2 * * *',
    catchUp: true,
    description: 'Suggest sweeps where many reports cluster (N reports within R metres over D days)',
    async run({ now, dryRun }) {
      const found = await sweeps.detectHotspots(now, dryRun);
      return { suggested: found.map((h) => ({ categoryCode: h.categoryCode, reports: h.reportCount, lat: Number(h.lat.toFixed(5)), lng: Number(h.lng.toFixed(5)) })) };
    },
  };
}
