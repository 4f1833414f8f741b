/**
 * Liverpool reference data shipped with the project (see db/seed-data/ATTRIBUTION.md):
 * the 30 wards (2004–2023 boundaries), every Liverpool postcode from OS
 * Code-Point Open (converted from British National Grid to WGS84 with proj4),
 * the default categories and demo zones. Idempotent: each part loads only into
 * an empty table, so an administrator's edits are never overwritten.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import type { Database } from '../../db/data-source.js';
import type { Category } from '../categories/category.entity.js';
import { CategoryRepository } from '../categories/category.repository.js';
import { FLY_TIP_LAND_TYPES, FLY_TIP_SIZES, FLY_TIP_WASTE_TYPES } from '../categories/defra.js';
import type { Postcode } from '../postcodes/postcode.entity.js';
import { PostcodeRepository } from '../postcodes/postcode.repository.js';
import type { Ward } from '../wards/ward.entity.js';
import { WardRepository } from '../wards/ward.repository.js';
import type { Zone } from '../zones/zone.entity.js';
import { ZoneRepository } from '../zones/zone.repository.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEED_DATA_DIR = [path.resolve(here, '../../db/seed-data'), path.resolve(here, '../../../db/seed-data')].find((p) => {
  try {
    readFileSync(path.join(p, 'liverpool-wards-2013-uk-geojson.json'), { flag: 'r' });
    return true;
  } catch {
    return false;
  }
})!;

export const LIVERPOOL_DISTRICT = 'E08000012';
export const KENSINGTON_WARD = 'E05000899';

proj4.defs(
  'EPSG:27700',
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
);

export function loadWards(): Ward[] {
  const fc = JSON.parse(readFileSync(path.join(SEED_DATA_DIR, 'liverpool-wards-2013-uk-geojson.json'), 'utf8')) as GeoJSON.FeatureCollection;
  return fc.features.map((f) => ({
    code: String(f.properties!.WD13CD),
    name: String(f.properties!.WD13NM),
    boundary: f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon,
  }));
}

/** Code-Point Open rows for Liverpool district, converted to WGS84. */
export function loadPostcodes(): Postcode[] {
  const text = readFileSync(path.join(SEED_DATA_DIR, 'codepoint-open-2014-08-l.csv'), 'utf8');
  const toWgs84 = proj4('EPSG:27700', 'EPSG:4326');
  const out: Postcode[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const [pc, , easting, northing, , , , , district, ward] = cells;
    if (district !== LIVERPOOL_DISTRICT) continue;
    const [lng, lat] = toWgs84.forward([Number(easting), Number(northing)]);
    const compact = pc.replace(/\s+/g, '');
    out.push({
      compact,
      display: `${compact.slice(0, -3)} ${compact.slice(-3)}`,
      lat: Math.round(lat * 1e6) / 1e6,
      lng: Math.round(lng * 1e6) / 1e6,
      wardCode: ward || null,
    });
  }
  return out;
}

const count = (code: string, label: string, max = 500) => ({ code, label, type: 'number' as const, required: true, min: 1, max });

