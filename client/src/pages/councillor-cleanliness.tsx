/** The councillor's view of their ward's cleanliness surveys: latest index, trend, history and the partnership's before/after. */
import { BarsLegend, HOW_WE_COUNT, IndexBars, IndexTable, IndexTiles } from './cleanliness/index-view.tsx';
import { useWardIndex } from './cleanliness/ward-index.ts';

export function CouncillorCleanliness({ ward }: { ward: string }) {
  const { index, areas, error } = useWardIndex(ward);
  if (error) return <p class="banner error" role="alert">Cleanliness surveys: {error}</p>;
  if (!index || !index.tranches.length) return null;
  const latest = index.tranches[index.tranches.length - 1];
  return (
    <section aria-labelledby="cleanliness-title" data-testid="councillor-cleanliness">
      <h2 id="cleanliness-title">Street cleanliness surveys</h2>
      <p>
        Latest tranche: <strong>{latest.trancheName}</strong>, {latest.index.surveyed} transects. Share below grade B (lower is better).{' '}
        <a href={`/cleanliness/${ward}`}>Public page for residents</a>
      </p>
      <IndexTiles latest={latest} trend={index.trend} rangeLabel="95% range" />
      <div class="two-col">
        <div>
          <h3>By tranche</h3>
          <BarsLegend />
          <IndexBars points={index.tranches.map((p) => ({ label: p.trancheName, point: p }))} label={`Litter and detritus below grade B in ${index.ward.name}, by tranche`} />
        </div>
        {areas.map((a) => (
          <div key={a.area.id}>
            <h3>{a.area.name}: before and since the partnership ({a.area.startedOn})</h3>
            <BarsLegend />
            <IndexBars points={[{ label: `Before: ${a.before?.trancheName ?? 'no survey'}`, point: a.before }, { label: `Since: ${a.after?.trancheName ?? 'none yet'}`, point: a.after }]} label={`${a.area.name} before and since the partnership`} />
          </div>
        ))}
      </div>
      <IndexTable points={index.tranches} caption={`Cleanliness survey results for ${index.ward.name}`} />
      <p class="small muted">{HOW_WE_COUNT}</p>
    </section>
  );
}
