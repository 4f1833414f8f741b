import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

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
