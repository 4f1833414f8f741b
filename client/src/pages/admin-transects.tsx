/**
 * Admin: cleanliness-survey transects on the map (coloured by land use), drawn
 * one by one on the map (a line along the street) or imported as GeoJSON; the
 * survey plans (tranches) with their draw; the CSV export of every survey; and
 * partnership areas, drawn on the same map (corners) or pasted as GeoJSON.
 */
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { escapeHtml, LeafletMap, type LeafletKit } from '../components/map.tsx';
import { DrawingControls, useMapDrawing, type DrawingWords, type MapDrawing } from '../components/map-drawing.tsx';
import { loadWards } from '../config.ts';
import { FormError, useNotice } from './admin-shared.tsx';
import './cleanliness/cleanliness.css';
import { LAND_USE_LABELS } from './cleanliness/vocabulary.ts';

type Transects = ApiResponse<'inspections.transects.list'>;
type Tranches = ApiResponse<'inspections.tranches.list'>;
type Areas = ApiResponse<'inspections.areas.list'>;

const LAND_USE_COLOURS: Record<string, string> = {
  main_retail: '#b10e1e',
  other_retail: '#e07a00',
  high_density_housing: '#1d3557',
  medium_density_housing: '#457b9d',
  low_density_housing: '#8fb3d9',
  industry: '#6b4f2a',
  main_roads: '#333333',
  rural_roads: '#7a7a7a',
  other_highways: '#9b59b6',
  recreation: '#1b7f3b',
};

const TRANSECT_DRAWING: DrawingWords = {
  noun: 'point',
  start: 'Click the map at one end of the stretch, then along the street to the other end.',
  idle: 'No points yet. Press “Draw on the map”, then click along the street from one end to the other; or move the map with the arrow keys and add its centre.',
  tooFew: 'a transect needs at least 2.',
  enough: 'the line runs from the first point to the last (about 50 m is usual; at most 500 m).',
};
const AREA_DRAWING: DrawingWords = {
  noun: 'corner',
  start: 'Click the map at each corner of the area, in order around its edge.',
  idle: 'No corners yet. Press “Draw on the map”, then click each corner in order; or paste GeoJSON below.',
  tooFew: 'an area needs at least 3.',
  enough: 'the outline closes back to the first corner by itself.',
};

/** One drawing at a time on the shared map: starting one stops the other. */
function alone(d: MapDrawing, other: MapDrawing): MapDrawing {
  return { ...d, toggle: () => (other.stop(), d.toggle()) };
}

