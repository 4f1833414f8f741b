/**
 * Today's transects drawn as a small vector map: no tiles and no map library,
 * so it shows in a back alley with no signal. Each transect is numbered as
 * in the list; graded ones are ticked; the tablet's position is a blue dot.
 */
import type { SurveyVisit } from './survey-state.ts';

type Pt = [number, number];

function pointsOf(v: SurveyVisit): Pt[] {
  const g = v.transect.geometry;
  return (g.type === 'LineString' ? (g.coordinates as Pt[]) : ((g.coordinates[0] as Pt[]) ?? [])).map((p) => [p[0], p[1]]);
}

export function TransectMap({ visits, done, position, selected, height = 320 }: { visits: SurveyVisit[]; done: (v: SurveyVisit) => boolean; position: { lat: number; lng: number } | null; selected?: string; height?: number }) {
  if (!visits.length) return null;
  const all = visits.flatMap(pointsOf);
  if (position) all.push([position.lng, position.lat]);
  const lngs = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  // A margin of a fifth of the spread (at least about 30 m), so close transects fill the map.
  const pad = Math.max(0.0003, 0.2 * Math.max(Math.max(...lngs) - Math.min(...lngs), Math.max(...lats) - Math.min(...lats)));
  const [minX, maxX, minY, maxY] = [Math.min(...lngs) - pad, Math.max(...lngs) + pad, Math.min(...lats) - pad, Math.max(...lats) + pad];
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const w = 1000;
  const scale = Math.min(w / ((maxX - minX) * kx), height / (maxY - minY));
  const ox = (w - (maxX - minX) * kx * scale) / 2;
  const oy = (height - (maxY - minY) * scale) / 2;
  const xy = ([lng, lat]: Pt): Pt => [ox + (lng - minX) * kx * scale, oy + (maxY - lat) * scale];
  return (
    <svg class="transect-map" viewBox={`0 0 ${w} ${height}`} role="img" aria-label={`Map of ${visits.length} transects`} data-testid="transect-map">
      <rect x="0" y="0" width={w} height={height} fill="#f3f1ea" />
      {visits.map((v, i) => {
        const pts = pointsOf(v).map(xy);
        const [cx, cy] = xy([v.transect.lng, v.transect.lat]);
        const isDone = done(v);
        const colour = isDone ? '#1b7f3b' : v.id === selected ? '#b10e1e' : '#0b3c8c';
        return (
          <g key={v.id}>
            {v.transect.geometry.type === 'Polygon' ? (
              <polygon points={pts.map((p) => p.join(',')).join(' ')} fill={colour} fill-opacity="0.25" stroke={colour} stroke-width="4" />
            ) : (
              <polyline points={pts.map((p) => p.join(',')).join(' ')} fill="none" stroke={colour} stroke-width="9" stroke-linecap="round" />
            )}
            <circle cx={cx} cy={cy - 22} r="16" fill={colour} />
            <text x={cx} y={cy - 16} text-anchor="middle" font-size="18" font-weight="800" fill="#fff">{isDone ? '✓' : i + 1}</text>
          </g>
        );
      })}
      {position && (() => {
        const [px, py] = xy([position.lng, position.lat]);
        return <circle cx={px} cy={py} r="10" fill="#1a5fff" stroke="#fff" stroke-width="4"><title>You are here</title></circle>;
      })()}
    </svg>
  );
}
