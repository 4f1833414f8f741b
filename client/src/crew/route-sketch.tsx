/**
 * A small map of the day's route drawn from the jobs' own coordinates: stops
 * in route order joined by a line, this job ringed. Drawn as SVG from data
 * already on the tablet, so it works with no signal and needs no map tiles.
 */
import type { CrewJob } from './model.ts';

export function RouteSketch({ jobs, current, label }: { jobs: CrewJob[]; current?: string; label: string }) {
  const pts = jobs.filter((j) => Number.isFinite(j.lat) && Number.isFinite(j.lng));
  if (!pts.length) return null;
  const W = 320;
  const H = 180;
  const pad = 18;
  const k = Math.cos((pts[0].lat * Math.PI) / 180);
  const xs = pts.map((j) => j.lng * k);
  const ys = pts.map((j) => j.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // At least ~300 m across, so a single job is not a dot in the middle of nothing.
  const span = Math.max(maxX - minX, maxY - minY, 0.003);
  const scale = Math.min((W - 2 * pad) / span, (H - 2 * pad) / span);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const at = (j: CrewJob) => [W / 2 + (j.lng * k - cx) * scale, H / 2 - (j.lat - cy) * scale] as const;
  const line = pts.map((j) => at(j).join(',')).join(' ');
  return (
    <figure class="route-sketch" data-testid="route-sketch">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <rect width={W} height={H} rx="10" class="sketch-bg" />
        {pts.length > 1 && <polyline points={line} class="sketch-line" />}
        {pts.map((j, i) => {
          const [x, y] = at(j);
          const here = j.id === current;
          return (
            <g key={j.id} class={here ? 'sketch-stop here' : 'sketch-stop'}>
              {here && <circle cx={x} cy={y} r="15" class="sketch-ring" />}
              <circle cx={x} cy={y} r="10" />
              <text x={x} y={y + 4} text-anchor="middle">{i + 1}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
