/**
 * A Leaflet map that still makes sense with no tile server: a plain
 * background, ward boundaries drawn from our own API, and job symbols. When
 * tiles fail to load (no internet, as on the test machine) the tile layer is
 * removed and a short note says so instead of a grid of broken images.
 */
import type * as Leaflet from 'leaflet';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadConfig, loadWards, type WardFeature } from '../config.ts';

/** Liverpool, around Kensington: where the demo's work happens. */
export const DEFAULT_CENTRE: [number, number] = [53.4084, -2.9616];

export type LeafletKit = typeof import('./leaflet-kit.ts');
const loadKit = (): Promise<LeafletKit> => import('./leaflet-kit.ts');
const BLANK_TILE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export interface MapProps {
  /** Accessible name of the map region. */
  label: string;
  class?: string;
  center?: [number, number];
  zoom?: number;
  /** Draw ward outlines (all wards, or only these codes, fitted to view). */
  wards?: 'all' | string[] | false;
  onReady?: (map: Leaflet.Map, kit: LeafletKit) => void;
  onWardsDrawn?: (layer: Leaflet.GeoJSON) => void;
  /** Laid over the map itself (not its note), positioned against it: the drawing crosshair at its centre. */
  children?: ComponentChildren;
}

export function LeafletMap({ label, class: cls = 'map', center = DEFAULT_CENTRE, zoom = 13, wards = 'all', onReady, onWardsDrawn, children }: MapProps) {
  const el = useRef<HTMLDivElement>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let map: Leaflet.Map | null = null;

    const drawTiles = (L: LeafletKit['L'], m: Leaflet.Map) =>
      loadConfig().then((cfg) => {
        if (cancelled) return;
        if (!cfg.map.tileUrl || /^(none|off)$/i.test(cfg.map.tileUrl)) {
          setNote('Street map not available: ward boundaries shown.');
          return;
        }
        const tiles = L.tileLayer(cfg.map.tileUrl, { attribution: cfg.map.attribution, maxZoom: 19, errorTileUrl: BLANK_TILE, crossOrigin: false });
        let loaded = 0;
        let failed = 0;
        // A failed tile is swapped for the blank one, whose own load also fires 'tileload': only real tiles count,
        // or a blank that loads before the fourth failure would keep the note from ever showing.
        tiles.on('tileload', (e: Leaflet.TileEvent) => {
          if (e.tile.getAttribute('src') !== BLANK_TILE) loaded++;
        });
        tiles.on('tileerror', () => {
          failed++;
          if (failed >= 4 && loaded === 0) {
            m.removeLayer(tiles);
            setNote('Street map could not load (no connection?): ward boundaries shown.');
          }
        });
        tiles.addTo(m);
      }, () => setNote('Street map not available.'));

    const drawWards = (L: LeafletKit['L'], m: Leaflet.Map) =>
      loadWards().then((all) => {
        if (cancelled || !wards) return;
        const features = wards === 'all' ? all.features : all.features.filter((f) => wards.includes(f.properties.code));
        const highlight = wards !== 'all';
        const layer = L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection, {
          style: () => ({ color: '#0b3d2e', weight: highlight ? 3 : 1.5, fillColor: '#0b3d2e', fillOpacity: highlight ? 0.08 : 0.03, dashArray: highlight ? undefined : '4 3' }),
          interactive: false,
        });
        layer.addTo(m);
        // Ward names as quiet labels, so the map reads without street tiles (one highlighted ward is named by its page).
        for (const f of highlight ? [] : (features as WardFeature[])) {
          const b = L.geoJSON(f as GeoJSON.Feature).getBounds();
          if (!b.isValid()) continue;
          L.marker(b.getCenter(), {
            icon: L.divIcon({ className: 'ward-label', html: escapeHtml(f.properties.name), iconSize: undefined }),
            interactive: false,
            keyboard: false,
          }).addTo(m);
        }
        if (highlight && layer.getBounds().isValid()) m.fitBounds(layer.getBounds(), { padding: [10, 10] });
        onWardsDrawn?.(layer);
      }, () => undefined);

    loadKit().then(
      (kit) => {
        // Gone already (the page changed while Leaflet loaded): the ref is cleared before this effect's cleanup runs.
        if (cancelled || !el.current) return;
        // No zoom animation: Leaflet's end-of-zoom timer can fire after the map is removed (a board re-render,
        // leaving the page) and throws on the detached pane; a dispatcher gains nothing from the animation.
        map = kit.L.map(el.current, { center, zoom, zoomControl: true, attributionControl: true, keyboard: true, zoomAnimation: false, markerZoomAnimation: false });
        map.attributionControl.setPrefix(false);
        void drawTiles(kit.L, map);
        if (wards) void drawWards(kit.L, map);
        onReady?.(map, kit);
      },
      () => setNote('The map could not be loaded. Check your connection and reload the page.'),
    );
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, []);

  return (
    <div class="map-wrap">
      <div class="map-frame">
        <div ref={el} class={cls} role="region" aria-label={label} />
        {children}
      </div>
      {note && <p class="map-note small">{note}</p>}
    </div>
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

