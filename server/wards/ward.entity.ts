import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface Ward {
  code: string; // ONS code, e.g. E05000899
  name: string;
  /** GeoJSON Polygon or MultiPolygon geometry, WGS84. */
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export const WardEntity = new EntitySchema<Ward>({
  name: 'Ward',
  tableName: 'ward',
  columns: {
    code: col.str(12, { primary: true }),
    name: col.str(120),
    boundary: col.json(),
  },
});

/** Code of Practice on Litter and Refuse zone: an area with a maximum response time. */
export interface Zone {
  id: string;
  name: string;
  zone: 1 | 2 | 3 | 4;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  note: string | null;
}

export const ZoneEntity = new EntitySchema<Zone>({
  name: 'Zone',
  tableName: 'zone',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(120),
    zone: col.int(),
    boundary: col.json(),
    note: col.text({ nullable: true }),
  },
});
