/**
 * Admin: Code of Practice on Litter and Refuse zones on a map with the ward
 * boundaries. A zone is drawn by clicking its corners on the map (or, without
 * a mouse, by moving the map and adding its centre), or pasted as GeoJSON.
 * A change applies to new reports; work orders already filed keep their zone.
 */
import type * as Leaflet from 'leaflet';
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { escapeHtml, LeafletMap, type LeafletKit } from '../components/map.tsx';
import { DrawingControls, pointsToPolygon, useMapDrawing, type DrawingWords, type Point } from '../components/map-drawing.tsx';
import { EditButton, EditRow, SaveOrCancel, useNotice } from './admin-shared.tsx';

type ZoneNumber = 1 | 2 | 3 | 4;
type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;

type ZoneList = ApiResponse<'zones.list'>;
/** A zone as the API lists it, with its number and boundary narrowed to what the map and the words need. */
export type ZoneRow = Omit<ZoneList['zones'][number], 'zone' | 'boundary'> & { zone: ZoneNumber; boundary: Boundary };

export const ZONE_WORDS: Record<ZoneNumber, { title: string; examples: string; time: string }> = {
  1: { title: 'Zone 1: high use', examples: 'town centres, shopping streets', time: 'by 18:00 the same day if reported before 13:00, otherwise by 13:00 the next duty day' },
  2: { title: 'Zone 2: medium use', examples: 'housing areas', time: 'by 18:00 the next duty day' },
  3: { title: 'Zone 3: low use', examples: 'quiet roads, open land', time: 'within 14 days' },
  4: { title: 'Zone 4: special circumstances', examples: 'e.g. where access is restricted for safety', time: 'within 28 days' },
};
const ZONE_COLOURS: Record<ZoneNumber, string> = { 1: '#b10e1e', 2: '#8a5300', 3: '#1d4ed8', 4: '#484949' };
const NUMBERS: ZoneNumber[] = [1, 2, 3, 4];

/**
 * Reads what an admin pasted: a Polygon or MultiPolygon geometry, a Feature
 * holding one, or a FeatureCollection of them (merged into one MultiPolygon).
 * Closing, ranges and crossings are left to the server, which names the ring at fault.
 */
export function parseBoundary(text: string): Boundary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('This is not valid JSON. Paste a GeoJSON Polygon or MultiPolygon (or a Feature holding one).');
  }
  const geometries: Boundary[] = [];
  const take = (g: unknown) => {
    const t = (g as { type?: unknown } | null)?.type;
    if (t === 'Polygon' || t === 'MultiPolygon') geometries.push(g as Boundary);
    else if (t === 'Feature') take((g as GeoJSON.Feature).geometry);
    else if (t === 'FeatureCollection') ((g as GeoJSON.FeatureCollection).features ?? []).forEach(take);
    else throw new Error(`GeoJSON of type ${t ? `“${String(t)}”` : 'unknown'} cannot be a zone: it must be a Polygon or MultiPolygon.`);
  };
  take(value);
  if (!geometries.length) throw new Error('The GeoJSON holds no polygon.');
  if (geometries.length === 1) return geometries[0];
  return { type: 'MultiPolygon', coordinates: geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) };
}

const ZONE_DRAWING: DrawingWords = {
  noun: 'corner',
  start: 'Click the map at each corner of the zone, in order around its edge.',
  idle: 'No corners yet. Press “Draw on the map”, then click each corner in order; or move the map with the arrow keys and add its centre.',
  tooFew: 'a zone needs at least 3.',
  enough: 'the outline closes back to the first corner by itself.',
};

