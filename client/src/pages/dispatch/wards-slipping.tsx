/** On the dispatcher's board: wards whose litter or detritus got worse since the previous survey tranche, with a link to each ward's figures. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import { shareText, TrendBadge } from '../cleanliness/index-view.tsx';

type Summary = ApiResponse<'inspections.index.wards'>;

export function WardsSlipping() {
  const [rows, setRows] = useState<Summary | null>(null);
  useEffect(() => {
    api.get<Summary>('/api/inspections/index').then(setRows, () => setRows([]));
  }, []);
  if (!rows || !rows.length) return null;
  const slipping = rows.filter((r) => r.slipping);
  return (
    <aside class="wards-slipping" aria-labelledby="wards-slipping-title" data-testid="wards-slipping">
      <h2 id="wards-slipping-title">{slipping.length ? `Wards slipping (${slipping.length})` : 'No ward slipping'} <span class="muted small">· cleanliness surveys, latest tranche</span></h2>
      <ul class="slipping-list">
        {(slipping.length ? slipping : rows.slice(0, 3)).map((r) => (
          <li key={r.ward.code} class={r.slipping ? '' : 'steady'}>
            <a href={`/cleanliness/${r.ward.code}`}>{r.ward.name}</a>
            <span>
              Litter {shareText(r.litter)} <TrendBadge t={r.litterTrend} /> · Detritus {shareText(r.detritus)} <TrendBadge t={r.detritusTrend} />
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
