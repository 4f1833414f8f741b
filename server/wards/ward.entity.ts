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