export function ZonesSection() {
  const [zones, setZones] = useState<ZoneRow[] | null>(null);
  const [defaultZone, setDefaultZone] = useState<number>(2);
  const [editing, setEditing] = useState<string | null>(null);
  const [map, setMap] = useState<{ map: Leaflet.Map; kit: LeafletKit } | null>(null);
  const drawn = useMapDrawing(map, 'polygon');
  const notice = useNotice();

  const load = () =>
    api.get<Omit<ZoneList, 'zones'> & { zones: ZoneRow[] }>('/api/zones').then((r) => {
      setZones(r.zones);
      setDefaultZone(r.defaultZone);
    }, notice.fail);
  useEffect(() => void load(), []);

  // The zones, shaded by number and named, under the ward outlines the map draws itself.
  useEffect(() => {
    if (!map || !zones) return;
    const { L } = map.kit;
    const group = L.layerGroup().addTo(map.map);
    for (const z of zones) {
      const shape = L.geoJSON(z.boundary as GeoJSON.Geometry, {
        style: () => ({ color: ZONE_COLOURS[z.zone], weight: editing === z.id ? 4 : 2, fillColor: ZONE_COLOURS[z.zone], fillOpacity: 0.22 }),
        interactive: false, // clicks go to the map, which places corners while drawing
      }).addTo(group);
      const b = shape.getBounds();
      if (b.isValid()) {
        L.marker(b.getCenter(), {
          icon: L.divIcon({ className: `zone-label z${z.zone}`, html: `${z.zone} · ${escapeHtml(z.name)}`, iconSize: undefined }),
          interactive: false,
          keyboard: false,
        }).addTo(group);
      }
    }
    return () => void group.remove();
  }, [map, zones, editing]);

  const showOnMap = (z: ZoneRow) => {
    if (!map) return;
    const b = map.kit.L.geoJSON(z.boundary as GeoJSON.Geometry).getBounds();
    if (b.isValid()) map.map.fitBounds(b, { padding: [30, 30], maxZoom: 17 });
    document.querySelector('.zone-map')?.scrollIntoView({ block: 'nearest' });
  };
  const remove = async (z: ZoneRow) => {
    const after = defaultZone;
    if (!confirm(`Delete “${z.name}” (zone ${z.zone})? New reports there will get the zone of any other zone drawn there, otherwise zone ${after}. Work orders already filed keep their zone and deadline.`)) return;
    try {
      await api.del(`/api/zones/${z.id}`);
      notice.ok(`“${z.name}” deleted. New reports there get zone ${after} unless another zone covers them; work orders already filed keep theirs.`);
      if (editing === z.id) setEditing(null);
      void load();
    } catch (e) {
      notice.fail(e);
    }
  };

  return (
    <>
      {notice.view}
      <p>
        Zones set the response time of categories whose service level is “by the street’s zone” (litter, detritus). Where zones overlap the strictest
        (lowest number) applies; outside every zone it is <strong>zone {defaultZone}</strong>.{' '}
        <strong>A change applies to new reports only: work orders already filed keep the zone and deadline they were given.</strong>
      </p>
      <div class={`draw-map-wrap${drawn.drawing ? ' drawing' : ''}`}>
        <LeafletMap label="Zones map: wards outlined, zones shaded by number" class="map zone-map" zoom={14} onReady={(m, kit) => setMap({ map: m, kit })}>
          {drawn.drawing && <span class="crosshair" aria-hidden="true" />}
        </LeafletMap>
      </div>
      <ul class="legend zone-legend" aria-label="Map key">
        {NUMBERS.map((n) => <li key={n}><i class="sw" style={{ background: ZONE_COLOURS[n] }} /> {ZONE_WORDS[n].title} ({ZONE_WORDS[n].examples}): {ZONE_WORDS[n].time}</li>)}
        <li><i class="sw ward" /> Ward boundary</li>
      </ul>

      <table class="data">
        <thead><tr><th>Zone</th><th>Name</th><th>Response time</th><th>Note</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {zones?.map((z) => (
            <Fragment key={z.id}>
              <tr>
                <td><span class="pill zone-pill" style={{ background: ZONE_COLOURS[z.zone] }}>Zone {z.zone}</span></td>
                <td>{z.name}</td>
                <td>{ZONE_WORDS[z.zone].time}</td>
                <td>{z.note ?? ''}</td>
                <td>
                  <div class="row zone-actions">
                    <button type="button" class="secondary small" aria-label={`Show ${z.name} on map`} onClick={() => showOnMap(z)}>Show on map</button>
                    <EditButton open={editing === z.id} name={z.name} onToggle={() => setEditing(editing === z.id ? null : z.id)} />
                    <button type="button" class="danger small" onClick={() => void remove(z)}>Delete<span class="visually-hidden"> {z.name}</span></button>
                  </div>
                </td>
              </tr>
              <EditRow open={editing === z.id} columns={5}>
                <ZoneForm
                  zone={z}
                  corners={drawn.points}
                  onSaved={(m) => { notice.ok(m); setEditing(null); drawn.clear(); void load(); }}
                  onCancel={() => setEditing(null)}
                />
              </EditRow>
            </Fragment>
          ))}
          {zones?.length === 0 && <tr><td colSpan={5} class="muted">No zones yet: every street is zone {defaultZone}.</td></tr>}
        </tbody>
      </table>

      <h2>Add a zone</h2>
      <ZoneForm
        corners={drawn.points}
        drawingControls={<DrawingControls d={drawn} words={ZONE_DRAWING} statusId="zone-corners-status" />}
        onSaved={(m) => { notice.ok(m); drawn.reset(); void load(); }}
      />
    </>
  );
}

