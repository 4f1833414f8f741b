/**
 * Checks on a zone's boundary beyond its JSON shape (zod checks that): rings
 * closed and with at least 4 positions, coordinates on the globe, no ring
 * crossing itself, and some overlap with the council's wards. Pure functions,
 * so the rules are unit-testable and the service only says what to do with them.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

export type ZoneGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;
export interface GeometryProblem {
  field: string;
  message: string;
}

/** A boundary larger than this is a mistake (a pasted coastline), and would slow every report's lookup. */
export const MAX_POSITIONS = 5000;

type Position = number[];

function polygonsOf(g: ZoneGeometry): { rings: Position[][]; path: string }[] {
  return g.type === 'Polygon'
    ? [{ rings: g.coordinates, path: 'boundary.coordinates' }]
    : g.coordinates.map((rings, i) => ({ rings, path: `boundary.coordinates.${i}` }));
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Twice the signed area (shoelace), in squared degrees; 0 for a ring with no area. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function orientation(p: Position, q: Position, r: Position): number {
  const v = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]);
  return v === 0 ? 0 : v > 0 ? 1 : 2;
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, q2, q1)) || (o3 === 0 && onSegment(p2, p1, q2)) || (o4 === 0 && onSegment(p2, q1, q2));
}

/** Whether two non-adjacent edges of a closed ring touch or cross (a "bow tie"), which makes inside/outside ambiguous. */
function selfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1; // edges; the last position repeats the first
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a corner
      if (segmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

/** Everything wrong with the boundary's rings, each with the path of the ring or position at fault. */
export function geometryProblems(g: ZoneGeometry): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  let total = 0;
  for (const { rings, path } of polygonsOf(g)) {
    if (!rings.length) problems.push({ field: path, message: 'a polygon needs an outer ring' });
    rings.forEach((ring, r) => {
      const at = `${path}.${r}`;
      total += ring.length;
      const bad = ring.findIndex((p) => p.length < 2 || p.length > 3 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
      if (bad >= 0) {
        problems.push({ field: `${at}.${bad}`, message: 'must be [longitude, latitude] with longitude −180…180 and latitude −90…90' });
        return;
      }
      if (ring.length < 4) {
        problems.push({ field: at, message: 'a ring needs at least 4 positions (3 corners and the first one again to close it)' });
        return;
      }
      if (!samePosition(ring[0], ring[ring.length - 1])) {
        problems.push({ field: at, message: 'the ring is not closed: its last position must repeat the first' });
        return;
      }
      // Crossing first: a symmetric bow tie also has zero signed area, and "crosses itself" is the useful message.
      if (ring.length <= 1000 && selfIntersects(ring)) {
        problems.push({ field: at, message: 'the ring crosses itself; draw the corners in order around the edge' });
        return;
      }
      if (signedArea2(ring) === 0) problems.push({ field: at, message: 'the ring has no area (its corners are on one line)' });
    });
  }
  if (total > MAX_POSITIONS) problems.push({ field: 'boundary', message: `has ${total} positions; at most ${MAX_POSITIONS}` });
  return problems;
}

function outerRings(g: ZoneGeometry): Position[][] {
  return g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
}

/**
 * Whether the zone and any ward share some ground: a corner of one inside
 * the other (enough for a zone drawn inside a ward, across wards, or around
 * the whole city), or two edges crossing (a thin strip over a ward's corner).
 */
export function overlapsAny(zone: ZoneGeometry, wards: ZoneGeometry[]): boolean {
  const zoneCorners = outerRings(zone).flat();
  const box = bounds(zoneCorners);
  for (const ward of wards) {
    const wardCorners = outerRings(ward).flat();
    const wb = bounds(wardCorners);
    if (wb[0] > box[2] || wb[2] < box[0] || wb[1] > box[3] || wb[3] < box[1]) continue;
    if (zoneCorners.some((p) => booleanPointInPolygon([p[0], p[1]], ward))) return true;
    if (wardCorners.some((p) => booleanPointInPolygon([p[0], p[1]], zone))) return true;
    // Edge against edge only for sizes where that stays cheap; corner tests above catch every ordinary drawing.
    for (const zr of outerRings(zone)) for (const wr of outerRings(ward)) if (zr.length * wr.length <= 2_000_000 && ringsCross(zr, wr)) return true;
  }
  return false;
}

function ringsCross(a: Position[], b: Position[]): boolean {
  for (let i = 0; i < a.length - 1; i++) for (let j = 0; j < b.length - 1; j++) if (segmentsIntersect(a[i], a[i + 1], b[j], b[j + 1])) return true;
  return false;
}

function bounds(ps: Position[]): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ps) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
