/**
 * Where an urgent job fits into a crew's running day: the crew's position
 * now, the cheapest point among the stops it has not started, and whether
 * the crew can still do it all and drive back before its shift ends.
 */
import type { Crew } from '../crews/crew.entity.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { haversineMetres, streetMetres, travelMinutes, type TravelModel } from './travel.js';

type Point = { lat: number; lng: number };
export const distanceMetres = (a: Point, b: Point) => haversineMetres(a.lat, a.lng, b.lat, b.lng);

/** Where the crew is now: its job in progress, else its last finished job today, else its depot. */
export function whereNow(crew: Crew, day: WorkOrder[]): Point {
  const inProgress = day.find((wo) => wo.status === 'in_progress');
  if (inProgress) return inProgress;
  const done = day.filter((wo) => wo.completedAt).sort((a, b) => a.completedAt!.localeCompare(b.completedAt!)).at(-1);
  return done ?? { lat: crew.depotLat, lng: crew.depotLng };
}

/** 1-based position in the whole day that adds least driving among the stops not yet started. */
export function cheapestPosition(from: Point, day: WorkOrder[], job: Point, depot: Point): number {
  const firstOpen = day.findIndex((wo) => wo.status === 'assigned');
  const startIndex = firstOpen < 0 ? day.length : firstOpen;
  const pending = day.slice(startIndex).filter((wo) => wo.status === 'assigned');
  const stops: Point[] = [from, ...pending, depot];
  let best = 0;
  let bestCost = Infinity;
  for (let i = 0; i < stops.length - 1; i++) {
    const cost = distanceMetres(stops[i], job) + distanceMetres(job, stops[i + 1]) - distanceMetres(stops[i], stops[i + 1]);
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return startIndex + best + 1;
}

/** Whether the crew, starting now from where it is, can do its pending jobs with `job` at `position` and be back by the end of its shift. */
export function fitsShift(crew: Crew, day: WorkOrder[], position: number, job: WorkOrder, now: Date, shiftEnd: number, serviceMinutes: (wo: WorkOrder) => number, travel: TravelModel): boolean {
  const route = [...day];
  route.splice(position - 1, 0, job);
  const pending = route.filter((wo) => wo === job || wo.status === 'assigned');
  let at: Point = whereNow(crew, day);
  let t = now.getTime();
  for (const wo of pending) {
    t += (travelMinutes(streetMetres(at, wo, travel), travel) + serviceMinutes(wo)) * 60_000;
    at = wo;
  }
  t += travelMinutes(streetMetres(at, { lat: crew.depotLat, lng: crew.depotLng }, travel), travel) * 60_000;
  return t <= shiftEnd;
}
