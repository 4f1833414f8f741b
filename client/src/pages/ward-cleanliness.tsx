/**
 * The public page of a ward's street cleanliness (/cleanliness/<ward code>):
 * the latest survey tranche, its trend and the history, and any partnership
 * area's before/after. Aggregates only: no report, address or person appears.
 * /cleanliness lists every surveyed ward.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { Link } from '../router.tsx';
import { BarsLegend, HOW_WE_COUNT, IndexBars, IndexTable, IndexTiles, shareText } from './cleanliness/index-view.tsx';
import { useWardIndex } from './cleanliness/ward-index.ts';

type Summary = ApiResponse<'inspections.index.wards'>;

export function WardCleanlinessPage({ code }: { code: string }) {
  const { index, areas, error } = useWardIndex(code);
  useEffect(() => {
    if (index) document.title = `How clean are the streets of ${index.ward.name}? – Kerbside`;
  }, [index]);
  if (error) return <div class="page"><p class="banner error" role="alert">{error}</p><p><Link href="/cleanliness">All wards</Link></p></div>;
  if (!index) return <p class="page"><span class="spinner" aria-hidden="true" /> Loading…</p>;
  const latest = index.tranches[index.tranches.length - 1];
  return (
    <div class="page ward-cleanliness" data-testid="ward-cleanliness">
      <p class="small"><Link href="/cleanliness">All wards</Link></p>
      <h1>How clean are the streets of {index.ward.name}?</h1>
      {!latest ? (
        <p>This ward has not been surveyed yet.</p>
      ) : (
        <>
          <p>
            In the latest survey ({latest.trancheName}), inspectors graded <strong>{latest.index.surveyed}</strong> stretches of street. The figures are the share that fell
            below an acceptable standard — <strong>lower is better</strong>.
          </p>
          <IndexTiles latest={latest} trend={index.trend} rangeLabel="range" />
          <h2>Over time</h2>
          <BarsLegend />
          <IndexBars points={index.tranches.map((p) => ({ label: p.trancheName.replace(/ tranche /, ' T'), point: p }))} label={`Litter and detritus below grade B in ${index.ward.name}, by survey tranche`} />
          <IndexTable points={index.tranches} caption={`Cleanliness survey results for ${index.ward.name}`} />
        </>
      )}
      {areas.map((a) => (
        <section key={a.area.id} aria-labelledby={`area-${a.area.id}`}>
          <h2 id={`area-${a.area.id}`}>{a.area.name}: before and since the partnership</h2>
          <p>The partnership began on {new Date(`${a.area.startedOn}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}. {a.transects} of the stretches of street we survey lie inside the area.</p>
          <IndexBars points={[{ label: `Before (${a.before?.trancheName ?? 'no survey'})`, point: a.before }, { label: `Since (${a.after?.trancheName ?? 'no survey yet'})`, point: a.after }]} label={`${a.area.name}: litter and detritus below grade B before and since the partnership`} />
        </section>
      ))}
      <h2>How we count</h2>
      <p class="small">{HOW_WE_COUNT}</p>
    </div>
  );
}

export function CleanlinessWardsPage() {
  const [rows, setRows] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'How clean are the streets? – Kerbside';
    api.get<Summary>('/api/inspections/index').then(setRows, (e) => setError(describeError(e)));
  }, []);
  if (error) return <div class="page"><p class="banner error" role="alert">{error}</p></div>;
  if (!rows) return <p class="page"><span class="spinner" aria-hidden="true" /> Loading…</p>;
  return (
    <div class="page">
      <h1>How clean are the streets?</h1>
      <p>Share of surveyed stretches of street below an acceptable standard in the latest survey; lower is better.</p>
      <ul class="slipping-list">
        {[...rows].sort((a, b) => a.ward.name.localeCompare(b.ward.name)).map((r) => (
          <li key={r.ward.code} class="steady">
            <Link href={`/cleanliness/${r.ward.code}`}>{r.ward.name}</Link>
            <span>Litter {shareText(r.litter)} · Detritus {shareText(r.detritus)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
