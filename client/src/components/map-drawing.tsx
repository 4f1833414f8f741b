/**
 * Drawing a shape on a Leaflet map by clicking its points in order, or,
 * without a mouse, by moving the map with the arrow keys and adding its
 * centre: a zone's or a partnership area's corners (a polygon), a transect's
 * points along the street (a line). The map shows the points and the shape as
 * it grows; the controls say in words how many there are and what is missing.
 */
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeafletKit } from './map.tsx';

/** [lng, lat], as GeoJSON has it. */
export type Point = [number, number];
export type DrawnGeometry = GeoJSON.Polygon | GeoJSON.LineString;

/** Six decimals: about 10 cm, finer than a click. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function pointsToPolygon(points: Point[]): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [[...points, points[0]]] };
}

export function useMapDrawing(map: { map: Leaflet.Map; kit: LeafletKit } | null, shape: 'polygon' | 'line') {
  const [points, setPoints] = useState<Point[]>([]);
  const [drawing, setDrawing] = useState(false);
  const drawingRef = useRef(false);
  drawingRef.current = drawing;

  useEffect(() => {
    if (!map) return;
    const onClick = (e: Leaflet.LeafletMouseEvent) => {
      if (drawingRef.current) setPoints((p) => [...p, [round(e.latlng.lng), round(e.latlng.lat)]]);
    };
    map.map.on('click', onClick);
    return () => void map.map.off('click', onClick);
  }, [map]);

  // The shape so far: its points (the first filled) and the line through them, closed once a polygon has three.
  useEffect(() => {
    if (!map || !points.length) return;
    const { L } = map.kit;
    const group = L.layerGroup().addTo(map.map);
    const latLngs = points.map(([lng, lat]) => L.latLng(lat, lng));
    if (shape === 'polygon' && latLngs.length >= 3) L.polygon(latLngs, { color: '#0b0c0c', weight: 2, dashArray: '6 4', fillColor: '#ffdd00', fillOpacity: 0.3, interactive: false }).addTo(group);
    else if (latLngs.length >= 2) L.polyline(latLngs, { color: '#0b0c0c', weight: shape === 'line' ? 5 : 2, dashArray: '6 4', interactive: false }).addTo(group);
    latLngs.forEach((p, i) => L.circleMarker(p, { radius: 5, color: '#0b0c0c', weight: 2, fillColor: i === 0 ? '#ffdd00' : '#fff', fillOpacity: 1, interactive: false }).addTo(group));
    return () => void group.remove();
  }, [map, points, shape]);

  const min = shape === 'polygon' ? 3 : 2;
  const geometry: DrawnGeometry | null = points.length < min ? null : shape === 'polygon' ? pointsToPolygon(points) : { type: 'LineString', coordinates: points };
  return {
    points,
    drawing,
    min,
    geometry,
    toggle: () => setDrawing((d) => !d),
    stop: () => setDrawing(false),
    addCentre: () => {
      if (!map) return;
      const c = map.map.getCenter();
      setPoints((p) => [...p, [round(c.lng), round(c.lat)]]);
    },
    undo: () => setPoints((p) => p.slice(0, -1)),
    /** Forgets the points and stops drawing (after a save). */
    reset: () => {
      setPoints([]);
      setDrawing(false);
    },
    clear: () => setPoints([]),
  };
}

export type MapDrawing = ReturnType<typeof useMapDrawing>;

/** What the controls say about one kind of shape. */
export interface DrawingWords {
  /** "corner", "point". */
  noun: string;
  /** Drawing, nothing placed yet: what to click. */
  start: string;
  /** Not drawing, nothing placed yet: how to begin, with a mouse or without. */
  idle: string;
  /** After the count when there are too few: "a zone needs at least 3." */
  tooFew: string;
  /** After the count when there are enough. */
  enough: string;
}

export function DrawingControls({ d, words, statusId }: { d: MapDrawing; words: DrawingWords; statusId?: string }) {
  const n = d.points.length;
  return (
    <div class="drawing-controls">
      <div class="row">
        <button type="button" class="secondary" aria-pressed={d.drawing} onClick={d.toggle}>{d.drawing ? 'Stop drawing' : 'Draw on the map'}</button>
        <button type="button" class="secondary" onClick={d.addCentre}>Add the map’s centre as a {words.noun}</button>
        <button type="button" class="secondary" disabled={!n} onClick={d.undo}>Undo last {words.noun}</button>
        <button type="button" class="secondary" disabled={!n} onClick={d.clear}>Clear {words.noun}s</button>
      </div>
      <p class="small" aria-live="polite" id={statusId}>
        {n === 0 ? (d.drawing ? words.start : words.idle) : `${n} ${words.noun}${n === 1 ? '' : 's'} placed: ${n < d.min ? words.tooFew : words.enough}`}
      </p>
    </div>
  );
}
