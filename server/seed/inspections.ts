/**
 * The survey demo: an inspector, transects across Kensington and Fairfield,
 * Picton and Central (and a few in Old Swan), three past tranches of graded
 * surveys (Kensington improving since the alleyways partnership began,
 * Picton slipping), the partnership area, and the current tranche drawn so
 * the inspector has transects to grade today. Runs once: with transects in
 * the database it does nothing.
 */
import { randomUUID } from 'node:crypto';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Config } from '../config.js';
import { GRADES, type Grade, type LandUse } from '../inspections/grades.js';
import type { SurveyVisit, Transect } from '../inspections/inspection.entity.js';
import type { InspectionRepository } from '../inspections/inspection.repository.js';
import type { InspectionService } from '../inspections/inspection.service.js';
import type { Clock } from '../platform/clock.js';
import { Random } from '../scheduling/random.js';
import { tranchePeriod } from '../inspections/sampling.js';
import type { UserService } from '../users/user.service.js';
import type { Ward } from '../wards/ward.entity.js';

export interface InspectionSeedDeps {
  inspections: InspectionService;
  repo: InspectionRepository;
  users: Pick<UserService, 'findByEmail' | 'create'>;
  wards: { ward(code: string): Ward | undefined };
  postcodes: { nearest(lat: number, lng: number): Promise<string | null> };
  clock: Clock;
  config: Pick<Config, 'demoPassword' | 'timeZone'>;
}

export const DEMO_INSPECTOR = { email: 'inspector@kerbside.test', name: 'Iris (Inspector)' };

/** Per ward: how many transects, and the chance a transect is below B for litter in each of the three past tranches (oldest first). */
const WARDS: { code: string; transects: number; litter: [number, number, number]; detritus: [number, number, number] }[] = [
  { code: 'E05000899', transects: 30, litter: [0.42, 0.34, 0.2], detritus: [0.3, 0.26, 0.16] }, // Kensington and Fairfield: partnership working
  { code: 'E05000905', transects: 18, litter: [0.16, 0.18, 0.36], detritus: [0.12, 0.14, 0.28] }, // Picton: slipping
  { code: 'E05000889', transects: 18, litter: [0.3, 0.28, 0.27], detritus: [0.2, 0.22, 0.2] }, // Central: steady
  { code: 'E05000904', transects: 12, litter: [0.14, 0.12, 0.12], detritus: [0.1, 0.1, 0.08] }, // Old Swan: clean
];

const LAND_USE_MIX: [LandUse, number][] = [
  ['high_density_housing', 0.34],
  ['medium_density_housing', 0.18],
  ['main_retail', 0.12],
  ['other_retail', 0.1],
  ['main_roads', 0.12],
  ['other_highways', 0.08],
  ['recreation', 0.06],
];

/** The alleyways behind Kensington (the road), where the partnership concentrates. */
const ALLEYWAYS: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [[[-2.9535, 53.4085], [-2.9345, 53.4085], [-2.9345, 53.4165], [-2.9535, 53.4165], [-2.9535, 53.4085]]],
};

function bbox(g: Ward['boundary']): [number, number, number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polys) for (const [x, y] of p[0]) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  return [minX, minY, maxX, maxY];
}

function pickLandUse(r: Random): LandUse {
  let x = r.next();
  for (const [u, w] of LAND_USE_MIX) {
    if ((x -= w) < 0) return u;
  }
  return 'other_highways';
}

