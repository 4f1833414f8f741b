/**
 * Every open job on the map, filtered by ward, category and status. A marker
 * selects its triage card and opens a popup with the job's summary and its
 * actions. Each crew's route for today is drawn in its colour, stop by stop
 * from the depot, with a filter for one crew. Beyond a few hundred markers
 * nearby jobs are clustered (supercluster), so 2,000 open jobs stay smooth.
 */
import * as L from 'leaflet';
import Supercluster from 'supercluster';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { jobIcon } from '../../components/leaflet-kit.ts';
import { escapeHtml, LeafletMap } from '../../components/map.tsx';
import { formatDateTime, londonToday } from '../../dates.ts';
import { dispatcherActions, OPEN_STATUSES, placeOf, type WorkOrder } from '../../work-orders.ts';
import { statusWords } from '../track.tsx';
import type { BoardContext } from './board.ts';

/** Distinct on the map and for colour-blind eyes as far as eight colours go. */
export const CREW_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#6a3d9a', '#333333'];
/** Above this many markers nearby ones are clustered. */
const CLUSTER_FROM = 300;

interface MapCrew {
  id: string;
  name: string;
  depotLat: number;
  depotLng: number;
}


export function OpenJobsMap({ open, ctx, selected, onSelect }: { open: WorkOrder[]; ctx: BoardContext; selected: string | null; onSelect: (id: string) => void }) {
  const [ward, setWard] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('');
  const [routeCrew, setRouteCrew] = useState('all');
  const [crews, setCrews] = useState<MapCrew[]>([]);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const routeLayerRef = useRef<L.LayerGroup | null>(null);
  const [ready, setReady] = useState(false);
  const [view, setView] = useState(0);
  const fitted = useRef(false);
  const clustering = useRef(false);
  const byId = useRef(new Map<string, WorkOrder>());
  const markers = useRef(new Map<string, L.Marker>());

  useEffect(() => {
    api.get<MapCrew[]>('/api/crews').then(setCrews, () => undefined);
  }, []);

  const shown = open.filter((w) => (!ward || w.wardCode === ward) && (!category || w.categoryCode === category) && (!status || w.status === status));
  byId.current = new Map(open.map((w) => [w.id, w]));
  const colourOf = (crewId: string) => CREW_COLOURS[Math.max(0, crews.findIndex((c) => c.id === crewId)) % CREW_COLOURS.length];
  const crewName = (crewId: string | null) => crews.find((c) => c.id === crewId)?.name ?? null;

  const popupHtml = (w: WorkOrder) => {
    const crew = crewName(w.crewId);
    return `<div class="map-popup" data-testid="map-popup">
      <strong>${escapeHtml(w.reference)}</strong> · ${escapeHtml(ctx.catName(w.categoryCode))}<br>
      ${escapeHtml(placeOf(w))}, ${escapeHtml(ctx.wardNames.get(w.wardCode) ?? w.ward?.name ?? w.wardCode)}<br>
      ${escapeHtml(statusWords(w.status))}${crew ? ` · ${escapeHtml(crew)}${w.routePosition ? `, stop ${w.routePosition}` : ''}` : ''}<br>
      Due ${escapeHtml(formatDateTime(w.dueAt))}${w.deadlineState === 'overdue' ? ' <strong class="bad-text">overdue</strong>' : w.deadlineState === 'at_risk' ? ' <strong>at risk</strong>' : ''}
      <div class="popup-actions">
        <a href="/work-orders/${encodeURIComponent(w.id)}" data-nav>Open job</a>
        ${w.status === 'new' ? `<button type="button" data-action="accept" data-id="${escapeHtml(w.id)}">Accept</button>` : ''}
        ${w.crewId && w.status !== 'in_progress' ? `<button type="button" data-action="unassign" data-id="${escapeHtml(w.id)}">Unassign</button>` : ''}
      </div>
    </div>`;
  };

  // Job markers (clustered when there are many).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    const group = L.layerGroup();
    markers.current = new Map();
    const marker = (w: WorkOrder) => {
      const m = L.marker([w.lat, w.lng], { icon: jobIcon(w.deadlineState, w.id === selectedRef.current), title: `${w.reference} ${ctx.catName(w.categoryCode)}`, keyboard: true });
      m.bindPopup(() => popupHtml(w), { minWidth: 220 });
      m.on('click', () => onSelect(w.id));
      markers.current.set(w.id, m);
      return m;
    };
    clustering.current = shown.length >= CLUSTER_FROM;
    if (!clustering.current) {
      for (const w of shown) group.addLayer(marker(w));
    } else {
      // extent 256: radius in the map's own pixels (Leaflet's tiles are 256), so clusters 34 px wide do not overlap.
      // Each cluster counts its overdue and at-risk jobs, so a late job is not hidden inside a plain one.
      const index = new Supercluster<{ id: string; overdue: number; atRisk: number }, { overdue: number; atRisk: number }>({
        radius: 60, extent: 256, maxZoom: 16,
        map: (p) => ({ overdue: p.overdue, atRisk: p.atRisk }),
        reduce: (sum, p) => {
          sum.overdue += p.overdue;
          sum.atRisk += p.atRisk;
        },
      });
      index.load(shown.map((w) => ({
        type: 'Feature',
        properties: { id: w.id, overdue: Number(w.deadlineState === 'overdue'), atRisk: Number(w.deadlineState === 'at_risk') },
        geometry: { type: 'Point', coordinates: [w.lng, w.lat] },
      })));
      const b = map.getBounds();
      for (const f of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()))) {
        const [lng, lat] = f.geometry.coordinates;
        const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; id?: string; overdue: number; atRisk: number };
        if (props.cluster) {
          const count = props.point_count ?? 0;
          const state = props.overdue ? 'overdue' : props.atRisk ? 'at_risk' : 'on_time';
          const late = [props.overdue ? `${props.overdue} overdue` : '', props.atRisk ? `${props.atRisk} at risk` : ''].filter(Boolean).join(', ');
          const c = L.marker([lat, lng], {
            icon: L.divIcon({ className: `job-cluster ${state}`, html: `<span>${count}</span>${props.overdue ? '<b aria-hidden="true">!</b>' : ''}`, iconSize: [34, 34], iconAnchor: [17, 17] }),
            title: `${count} jobs here${late ? ` (${late})` : ''}: zoom in`,
            keyboard: true,
          });
          c.on('click', () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 18)));
          group.addLayer(c);
        } else {
          const w = byId.current.get(props.id!);
          if (w) group.addLayer(marker(w));
        }
      }
    }
    group.addTo(map);
    layerRef.current = group;
    if (!fitted.current && shown.length) {
      fitted.current = true;
      map.fitBounds(L.latLngBounds(shown.map((w) => [w.lat, w.lng] as L.LatLngTuple)), { padding: [40, 40], maxZoom: 15 });
    }
  }, [shown.map((w) => `${w.id}:${w.version}:${w.deadlineState}`).join(), ready, view, crews.length]);

  // Selection restyles two markers in place: rebuilding the layer would close an open popup.
  const selectedRef = useRef<string | null>(selected);
  useEffect(() => {
    const before = selectedRef.current;
    selectedRef.current = selected;
    for (const id of [before, selected]) {
      const w = id ? byId.current.get(id) : undefined;
      if (w) markers.current.get(w.id)?.setIcon(jobIcon(w.deadlineState, w.id === selected));
    }
  }, [selected]);

  // Today's routes, one line per crew from its depot through its stops in order.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    routeLayerRef.current?.remove();
    const group = L.layerGroup();
    const today = londonToday();
    for (const crew of crews) {
      if (routeCrew === 'none' || (routeCrew !== 'all' && routeCrew !== crew.id)) continue;
      const stops = open.filter((w) => w.crewId === crew.id && w.routeDate === today).sort((a, b) => (a.routePosition ?? 0) - (b.routePosition ?? 0));
      if (!stops.length) continue;
      const colour = colourOf(crew.id);
      const line: L.LatLngTuple[] = [[crew.depotLat, crew.depotLng], ...stops.map((w) => [w.lat, w.lng] as L.LatLngTuple)];
      L.polyline(line, { color: colour, weight: 4, opacity: 0.85, className: 'crew-route', interactive: false }).addTo(group);
      stops.forEach((w, i) =>
        L.marker([w.lat, w.lng], {
          icon: L.divIcon({ className: 'route-stop', html: `<span style="background:${colour}">${i + 1}</span>`, iconSize: [18, 18], iconAnchor: [-4, 22] }),
          interactive: false,
          keyboard: false,
        }).addTo(group),
      );
    }
    group.addTo(map);
    routeLayerRef.current = group;
  }, [open.map((w) => `${w.id}:${w.version}`).join(), crews, routeCrew, ready]);

  const wards = [...ctx.wardNames.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const today = londonToday();
  const routed = crews.filter((c) => open.some((w) => w.crewId === c.id && w.routeDate === today));
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
        <div>
          <label for="f-route">Routes today</label>
          <select id="f-route" class="short" value={routeCrew} onChange={(e) => setRouteCrew(e.currentTarget.value)}>
            <option value="all">Every crew</option>
            {crews.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            <option value="none">No routes</option>
          </select>
        </div>
        <p class="small muted" aria-live="polite">{shown.length} of {open.length} open jobs shown</p>
      </div>
      <div class="legend" aria-hidden="true">
        <span><i class="on_time" /> On time</span>
        <span><i class="at_risk" /> At risk</span>
        <span><i class="overdue" /> Overdue</span>
        {routed.map((c) => <span key={c.id} class="route-key"><b style={{ background: colourOf(c.id) }} /> {c.name}</span>)}
      </div>
      <LeafletMap
        label="Map of open jobs, coloured by deadline, with today's crew routes"
        class="map board-map"
        zoom={13}
        onReady={(m) => {
          mapRef.current = m;
          // Clusters depend on the view; plain markers do not (and redrawing them would close an open popup).
          m.on('moveend', () => clustering.current && setView((v) => v + 1));
          // Links and buttons inside popups act within the app.
          m.on('popupopen', (e: L.PopupEvent) => {
            const el = e.popup.getElement();
            el?.querySelector<HTMLAnchorElement>('a[data-nav]')?.addEventListener('click', (ev) => {
              ev.preventDefault();
              history.pushState(null, '', (ev.currentTarget as HTMLAnchorElement).getAttribute('href')!);
              dispatchEvent(new PopStateEvent('popstate'));
            });
            el?.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((b) =>
              b.addEventListener('click', () => {
                const w = byId.current.get(b.dataset.id!);
                if (!w) return;
                m.closePopup();
                if (b.dataset.action === 'accept') void ctx.run(() => dispatcherActions.accept(w), `${w.reference} accepted.`);
                if (b.dataset.action === 'unassign') void ctx.run(() => dispatcherActions.unassign(w), `${w.reference} taken off the crew’s day.`);
              }),
            );
          });
          setReady(true);
        }}
      />
    </>
  );
}
