/** A small map centred on one spot with a pin: where a report is (public page, tracking page). */
import { LeafletMap } from './map.tsx';

export function PointMap({ lat, lng, label }: { lat: number; lng: number; label: string }) {
  return (
    <LeafletMap
      label={label}
      class="map point-map"
      center={[lat, lng]}
      zoom={16}
      onReady={(map, kit) => {
        kit.L.marker([lat, lng], { icon: kit.pinIcon(), keyboard: false, interactive: false }).addTo(map);
      }}
    />
  );
}