function gradeFor(r: Random, pBelow: number): Grade {
  // Below B: mostly B- and C+, sometimes worse; acceptable: A to B.
  if (r.next() < pBelow) return (['B-', 'B-', 'C+', 'C+', 'C', 'C-', 'D'] as Grade[])[r.int(0, 6)];
  return (['A', 'B+', 'B+', 'B', 'B'] as Grade[])[r.int(0, 4)];
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function seedInspections(deps: InspectionSeedDeps): Promise<{ transects: number; surveys: number; todayVisits: number } | null> {
  if ((await deps.repo.countTransects()) > 0) return null;
  const inspector = (await deps.users.findByEmail(DEMO_INSPECTOR.email)) ?? (await deps.users.create({ ...DEMO_INSPECTOR, role: 'inspector', password: deps.config.demoPassword }));
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const r = new Random(21);

  const transects: Transect[] = [];
  for (const w of WARDS) {
    const ward = deps.wards.ward(w.code);
    if (!ward) continue;
    const [minX, minY, maxX, maxY] = bbox(ward.boundary);
    const inAlleys = w.code === 'E05000899' ? Math.round(w.transects / 2) : 0;
    let made = 0;
    for (let attempt = 0; made < w.transects && attempt < 5000; attempt++) {
      const [box0, box1] = made < inAlleys ? [ALLEYWAYS.coordinates[0][0], ALLEYWAYS.coordinates[0][2]] : [[minX, minY], [maxX, maxY]];
      const lng = box0[0] + r.next() * (box1[0] - box0[0]);
      const lat = box0[1] + r.next() * (box1[1] - box0[1]);
      if (!booleanPointInPolygon([lng, lat], ward.boundary)) continue;
      const landUse: LandUse = made < inAlleys && r.next() < 0.6 ? 'high_density_housing' : pickLandUse(r);
      // About 50 m of street, at a random bearing.
      const bearing = r.next() * Math.PI;
      const dLat = (25 / 111_320) * Math.cos(bearing);
      const dLng = (25 / (111_320 * Math.cos((lat * Math.PI) / 180))) * Math.sin(bearing);
      const postcode = await deps.postcodes.nearest(lat, lng);
      made += 1;
      transects.push({
        id: randomUUID(), name: `${postcode ?? ward.name} ${String(made).padStart(2, '0')}`, wardCode: w.code, landUse,
        geometry: { type: 'LineString', coordinates: [[lng - dLng, lat - dLat], [lng + dLng, lat + dLat]] }, lat, lng, active: true, createdAt: nowIso,
      });
    }
  }
  await deps.repo.transaction((em) => deps.repo.insertTransects(transects, em));

  // Three past tranches, oldest first, each fully surveyed in its second month.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const current = tranchePeriod(today);
  const past = [];
  let start = current.startsOn;
  for (let i = 0; i < 3; i++) {
    const p = tranchePeriod(addDays(start, -1));
    past.unshift(p);
    start = p.startsOn;
  }
  let surveys = 0;
  for (const [k, p] of past.entries()) {
    const tranche = { id: randomUUID(), ...p, samplePerWard: 12, seed: `demo-${k}`, status: 'drawn' as const, drawnAt: `${p.startsOn}T06:00:00.000Z`, createdAt: `${p.startsOn}T06:00:00.000Z` };
    await deps.repo.insertTranche(tranche);
    const visits: SurveyVisit[] = [];
    for (const w of WARDS) {
      const inWard = transects.filter((t) => t.wardCode === w.code);
      const sample = new Random(100 + k).shuffle([...inWard]).slice(0, tranche.samplePerWard);
      for (const [j, t] of sample.entries()) {
        const surveyedOn = addDays(p.startsOn, 30 + j * 3);
        const at = `${surveyedOn}T${String(9 + (j % 6)).padStart(2, '0')}:${String((j * 7) % 60).padStart(2, '0')}:00.000Z`;
        const alley = booleanPointInPolygon([t.lng, t.lat], ALLEYWAYS);
        // The alleyways start dirtier and improve most once the partnership works there.
        const bump = alley ? [0.12, -0.02, -0.08][k] : 0;
        visits.push({
          id: randomUUID(), trancheId: tranche.id, transectId: t.id, wardCode: t.wardCode, landUse: t.landUse, kind: 'sample', parentVisitId: null,
          inspectorId: inspector.id, dueOn: surveyedOn, status: 'done',
          litter: gradeFor(r, Math.max(0, w.litter[k] + bump)), detritus: gradeFor(r, Math.max(0, w.detritus[k] + bump)),
          graffiti: gradeFor(r, 0.12), flyPosting: r.next() < 0.9 ? (GRADES[r.int(0, 2)] as Grade) : 'B-',
          note: null, photoId: null, deviceLat: t.lat, deviceLng: t.lng, surveyedAt: at, receivedAt: at, surveyedBy: inspector.id, workOrderId: null, createdAt: tranche.createdAt,
        });
      }
    }
    await deps.repo.transaction((em) => deps.repo.insertVisits(visits, em));
    surveys += visits.length;
  }

  // The partnership began with the second of the three tranches.
  await deps.inspections.createArea({ name: 'Kensington alleyways', boundary: ALLEYWAYS, startedOn: past[1].startsOn });

  // This tranche, drawn from today, so the inspector has a day's transects on the tablet.
  const tranche = await deps.inspections.createTranche({ ...current, samplePerWard: 8, seed: 'demo-current' });
  // From the last working day, so a demo opened at the weekend still has transects on the tablet (due Friday, shown as overdue).
  let firstDay = today;
  while ([0, 6].includes(new Date(`${firstDay}T12:00:00Z`).getUTCDay())) firstDay = addDays(firstDay, -1);
  const drawn = await deps.inspections.drawTranche(tranche.id, { firstDay });
  const todayVisits = (await deps.inspections.visitsFor({ id: inspector.id, email: DEMO_INSPECTOR.email, name: DEMO_INSPECTOR.name, role: 'inspector', crewId: null })).visits.length;
  return { transects: transects.length, surveys, todayVisits: Math.min(todayVisits, drawn.drawn) };
}
