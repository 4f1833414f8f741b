import KDBush from 'kdbush';
import { NotFoundError, ValidationError } from '../errors.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { PostcodeRepository } from './postcode.repository.js';

/** "l7 1ab", " L71AB " → "L71AB". */
export function compactPostcode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

export interface PostcodeView {
  postcode: string;
  lat: number;
  lng: number;
  ward: { code: string; name: string } | null;
}

/** The shipped postcodes' points in a static k-d tree: every new work order asks for its nearest postcode. */
interface PointIndex {
  tree: KDBush;
  points: { display: string; lat: number; lng: number }[];
}

export class PostcodeService {
  private index: Promise<PointIndex> | null = null;

  constructor(
    private readonly postcodes: PostcodeRepository,
    private readonly wards: WardLocator,
  ) {}

  /** Built on first use; postcodes are reference data, loaded at start-up and never edited. An empty table is not cached (seeding may not have run yet). */
  private pointIndex(): Promise<PointIndex> {
    this.index ??= this.postcodes.points().then((points) => {
      if (!points.length) this.index = null;
      const tree = new KDBush(Math.max(1, points.length));
      for (const p of points) tree.add(p.lng, p.lat);
      tree.finish();
      return { tree, points };
    });
    return this.index;
  }

  async lookup(input: string): Promise<PostcodeView> {
    const compact = compactPostcode(input);
    if (!UK_POSTCODE.test(compact)) throw new ValidationError(`"${input}" is not a UK postcode.`, undefined, 'INVALID_POSTCODE');
    const row = await this.postcodes.findByCompact(compact);
    if (!row) throw new NotFoundError('POSTCODE_NOT_FOUND', `We don't know the postcode ${input.toUpperCase().trim()}. Check it, or drop a pin on the map instead.`);
    const ward = row.wardCode ? this.wards.ward(row.wardCode) : undefined;
    return { postcode: row.display, lat: row.lat, lng: row.lng, ward: ward ? { code: ward.code, name: ward.name } : null };
  }

  /**
   * Nearest known postcode to a point, within about 450 m: how a job is described to crews and councillors
   * without a street database. Searches a small box first and widens it only when the box holds nothing
   * nearer than its own half-width (in a city that is rare), since a wide box holds hundreds of postcodes.
   */
  async nearest(lat: number, lng: number): Promise<string | null> {
    const { tree, points } = await this.pointIndex();
    if (!points.length) return null;
    const k = Math.cos((lat * Math.PI) / 180);
    let best: string | null = null;
    for (const d of [0.0005, 0.001, 0.002, 0.004]) {
      // d degrees of latitude north and south; the same distance east and west is d / k degrees of longitude.
      let bestD = Infinity;
      for (const i of tree.range(lng - d / k, lat - d, lng + d / k, lat + d)) {
        const r = points[i];
        const dd = (r.lat - lat) ** 2 + ((r.lng - lng) * k) ** 2;
        if (dd < bestD) {
          bestD = dd;
          best = r.display;
        }
      }
      // Anything outside the box is further than d: the best inside is the nearest if it is within d.
      if (bestD <= d * d) return best;
    }
    return best;
  }
}
