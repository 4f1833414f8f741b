/** 02:30 nightly: repeat reports close together over recent days become suggested sweeps (setting `hotspots`: minReports, radiusM, days). */
import type { JobDefinition } from './job.js';

export const hotspotDetectionJob: JobDefinition = {
  name: 'hotspot-detection',
  schedule: '30 2 * * *',
  catchUp: true,
  description: 'Suggest sweeps where many reports cluster (N reports within R metres over D days)',
  async run(deps, { now, dryRun }) {
    const found = await deps.sweeps.detectHotspots(now, dryRun);
    return { suggested: found.map((h) => ({ categoryCode: h.categoryCode, reports: h.reportCount, lat: Number(h.lat.toFixed(5)), lng: Number(h.lng.toFixed(5)) })) };
  },
};
