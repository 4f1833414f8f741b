/**
 * Travel between two points in the city without a road network: great-circle
 * distance stretched by a street factor (streets are not straight; 1.3 is a
 * common urban detour ratio) at a configured average speed.
 */
import { haversineMetres } from '../platform/geo.js';

export { haversineMetres };

export interface TravelModel {
  streetFactor: number;
  speedKmh: number;
}

export const DEFAULT_TRAVEL: TravelModel = Object.freeze({ streetFactor: 1.3, speedKmh: 16 });

/** Street distance in metres. */
export function streetMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }, model: TravelModel): number {
  return haversineMetres(a.lat, a.lng, b.lat, b.lng) * model.streetFactor;
}

/** Minutes to drive `metres` at the model's speed. */
export function travelMinutes(metres: number, model: TravelModel): number {
  return metres / ((model.speedKmh * 1000) / 60);
}
