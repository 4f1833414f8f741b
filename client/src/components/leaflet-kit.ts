/**
 * Leaflet itself, its stylesheet and our markers: loaded on demand, so a
 * resident's phone draws the report form before the map library arrives.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export { L };

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