export function TransectsSection() {
  const [transects, setTransects] = useState<Transects | null>(null);
  const [tranches, setTranches] = useState<Tranches>([]);
  const [areas, setAreas] = useState<Areas>([]);
  const [areaError, setAreaError] = useState<unknown>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const [transectError, setTransectError] = useState<unknown>(null);
  const notice = useNotice();
  // The map once it is ready, with the layer the transects and areas are drawn in.
  const [map, setMap] = useState<{ map: Leaflet.Map; kit: LeafletKit; layer: Leaflet.FeatureGroup } | null>(null);
  const line = useMapDrawing(map, 'line');
  const corners = useMapDrawing(map, 'polygon');
  // A problem with a shape is stale once the shape changes.
  useEffect(() => setTransectError(null), [line.points.length]);
  useEffect(() => setAreaError(null), [corners.points.length]);
  const [wardNames, setWardNames] = useState<Map<string, string>>(new Map());
  useEffect(() => void loadWards().then((w) => setWardNames(new Map(w.features.map((f) => [f.properties.code, f.properties.name]))), () => undefined), []);
  const fitted = useRef(false);

  const reload = async () => {
    try {
      const [t, tr, ar] = await Promise.all([api.get<Transects>('/api/inspections/transects'), api.get<Tranches>('/api/inspections/tranches'), api.get<Areas>('/api/inspections/areas')]);
      setTransects(t);
      setTranches(tr);
      setAreas(ar);
    } catch (e) {
      notice.fail(e);
    }
  };
  useEffect(() => void reload(), []);

  useEffect(() => {
    const m = map;
    if (!m || !transects) return;
    m.layer.clearLayers();
    for (const t of transects) {
      const colour = LAND_USE_COLOURS[t.landUse] ?? '#111';
      const shape = m.kit.L.geoJSON(t.geometry as GeoJSON.Geometry, { style: () => ({ color: colour, weight: 6, opacity: t.active ? 0.95 : 0.35, fillOpacity: 0.3 }) });
      shape.bindTooltip(`${escapeHtml(t.name)} · ${escapeHtml(LAND_USE_LABELS[t.landUse] ?? t.landUse)}${t.active ? '' : ' (retired)'}`);
      shape.addTo(m.layer);
    }
    for (const a of areas) {
      m.kit.L.geoJSON(a.area.boundary as GeoJSON.Geometry, { style: () => ({ color: '#b10e1e', weight: 2, dashArray: '6 4', fillOpacity: 0.05 }) }).bindTooltip(escapeHtml(`${a.area.name} (partnership since ${a.area.startedOn})`)).addTo(m.layer);
    }
    if (!fitted.current && transects.length && m.layer.getBounds().isValid()) {
      fitted.current = true;
      m.map.fitBounds(m.layer.getBounds(), { padding: [12, 12] });
    }
  }, [transects, areas, map]);

  const importFile = async (file: File) => {
    setImportError(null);
    try {
      const body = JSON.parse(await file.text()) as unknown;
      const res = await api.post<{ created: number; wards: Record<string, number> }>('/api/inspections/transects/import', body);
      notice.ok(`Imported ${res.created} transects (${Object.entries(res.wards).map(([w, n]) => `${n} in ${w}`).join(', ')}).`);
      await reload();
    } catch (e) {
      setImportError(e instanceof SyntaxError ? new Error('This file is not valid JSON.') : e);
    }
  };

  const plan = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await api.post('/api/inspections/tranches', { startsOn: f.get('startsOn'), endsOn: f.get('endsOn'), samplePerWard: Number(f.get('samplePerWard')) });
      notice.ok('Tranche planned. The daily job draws it on its first day, or draw it now.');
      await reload();
    } catch (err) {
      notice.fail(err);
    }
  };

  const draw = async (id: string) => {
    try {
      const res = await api.post<{ drawn: number }>(`/api/inspections/tranches/${id}/draw`);
      notice.ok(`Drawn: ${res.drawn} transects handed to the inspectors.`);
      await reload();
    } catch (err) {
      notice.fail(err);
    }
  };

  const addTransect = async (e: Event) => {
    e.preventDefault();
    setTransectError(null);
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    try {
      if (!line.geometry) throw new Error('Draw the transect on the map first: at least 2 points along the street.');
      const made = await api.post<Transects[number]>('/api/inspections/transects', { name: f.get('name'), landUse: f.get('landUse'), geometry: line.geometry });
      notice.ok(`Transect “${made.name}” added in ${wardNames.get(made.wardCode) ?? made.wardCode}. The next tranche can draw it.`);
      form.reset();
      line.reset();
      await reload();
    } catch (err) {
      setTransectError(err);
    }
  };

  const addArea = async (e: Event) => {
    e.preventDefault();
    setAreaError(null);
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    try {
      const pasted = String(f.get('boundary') ?? '').trim();
      let boundary: unknown = corners.geometry;
      if (pasted) {
        const parsed = JSON.parse(pasted) as { type?: string; geometry?: unknown };
        boundary = parsed.type === 'Feature' ? parsed.geometry : parsed;
      } else if (!boundary) throw new Error('Draw the area on the map (at least 3 corners) or paste its GeoJSON.');
      await api.post('/api/inspections/areas', { name: f.get('name'), startedOn: f.get('startedOn'), boundary });
      notice.ok('Partnership area added. Its before/after shows on the councillor’s dashboard, the public ward page and the weekly PDF.');
      form.reset();
      corners.reset();
      await reload();
    } catch (err) {
      setAreaError(err instanceof SyntaxError ? new Error('The boundary is not valid JSON: paste a GeoJSON Polygon (or a Feature holding one).') : err);
    }
  };

  const byWard = new Map<string, number>();
  for (const t of transects ?? []) byWard.set(t.wardCode, (byWard.get(t.wardCode) ?? 0) + 1);

  return (
    <div data-testid="admin-transects">
      {notice.view}
      <p>Transects are the stretches of street (about 50 m) or small areas that inspectors grade. Each tranche draws a random sample per ward, in proportion to the land uses, and hands it to the inspectors.</p>
      <div class="two-col">
        {/* Kept in view while the forms beside it are scrolled: it is where transects and areas are drawn. */}
        <div class="map-panel">
          <div class={`draw-map-wrap${line.drawing || corners.drawing ? ' drawing' : ''}`}>
            <LeafletMap
              label="Map of survey transects"
              class="map transects-map"
              onReady={(m, kit) => setMap({ map: m, kit, layer: kit.L.featureGroup().addTo(m) })}
            >
              {(line.drawing || corners.drawing) && <span class="crosshair" aria-hidden="true" />}
            </LeafletMap>
          </div>
          <ul class="legend-list small">
            {Object.entries(LAND_USE_COLOURS).map(([k, colour]) => <li key={k}><span style={{ display: 'inline-block', width: '18px', height: '6px', background: colour, marginRight: '6px' }} />{LAND_USE_LABELS[k]}</li>)}
          </ul>
        </div>
        <div>
          <h2>Transects</h2>
          <p>{transects === null ? 'Loading…' : `${transects.length} transects in ${byWard.size} wards.`}</p>
          <label class="button secondary">
            Import GeoJSON…
            <input type="file" accept=".json,.geojson,application/geo+json,application/json" class="visually-hidden" onChange={(e) => { const f = (e.currentTarget as HTMLInputElement).files?.[0]; if (f) void importFile(f); }} />
          </label>
          <p class="small muted">A FeatureCollection of LineStrings (up to 500 m) or small Polygons, each with properties <code>name</code> and <code>landUse</code> ({Object.keys(LAND_USE_COLOURS).join(', ')}). All or nothing: every problem is listed.</p>
          <FormError err={importError} />
          <h3>Draw a transect</h3>
          <form class="transect-form" onSubmit={(e) => void addTransect(e)}>
            <div class="row">
              <label>Name <input name="name" type="text" required maxLength={120} placeholder="e.g. Sheil Road, shops to the park gate" /></label>
              <label>
                Land use
                <select name="landUse" required>
                  {Object.keys(LAND_USE_COLOURS).map((k) => <option key={k} value={k}>{LAND_USE_LABELS[k]}</option>)}
                </select>
              </label>
            </div>
            <fieldset>
              <legend>The transect’s line along the street</legend>
              <DrawingControls d={alone(line, corners)} words={TRANSECT_DRAWING} statusId="transect-points-status" />
            </fieldset>
            <button type="submit">Add transect</button>
          </form>
          <FormError err={transectError} />
          <h2>Survey plans</h2>
          <table class="index-table">
            <thead><tr><th>Tranche</th><th>Dates</th><th>Per ward</th><th>Status</th><th /></tr></thead>
            <tbody>
              {tranches.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.startsOn} – {t.endsOn}</td>
                  <td>{t.samplePerWard}</td>
                  <td>{t.status === 'drawn' ? `drawn, ${t.visits} visits` : t.status}</td>
                  <td>{t.status === 'planned' && <button class="secondary" onClick={() => void draw(t.id)}>Draw now</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form class="inline-form" onSubmit={(e) => void plan(e)}>
            <label>Starts <input name="startsOn" type="date" required /></label>
            <label>Ends <input name="endsOn" type="date" required /></label>
            <label>Transects per ward <input name="samplePerWard" type="number" min={1} max={500} value={10} required class="short" /></label>
            <button type="submit">Plan tranche</button>
          </form>
          <p><a class="button secondary" href="/api/inspections/surveys.csv" download="surveys.csv">Download every survey (CSV)</a></p>
          <h2>Partnership areas</h2>
          <p class="small muted">An area (a polygon) and the day its partnership began: its index before and since is shown to councillors, residents and in the weekly PDF.</p>
          <ul>
            {areas.map((a) => <li key={a.area.id}>{a.area.name}, since {a.area.startedOn}: {a.transects} transect{a.transects === 1 ? '' : 's'} inside</li>)}
          </ul>
          <form onSubmit={(e) => void addArea(e)}>
            <label>Name <input name="name" type="text" required maxLength={120} /></label>
            <label>Partnership began <input name="startedOn" type="date" required /></label>
            <fieldset>
              <legend>The area’s boundary</legend>
              <DrawingControls d={alone(corners, line)} words={AREA_DRAWING} statusId="area-corners-status" />
              <label>Or paste it as GeoJSON (a Polygon, or a Feature holding one) <textarea name="boundary" rows={2} /></label>
            </fieldset>
            <button type="submit">Add area</button>
          </form>
          <FormError err={areaError} />
        </div>
      </div>
    </div>
  );
}

