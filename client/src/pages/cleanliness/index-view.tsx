/**
 * A ward's (or area's) cleanliness index, shared by the public ward page and
 * the councillor's dashboard: per tranche, the share of surveyed transects
 * below grade B for each element with its 95 % interval, as bars with
 * whiskers and as a table, and which way it moved since the tranche before.
 */
import type { ApiResponse } from '../../api/types.ts';
import './cleanliness.css';
import { ELEMENTS, type ElementKey } from './vocabulary.ts';

export type WardIndex = ApiResponse<'inspections.index.ward'>;
export type TranchePoint = WardIndex['tranches'][number];
type Share = TranchePoint['index']['elements'][ElementKey];
type Trend = WardIndex['trend'][ElementKey];

export function shareText(e: Share | null | undefined): string {
  if (!e || e.percent === null) return 'not surveyed';
  return `${e.percent.toFixed(1)}%`;
}

export function intervalText(e: Share | null | undefined): string {
  if (!e || e.low === null || e.high === null) return '';
  return `${e.low.toFixed(0)}–${e.high.toFixed(0)}%`;
}

export function trendText(t: Trend): string {
  if (t.direction === 'unknown' || t.change === null) return 'no earlier survey';
  const pts = `${Math.abs(t.change).toFixed(1)} points`;
  if (t.direction === 'better') return `better by ${pts}`;
  if (t.direction === 'worse') return `worse by ${pts}`;
  return 'about the same';
}

export function TrendBadge({ t }: { t: Trend }) {
  const arrow = t.direction === 'better' ? '▼' : t.direction === 'worse' ? '▲' : t.direction === 'same' ? '●' : '–';
  return <span class={`trend trend-${t.direction}`}><span aria-hidden="true">{arrow}</span> {trendText(t)}</span>;
}

/** One tile per element for the latest tranche: its share below grade B, its interval (after rangeLabel) and its trend. */
export function IndexTiles({ latest, trend, rangeLabel }: { latest: TranchePoint; trend: WardIndex['trend']; rangeLabel: string }) {
  return (
    <div class="index-tiles">
      {ELEMENTS.map((e) => (
        <div class="index-tile" key={e.key}>
          <span class="sub">{e.label}</span>
          <span class="big">{shareText(latest.index.elements[e.key])}</span>
          <span class="sub">{rangeLabel} {intervalText(latest.index.elements[e.key]) || '—'}</span>
          <TrendBadge t={trend[e.key]} />
        </div>
      ))}
    </div>
  );
}

/** Bars for litter and detritus per tranche (lower is better), each with its 95 % interval. */
export function IndexBars({ points, label }: { points: { label: string; point: TranchePoint | null }[]; label: string }) {
  const w = 640;
  const h = 220;
  const top = 16;
  const bottom = h - 34;
  const left = 40;
  const groupW = (w - left) / Math.max(1, points.length);
  const barW = Math.min(46, (groupW - 24) / 2);
  const y = (pct: number) => bottom - (pct / 100) * (bottom - top);
  return (
    <svg class="index-bars" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={w} y1={y(v)} y2={y(v)} class="grid" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" class="axis">{v}%</text>
        </g>
      ))}
      {points.map((p, i) => {
        const gx = left + i * groupW + (groupW - 2 * barW) / 2;
        return (
          <g key={p.label}>
            {(['litter', 'detritus'] as const).map((k, j) => {
              const e = p.point?.index.elements[k];
              const x = gx + j * (barW + 4);
              if (!e || e.percent === null) return <text key={k} x={x + barW / 2} y={bottom - 6} text-anchor="middle" class="axis">n/a</text>;
              return (
                <g key={k}>
                  <rect x={x} y={y(e.percent)} width={barW} height={bottom - y(e.percent)} class={`bar bar-${k}`} />
                  <line x1={x + barW / 2} x2={x + barW / 2} y1={y(e.low ?? 0)} y2={y(e.high ?? 0)} class="whisker" />
                  <line x1={x + barW / 2 - 6} x2={x + barW / 2 + 6} y1={y(e.low ?? 0)} y2={y(e.low ?? 0)} class="whisker" />
                  <line x1={x + barW / 2 - 6} x2={x + barW / 2 + 6} y1={y(e.high ?? 0)} y2={y(e.high ?? 0)} class="whisker" />
                  <text x={x + barW / 2} y={Math.min(y(e.percent), y(e.high ?? 0)) - 5} text-anchor="middle" class="value">{Math.round(e.percent)}%</text>
                </g>
              );
            })}
            <text x={left + i * groupW + groupW / 2} y={h - 14} text-anchor="middle" class="label">{p.label}</text>
          </g>
        );
      })}
      <line x1={left} x2={w} y1={bottom} y2={bottom} class="baseline" />
    </svg>
  );
}

export function BarsLegend() {
  return (
    <p class="bars-legend small">
      <span class="key key-litter" aria-hidden="true" /> Litter <span class="key key-detritus" aria-hidden="true" /> Detritus <span class="key-whisker" aria-hidden="true">I</span> 95% interval
    </p>
  );
}

export function IndexTable({ points, caption }: { points: TranchePoint[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="index-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tranche</th>
            <th scope="col">Transects</th>
            {ELEMENTS.map((e) => <th scope="col" key={e.key}>{e.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.trancheId}>
              <th scope="row">{p.trancheName}</th>
              <td>{p.index.surveyed}</td>
              {ELEMENTS.map((e) => (
                <td key={e.key}>
                  <strong>{shareText(p.index.elements[e.key])}</strong>
                  <span class="ci"> {intervalText(p.index.elements[e.key])}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const HOW_WE_COUNT =
  'Inspectors grade a random sample of transects (about 50 m of street, stratified by land use) three times a year. Each figure is the share of surveyed transects below an acceptable standard (grade B- or worse); lower is better. The range is the 95% Wilson interval: with few transects the true share could be anywhere in it.';