export function defaultCategories(): Category[] {
  const base = { description: '', hazard: false, autoAccept: false, requiredSkill: 'general', dedupeRadiusM: 50, serviceMinutes: 20, requiresBeforePhoto: true, active: true, quantities: [] };
  const bags = { code: 'bags', label: 'Bags filled', unit: 'bags', min: 0, max: 200 };
  return [
    {
      ...base, code: 'sharps', name: 'Needles and sharps', groupName: 'Hazards', icon: 'syringe', sortOrder: 10,
      description: 'Discarded needles, syringes or other sharps. Do not touch them.',
      slaPolicy: { kind: 'hours', hours: 2 }, hazard: true, autoAccept: true, requiredSkill: 'sharps', dedupeRadiusM: 25, serviceMinutes: 15,
      questions: [
        count('item_count', 'About how many items?'),
        { code: 'near_play_area', label: 'Is it near where children play?', type: 'boolean', required: true },
      ],
      quantities: [{ code: 'sharps_count', label: 'Sharps removed', unit: 'items', min: 0, max: 1000 }],
    },
    {
      ...base, code: 'condoms', name: 'Used condoms and drug litter', groupName: 'Hazards', icon: 'biohazard', sortOrder: 20,
      description: 'Used condoms, foil, and other drug-related litter.',
      slaPolicy: { kind: 'hours', hours: 4 }, hazard: true, autoAccept: true, requiredSkill: 'sharps', dedupeRadiusM: 25, serviceMinutes: 15,
      questions: [count('item_count', 'About how many items?')],
      quantities: [{ code: 'condoms_count', label: 'Condoms removed', unit: 'items', min: 0, max: 1000 }, bags],
    },
    {
      ...base, code: 'fly-tipping', name: 'Fly-tipping', groupName: 'Dumped rubbish', icon: 'sofa', sortOrder: 30,
      description: 'Rubbish or items dumped illegally: bags, furniture, building waste.',
      slaPolicy: { kind: 'working_days', days: 2 }, requiredSkill: 'fly-tip-van', serviceMinutes: 30,
      questions: [
        { code: 'size', label: 'How much is there?', type: 'single', required: true, options: FLY_TIP_SIZES },
        { code: 'waste_type', label: 'What is it mostly?', type: 'single', required: true, options: FLY_TIP_WASTE_TYPES },
        { code: 'land_type', label: 'Where is it?', type: 'single', required: false, options: FLY_TIP_LAND_TYPES },
      ],
      quantities: [bags, { code: 'estimated_kg', label: 'Estimated weight', unit: 'kg', min: 0, max: 20000 }],
    },
    {
      ...base, code: 'litter', name: 'Litter', groupName: 'Street cleaning', icon: 'litter', sortOrder: 40,
      description: 'Loose litter on a street, path or open space.',
      slaPolicy: { kind: 'zone' }, questions: [], quantities: [bags],
    },
    {
      ...base, code: 'graffiti', name: 'Graffiti', groupName: 'Graffiti', icon: 'spray', sortOrder: 50,
      description: 'Graffiti on walls, shutters or street furniture.',
      slaPolicy: { kind: 'working_days', days: 5 }, requiredSkill: 'graffiti-removal', serviceMinutes: 45,
      questions: [{ code: 'offensive', label: 'Is it offensive, racist or hateful?', type: 'boolean', required: true, routesTo: 'offensive-graffiti' }],
      quantities: [{ code: 'area_m2', label: 'Area cleaned', unit: 'm²', min: 0, max: 500 }],
    },
    {
      ...base, code: 'offensive-graffiti', name: 'Offensive graffiti', groupName: 'Graffiti', icon: 'spray-alert', sortOrder: 55,
      description: 'Offensive, racist or hateful graffiti: removed within 24 hours.',
      slaPolicy: { kind: 'hours', hours: 24 }, autoAccept: true, requiredSkill: 'graffiti-removal', serviceMinutes: 45,
      questions: [], quantities: [{ code: 'area_m2', label: 'Area cleaned', unit: 'm²', min: 0, max: 500 }],
    },
    {
      ...base, code: 'dead-animal', name: 'Dead animal', groupName: 'Hazards', icon: 'paw', sortOrder: 60,
      description: 'A dead animal on a street or public space.',
      slaPolicy: { kind: 'working_days', days: 1 }, serviceMinutes: 20,
      questions: [{ code: 'animal', label: 'What kind of animal?', type: 'single', required: false, options: [
        { key: 'cat_dog', label: 'Cat or dog' }, { key: 'bird', label: 'Bird' }, { key: 'fox', label: 'Fox' }, { key: 'other', label: 'Other' },
      ] }],
    },
    {
      ...base, code: 'overflowing-bin', name: 'Overflowing litter bin', groupName: 'Street cleaning', icon: 'bin', sortOrder: 70,
      description: 'A public litter bin that is full or overflowing.',
      slaPolicy: { kind: 'hours', hours: 2 }, requiresBeforePhoto: false, serviceMinutes: 10, questions: [], quantities: [bags],
    },
    {
      ...base, code: 'detritus', name: 'Detritus (leaves, grit, mud)', groupName: 'Street cleaning', icon: 'leaf', sortOrder: 80,
      description: 'Build-up of leaves, grit or mud on pavements and gutters.',
      slaPolicy: { kind: 'zone' }, questions: [], quantities: [bags], serviceMinutes: 30,
    },
  ];
}

/**
 * Demo zones for Kensington and Fairfield: zone 1 over the Kensington high
 * street and the shops at the south end of Sheil Road (an approximation drawn
 * for the demo, not a council map); everything else falls to the default zone 2.
 */
export function demoZones(): Zone[] {
  return [
    {
      id: randomUUID(),
      name: 'Kensington and Sheil Road shops (demo)',
      zone: 1,
      note: 'Demo data: drawn by hand around the Kensington (A57) shopping street and lower Sheil Road. Not an official zone map.',
      boundary: {
        type: 'Polygon',
        coordinates: [[
          [-2.9575, 53.4083], [-2.9400, 53.4098], [-2.9400, 53.4112], [-2.9447, 53.4110], [-2.9443, 53.4160],
          [-2.9468, 53.4160], [-2.9472, 53.4108], [-2.9575, 53.4097], [-2.9575, 53.4083],
        ]],
      },
    },
  ];
}

export async function seedReferenceData(db: Database, opts: { zones?: boolean } = {}): Promise<{ wards: number; postcodes: number; categories: number; zones: number }> {
  const result = { wards: 0, postcodes: 0, categories: 0, zones: 0 };
  const categories = new CategoryRepository(db);
  const wardRows = new WardRepository(db);
  const postcodeRows = new PostcodeRepository(db);
  const zoneRows = new ZoneRepository(db);
  await db.transaction(async (em) => {
    if ((await wardRows.count(em)) === 0) {
      const wards = loadWards();
      await wardRows.insertMany(wards, em);
      result.wards = wards.length;
    }
    if ((await postcodeRows.count(em)) === 0) {
      const rows = loadPostcodes();
      await postcodeRows.insertMany(rows, em);
      result.postcodes = rows.length;
    }
    if ((await categories.seedCount(em)) === 0) {
      const cats = defaultCategories();
      for (const c of cats) await categories.seedInsert(c, em);
      result.categories = cats.length;
    }
    if (opts.zones !== false && (await zoneRows.count(em)) === 0) {
      const zones = demoZones();
      for (const z of zones) await zoneRows.insert(z, em);
      result.zones = zones.length;
    }
  });
  return result;
}
