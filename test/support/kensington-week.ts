/**
 * The week the weekly-PDF tests render: Kensington, 2026-W48, seeded through
 * the app's own ward boundary and crews, with full-size labelled photos.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { reportWeek } from '../../reports/weekly/week.js';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import type { TestApp } from './app.js';
import { labelledJpeg, seedWardWeek, type SeededWeek } from './builders-reports.js';
import { KENSINGTON } from './fixtures.js';

export async function seedKensingtonPdfWeek(t: TestApp, pairs: number): Promise<SeededWeek> {
  const ward = t.deps.wardLocator.ward(KENSINGTON)!;
  const crews = await t.deps.db.manager.getRepository(CrewEntity).find();
  return seedWardWeek(t.deps.db, t.dataDir, {
    wardCode: KENSINGTON,
    boundary: ward.boundary,
    inside: (lat, lng) => booleanPointInPolygon([lng, lat], ward.boundary),
    week: reportWeek('2026-W48', 'Europe/London'),
    pairs,
    photo: (label, i) => labelledJpeg(label, { width: 1600, height: 1200, shade: 60 + (i % 5) * 25 }),
    crewIds: crews.map((c) => c.id),
  });
}
