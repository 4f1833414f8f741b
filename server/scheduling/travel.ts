/**
 * Travel between two points in the city without a road network: great-circle
 * distance stretched by a street factor (streets are not straight; 1.3 is a
 * common urban detour ratio) at a configured average speed.
 */
export interface TravelModel {
  streetFactor: number;
  speedKmh: number;
}

export const DEFAULT_TRAVEL: TravelModel = Object.freeze({ streetFactor: 1.3, speedKmh: 16 });

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Street distance in metres. */
export function streetMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }, model: TravelModel): number {
  return haversineMetres(a.lat, a.lng, b.lat, b.lng) * model.streetFactor;
}

/** Minutes to drive `metres` at the model's speed. */
export function travelMinutes(metres: number, model: TravelModel): number {
  return metres / ((model.speedKmh * 1000) / 60);
}
