/** Every open job on the map, filtered by ward, category and status; a marker selects its triage card. */
import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { jobIcon } from '../../components/leaflet-kit.ts';
import { escapeHtml, LeafletMap } from '../../components/map.tsx';
import { OPEN_STATUSES, type WorkOrder } from '../../work-orders.ts';
import { statusWords } from '../track.tsx';
import type { BoardContext } from './board.ts';

export function OpenJobsMap({ open, ctx, selected, onSelect }: { open: WorkOrder[]; ctx: BoardContext; selected: string | null; onSelect: (id: string) => void }) {
  const [ward, setWard] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('');
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const [ready, setReady] = useState(false);
  const fitted = useRef(false);

  const shown = open.filter((w) => (!ward || w.wardCode === ward) && (!category || w.categoryCode === category) && (!status || w.status === status));

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    const group = L.layerGroup();
    for (const w of shown) {
      const m = L.marker([w.lat, w.lng], { icon: jobIcon(w.deadlineState, w.id === selected), title: `${w.reference} ${ctx.catName(w.categoryCode)}`, keyboard: true });
      m.bindPopup(
        `<strong>${escapeHtml(w.reference)}</strong><br>${escapeHtml(ctx.catName(w.categoryCode))}<br>${escapeHtml(statusWords(w.status))}<br><a href="/work-orders/${encodeURIComponent(w.id)}" data-nav>Open job</a>`,
      );
      m.on('click', () => onSelect(w.id));
      group.addLayer(m);
    }
    group.addTo(map);
    layerRef.current = group;
    if (!fitted.current && shown.length) {
      fitted.current = true;
      map.fitBounds(L.latLngBounds(shown.map((w) => [w.lat, w.lng] as L.LatLngTuple)), { padding: [40, 40], maxZoom: 15 });
    }
  }, [shown.map((w) => `${w.id}:${w.version}:${w.deadlineState}`).join(), selected, ready]);

  const wards = [...ctx.wardNames.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <>
      <div class="filters row" role="group" aria-label="Filter the map">
        <div>
          <label for="f-ward">Ward</label>
          <select id="f-ward" class="short" value={ward} onChange={(e) => setWard(e.currentTarget.value)}>
            <option value="">All wards</option>
            {wards.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </div>
        <div>
          <label for="f-cat">Category</label>
          <select id="f-cat" class="short" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">All categories</option>
            {ctx.categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </div>
        <div>
          <label for="f-status">Status</label>
          <select id="f-status" class="short" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">All open</option>
            {OPEN_STATUSES.map((s) => <option key={s} value={s}>{statusWords(s)}</option>)}
          </select>
        </div>
        <p class="small muted" aria-live="polite">{shown.length} of {open.length} open jobs shown</p>
      </div>
      <div class="legend" aria-hidden="true">
        <span><i class="on_time" /> On time</span>
        <span><i class="at_risk" /> At risk</span>
        <span><i class="overdue" /> Overdue</span>
      </div>
      <LeafletMap
        label="Map of open jobs, coloured by deadline"
        class="map board-map"
        zoom={13}
        onReady={(m) => {
          mapRef.current = m;
          // Links inside popups navigate within the app.
          m.on('popupopen', (e: L.PopupEvent) => {
            e.popup.getElement()?.querySelector<HTMLAnchorElement>('a[data-nav]')?.addEventListener('click', (ev) => {
              ev.preventDefault();
              history.pushState(null, '', (ev.currentTarget as HTMLAnchorElement).getAttribute('href')!);
              dispatchEvent(new PopStateEvent('popstate'));
            });
          });
          setReady(true);
        }}
      />
    </>
  );
}