/** New zone (with the drawing controls) or an existing zone's name, number, note and boundary. */
function ZoneForm({ zone, corners, drawingControls, onSaved, onCancel }: { zone?: ZoneRow; corners: Point[]; drawingControls?: ComponentChildren; onSaved: (m: string) => void; onCancel?: () => void }) {
  const [name, setName] = useState(zone?.name ?? '');
  const [number, setNumber] = useState<ZoneNumber>(zone?.zone ?? 1);
  const [note, setNote] = useState(zone?.note ?? '');
  const [geojson, setGeojson] = useState(zone ? JSON.stringify(zone.boundary) : '');
  const [error, setError] = useState<unknown>(null);
  const p = zone ? `z-${zone.id}` : 'zn';

  const fields = error instanceof ApiError ? error.fields : {};
  const fieldError = (prefix: string) => Object.entries(fields).find(([f]) => f === prefix || f.startsWith(`${prefix}.`))?.[1];
  const nameErr = fieldError('name');
  const numberErr = fieldError('zone');
  const noteErr = fieldError('note');
  const boundaryField = Object.keys(fields).find((f) => f === 'boundary' || f.startsWith('boundary.'));
  // The server names the ring or corner at fault; a problem found here (unreadable JSON, too few corners) is about the boundary too.
  const boundaryErr = boundaryField ? `${fields[boundaryField]}${boundaryField === 'boundary' ? '' : ` (at ${boundaryField})`}` : !(error instanceof ApiError) && error instanceof Error ? error.message : undefined;
  const unshown = error instanceof ApiError && !nameErr && !numberErr && !noteErr && !boundaryErr;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      let boundary: Boundary | undefined;
      if (!zone) {
        if (geojson.trim()) boundary = parseBoundary(geojson);
        else if (corners.length >= 3) boundary = pointsToPolygon(corners);
        else throw new Error('Draw the zone on the map (at least 3 corners) or paste its GeoJSON.');
      } else if (geojson.trim() !== JSON.stringify(zone.boundary)) {
        boundary = parseBoundary(geojson);
      }
      const body = { name, zone: number, note: note.trim() || null, ...(boundary ? { boundary } : {}) };
      if (zone) {
        await api.patch(`/api/zones/${zone.id}`, body);
        onSaved(`“${name}” saved. New reports follow it now; work orders already filed keep their zone.`);
      } else {
        await api.post('/api/zones', body);
        onSaved(`“${name}” added as zone ${number}. New reports inside it are due ${ZONE_WORDS[number].time}.`);
        setName(''); setNote(''); setGeojson('');
      }
    } catch (err) {
      setError(err);
    }
  };

  const described = (id: string, msg: unknown, extra?: string) => [msg ? `${id}-error` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <form class="admin-form panel zone-form" onSubmit={submit} noValidate>
      {error != null && (
        <div class="banner error" role="alert">
          {error instanceof ApiError ? describeError(error) : 'The zone was not saved: see the boundary below.'}
          {unshown && Object.keys(fields).length > 0 && <ul class="field-error">{Object.entries(fields).map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>}
        </div>
      )}
      <div class="row">
        <div class={nameErr ? 'field has-error' : ''}>
          <label for={`${p}-name`}>Zone name</label>
          {nameErr && <span class="field-error" id={`${p}-name-error`}>{nameErr}</span>}
          <input id={`${p}-name`} type="text" value={name} placeholder="e.g. County Road shops" aria-invalid={!!nameErr} aria-describedby={described(`${p}-name`, nameErr)} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class={numberErr ? 'field has-error' : ''}>
          <label for={`${p}-number`}>Code of Practice zone</label>
          {numberErr && <span class="field-error" id={`${p}-number-error`}>{numberErr}</span>}
          <select id={`${p}-number`} value={String(number)} aria-describedby={described(`${p}-number`, numberErr, `${p}-number-time`)} onChange={(e) => setNumber(Number(e.currentTarget.value) as ZoneNumber)}>
            {NUMBERS.map((n) => <option key={n} value={String(n)}>{ZONE_WORDS[n].title}</option>)}
          </select>
          <span class="hint" id={`${p}-number-time`}>{ZONE_WORDS[number].examples}; new reports due {ZONE_WORDS[number].time}.</span>
        </div>
        <div class={noteErr ? 'field has-error' : ''}>
          <label for={`${p}-note`}>Note <span class="muted">(optional)</span></label>
          {noteErr && <span class="field-error" id={`${p}-note-error`}>{noteErr}</span>}
          <input id={`${p}-note`} type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset class={boundaryErr ? 'field has-error' : ''}>
        <legend>Boundary</legend>
        {boundaryErr && <span class="field-error" id={`${p}-boundary-error`}>{boundaryErr}</span>}
        {drawingControls}
        {zone && corners.length >= 3 && (
          <button type="button" class="secondary small" onClick={() => setGeojson(JSON.stringify(pointsToPolygon(corners)))}>Use the {corners.length} corners drawn on the map</button>
        )}
        <label for={`${p}-geojson`}>{zone ? 'Boundary as GeoJSON (change to redraw)' : 'Or paste GeoJSON'} <span class="hint">A Polygon or MultiPolygon in [longitude, latitude], or a Feature holding one.</span></label>
        <textarea id={`${p}-geojson`} rows={zone ? 3 : 2} class="geojson" spellcheck={false} value={geojson} aria-invalid={!!boundaryErr} aria-describedby={described(`${p}-boundary`, boundaryErr)} onInput={(e) => setGeojson(e.currentTarget.value)} />
      </fieldset>
      <div class="row">
        <SaveOrCancel label={zone ? 'Save zone' : 'Add zone'} onCancel={onCancel} />
      </div>
    </form>
  );
}
