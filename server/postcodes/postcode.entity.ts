import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface Postcode {
  /** Upper case, no spaces: the lookup key. */
  compact: string;
  /** As Royal Mail writes it: "L7 1AB". */
  display: string;
  lat: number;
  lng: number;
  wardCode: string | null;
}

export const PostcodeEntity = new EntitySchema<Postcode>({
  name: 'Postcode',
  tableName: 'postcode',
  columns: {
    compact: col.str(8, { primary: true }),
    display: col.str(9),
    lat: col.float(),
    lng: col.float(),
    wardCode: col.str(12, { name: 'ward_code', nullable: true }),
  },
});
