/**
 * A Leaflet map that still makes sense with no tile server: a plain
 * background, ward boundaries drawn from our own API, and job symbols. When
 * tiles fail to load (no internet, as on the test machine) the tile layer is
 * removed and a short note says so instead of a grid of broken images.
 */
import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadConfig, loadWards, type WardFeature } from '../config.ts';

/** Liverpool, around Kensington: where the demo's work happens. */
export const DEFAULT_CENTRE: L.LatLngExpression = [53.4084, -2.9616];
const BLANK_TILE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export interface MapProps {
  /** Accessible name of the map region. */
  label: string;
  class?: string;
  center?: L.LatLngExpression;
  zoom?: number;
  /** Draw ward outlines (all wards, or only these codes, fitted to view). */
  wards?: 'all' | string[] | false;
  onReady?: (map: L.Map) => void;
  onWardsDrawn?: (layer: L.GeoJSON) => void;
}

export function LeafletMap({ label, class: cls = 'map', center = DEFAULT_CENTRE, zoom = 13, wards = 'all', onReady, onWardsDrawn }: MapProps) {
  const el = useRef<HTMLDivElement>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const map = L.map(el.current!, { center, zoom, zoomControl: true, attributionControl: true, keyboard: true });
    map.attributionControl.setPrefix(false);
    let cancelled = false;

    loadConfig().then((cfg) => {
      if (cancelled) return;
      if (!cfg.map.tileUrl || /^(none|off)$/i.test(cfg.map.tileUrl)) {
        setNote('Street map not available: ward boundaries shown.');
        return;
      }
      const tiles = L.tileLayer(cfg.map.tileUrl, { attribution: cfg.map.attribution, maxZoom: 19, errorTileUrl: BLANK_TILE, crossOrigin: false });
      let loaded = 0;
      let failed = 0;
      tiles.on('tileload', () => loaded++);
      tiles.on('tileerror', () => {
        failed++;
        if (failed >= 4 && loaded === 0) {
          map.removeLayer(tiles);
          setNote('Street map could not load (no connection?): ward boundaries shown.');
        }
      });
      tiles.addTo(map);
    }, () => setNote('Street map not available.'));

    if (wards) {
      loadWards().then((all) => {
        if (cancelled) return;
        const features = wards === 'all' ? all.features : all.features.filter((f) => wards.includes(f.properties.code));
        const highlight = wards !== 'all';
        const layer = L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection, {
          style: () => ({ color: '#0b3d2e', weight: highlight ? 3 : 1.5, fillColor: '#0b3d2e', fillOpacity: highlight ? 0.08 : 0.03, dashArray: highlight ? undefined : '4 3' }),
          interactive: false,
        });
        layer.addTo(map);
        // Ward names as quiet labels, so the map reads without street tiles (one highlighted ward is named by its page).
        for (const f of highlight ? [] : (features as WardFeature[])) {
          const b = L.geoJSON(f as GeoJSON.Feature).getBounds();
          if (!b.isValid()) continue;
          L.marker(b.getCenter(), {
            icon: L.divIcon({ className: 'ward-label', html: escapeHtml(f.properties.name), iconSize: undefined }),
            interactive: false,
            keyboard: false,
          }).addTo(map);
        }
        if (highlight && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        onWardsDrawn?.(layer);
      }, () => undefined);
    }
    onReady?.(map);
    return () => {
      cancelled = true;
      map.remove();
    };
  }, []);

  return (
    <div class="map-wrap">
      <div ref={el} class={cls} role="region" aria-label={label} />
      {note && <p class="map-note small">{note}</p>}
    </div>
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A round job symbol coloured by deadline state, with a letter so colour is not the only cue. */
export function jobIcon(state: string, selected = false): L.DivIcon {
  const letter = state === 'overdue' ? '!' : state === 'at_risk' ? '–' : '';
  return L.divIcon({
    className: `job-marker ${state}${selected ? ' selected' : ''}`,
    html: `<span>${letter}</span>`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

export function pinIcon(): L.DivIcon {
  return L.divIcon({
    className: 'pin-marker',
    html: '<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true"><path d="M12 23s8-7.2 8-13a8 8 0 0 0-16 0c0 5.8 8 13 8 13z" fill="#b10e1e" stroke="#fff" stroke-width="1.5"/><circle cx="12" cy="10" r="3" fill="#fff"/></svg>',
    iconSize: [36, 36],
    iconAnchor: [18, 34],
  });
}
