/**
 * Point → ward and point → zone, with an R-tree over polygon bounding boxes
 * so a lookup tests only the one or two polygons whose box holds the point.
 * Built once from the database at start and rebuilt when zones are edited.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import RBush from 'rbush';
import type { Zone } from '../zones/zone.entity.js';
import type { Ward } from './ward.entity.js';

interface Indexed<T> {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  item: T;
}

type Geometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

function bbox(g: Geometry): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

class PolygonIndex<T extends { boundary: Geometry }> {
  private tree = new RBush<Indexed<T>>();
  load(items: T[]): void {
    this.tree = new RBush<Indexed<T>>();
    this.tree.load(items.map((item) => { const [minX, minY, maxX, maxY] = bbox(item.boundary); return { minX, minY, maxX, maxY, item }; }));
  }
  find(lat: number, lng: number): T[] {
    return this.tree
      .search({ minX: lng, minY: lat, maxX: lng, maxY: lat })
      .filter((c) => booleanPointInPolygon([lng, lat], c.item.boundary))
      .map((c) => c.item);
  }
}

export interface WardRef {
  code: string;
  name: string;
}

/** Where the locator loads its polygons from (WardRepository and ZoneRepository). */
export interface WardSource {
  all(): Promise<Ward[]>;
}
export interface ZoneSource {
  all(): Promise<Zone[]>;
}

export class WardLocator {
  private wards = new PolygonIndex<Ward>();
  private zones = new PolygonIndex<Zone>();
  private byCode = new Map<string, Ward>();

  constructor(
    private readonly wardSource: WardSource,
    private readonly zoneSource: ZoneSource,
    private readonly defaultZone: number,
  ) {}

  async reload(): Promise<void> {
    const wards = await this.wardSource.all();
    const zones = await this.zoneSource.all();
    this.wards.load(wards);
    this.zones.load(zones);
    this.byCode = new Map(wards.map((w) => [w.code, w]));
  }

  wardAt(lat: number, lng: number): WardRef | null {
    const w = this.wards.find(lat, lng)[0];
    return w ? { code: w.code, name: w.name } : null;
  }

  /** The strictest (lowest-numbered) zone containing the point, else the configured default. */
  zoneAt(lat: number, lng: number): number {
    const hits = this.zones.find(lat, lng).map((z) => z.zone);
    return hits.length ? Math.min(...hits) : this.defaultZone;
  }

  ward(code: string): Ward | undefined {
    return this.byCode.get(code);
  }

  allWards(): Ward[] {
    return [...this.byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
