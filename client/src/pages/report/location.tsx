/**
 * "Where is the problem?": the device's location, a postcode or a tap on the
 * map, all ending as a draggable pin, plus an optional address or landmark.
 */
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError, request } from '../../api.ts';
import type { PostcodeLookup } from '../../api/types.ts';
import { Icon } from '../../components/icons.tsx';
import { LeafletMap, type LeafletKit } from '../../components/map.tsx';
import type { Busy, Draft, FieldErrors, FieldHelpers, Place, SetDraft } from './draft.ts';
import { NearbyReports, type NearbyAnswer } from './nearby.tsx';

interface Props {
  draft: Draft;
  set: SetDraft;
  setErrors: (update: (e: FieldErrors) => FieldErrors) => void;
  busy: Busy;
  setBusy: (b: Busy) => void;
  field: FieldHelpers;
}

export function LocationField({ draft, set, setErrors, busy, setBusy, field }: Props) {
  const mapRef = useRef<Leaflet.Map | null>(null);
  const kitRef = useRef<LeafletKit | null>(null);
  const placeRef = useRef<Place | null>(null);
  placeRef.current = draft.place;
  const markerRef = useRef<Leaflet.Marker | null>(null);
  const nearbyLayer = useRef<Leaflet.LayerGroup | null>(null);
  const [nearby, setNearby] = useState<NearbyAnswer | null>(null);
  const [mapReady, setMapReady] = useState(false);

  // Where the pin is: its nearest postcode and ward, and the open reports around it.
  const lat = draft.place?.lat;
  const lng = draft.place?.lng;
  useEffect(() => {
    if (lat === undefined || lng === undefined) {
      setNearby(null);
      return;
    }
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      request<NearbyAnswer>('/api/nearby', { query: { lat: lat.toFixed(6), lng: lng.toFixed(6) }, signal: ctrl.signal }).then(setNearby, () => undefined);
    }, 150);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [lat, lng]);

  // The nearby reports on the map, numbered as in the list.
  useEffect(() => {
    const map = mapRef.current;
    const kit = kitRef.current;
    if (!map || !kit) return;
    nearbyLayer.current?.remove();
    const layer = kit.L.layerGroup();
    (nearby?.reports ?? []).forEach((r, i) => {
      kit.L.marker([r.lat, r.lng], {
        icon: kit.L.divIcon({ className: 'nearby-marker', html: `<span>${i + 1}</span>`, iconSize: [28, 28], iconAnchor: [14, 14] }),
        keyboard: false,
        interactive: false,
      }).addTo(layer);
    });
    layer.addTo(map);
    nearbyLayer.current = layer;
  }, [nearby, mapReady]);

  const placePin = (place: Place, pan = true) => {
    set('place', place);
    const map = mapRef.current;
    const kit = kitRef.current;
    if (!map || !kit) return;
    if (!markerRef.current) {
      markerRef.current = kit.L.marker([place.lat, place.lng], { icon: kit.pinIcon(), draggable: true, keyboard: false, title: 'Reported location' }).addTo(map);
      markerRef.current.on('dragend', () => {
        const p = markerRef.current!.getLatLng();
        set('place', { lat: p.lat, lng: p.lng, how: 'map', label: 'the pin on the map' });
      });
    } else markerRef.current.setLatLng([place.lat, place.lng]);
    if (pan) map.setView([place.lat, place.lng], Math.max(map.getZoom(), 16));
  };

  const onMapReady = (map: Leaflet.Map, kit: LeafletKit) => {
    mapRef.current = map;
    kitRef.current = kit;
    map.on('click', (e: Leaflet.LeafletMouseEvent) => placePin({ lat: e.latlng.lat, lng: e.latlng.lng, how: 'map', label: 'the pin on the map' }, false));
    // The map arrives after the form: show a place chosen meanwhile (or restored from the draft).
    const p = placeRef.current;
    if (p) setTimeout(() => placePin(p), 0);
    setMapReady(true);
  };

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setErrors((e) => ({ ...e, location: 'This device cannot share its location. Enter a postcode or tap the map instead.' }));
      return;
    }
    setBusy('gps');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy('');
        // Its nearest postcode and ward come with the nearby reports, asked for when the pin moves.
        placePin({ lat: pos.coords.latitude, lng: pos.coords.longitude, how: 'gps', label: `your location (to about ${Math.round(pos.coords.accuracy)} m)` });
      },
      (err) => {
        setBusy('');
        setErrors((e) => ({
          ...e,
          location: err.code === err.PERMISSION_DENIED ? 'Location was not shared. Enter a postcode or tap the map instead.' : 'Could not find your location. Enter a postcode or tap the map instead.',
        }));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const findPostcode = async () => {
    const pc = draft.postcode.trim();
    if (!pc) {
      setErrors((e) => ({ ...e, location: 'Enter a postcode, for example L6 3AE.' }));
      return;
    }
    setBusy('postcode');
    try {
      const r = await api.get<PostcodeLookup>(`/api/postcodes/${encodeURIComponent(pc)}`);
      set('postcode', r.postcode);
      placePin({ lat: r.lat, lng: r.lng, how: 'postcode', label: `postcode ${r.postcode}`, wardName: r.ward?.name ?? null });
      if (!r.ward) setErrors((e) => ({ ...e, location: `${r.postcode} is outside the area this council looks after. Check the postcode, or report it to the council for that area.` }));
    } catch (err) {
      setErrors((e) => ({ ...e, location: err instanceof ApiError && err.status === 404 ? `We could not find the postcode ${pc}. Check it, or tap the map instead.` : describeError(err) }));
    } finally {
      setBusy('');
    }
  };

  const { fieldClass, err, describedBy } = field;
  return (
    <fieldset class={fieldClass('location')} aria-describedby={describedBy('location')}>
      <legend>Where is the problem?</legend>
      {err('location')}
      <p class="hint" id="location-hint">Use your location, enter a postcode, or tap the map to drop a pin. You can drag the pin to the exact spot.</p>
      <button type="button" class="secondary" onClick={useMyLocation} disabled={busy === 'gps'}>
        <Icon name="locate" size={22} /> {busy === 'gps' ? 'Finding you…' : 'Use my location'}
      </button>
      <div class="postcode-row">
        <div>
          <label for="postcode">Postcode</label>
          <input
            id="postcode"
            type="text"
            class="short"
            autocomplete="postal-code"
            autocapitalize="characters"
            value={draft.postcode}
            onInput={(e) => set('postcode', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void findPostcode();
              }
            }}
          />
        </div>
        <button type="button" class="secondary" onClick={findPostcode} disabled={busy === 'postcode'}>
          {busy === 'postcode' ? 'Finding…' : 'Find postcode'}
        </button>
      </div>
      <LeafletMap label="Map of the council area: tap to place the pin where the problem is" class="map report-map" zoom={13} onReady={onMapReady} />
      <p class="place-status" aria-live="polite">
        {draft.place ? (
          <>
            <Icon name="pin" size={18} /> Location set from {draft.place.label}
            {draft.place.wardName && !nearby ? ` (${draft.place.wardName} ward)` : ''}.
          </>
        ) : (
          'No location yet.'
        )}
      </p>
      {draft.place && nearby && (
        <p class="place-found" data-testid="place-found" aria-live="polite">
          Nearest postcode {nearby.point.postcode ?? 'not known'}
          {nearby.point.ward ? `, ${nearby.point.ward.name} ward.` : '. This spot is outside the council’s area.'}
        </p>
      )}
      {nearby && <NearbyReports reports={nearby.reports} />}
      <div class={fieldClass('address')}>
        <label for="address">Nearest address or landmark <span class="muted">(optional)</span></label>
        {err('address')}
        <input id="address" type="text" autocomplete="street-address" value={draft.address} onInput={(e) => set('address', e.currentTarget.value)} aria-describedby={describedBy('address')} />
      </div>
    </fieldset>
  );
}
