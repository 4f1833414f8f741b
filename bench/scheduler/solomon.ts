/**
 * Solomon VRPTW instances (see data/README.md): header, vehicle number and
 * capacity, then rows "number x y demand ready due service"; customer 0 is the
 * depot; the 25- and 50-customer versions are the first 25/50 customers.
 * Distances and travel times follow the best-known-solution convention:
 * Euclidean, each arc truncated to one decimal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VrpProblem } from '../../server/scheduling/vrptw.js';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export interface SolomonInstance {
  name: string;
  problem: VrpProblem;
  coords: { x: number; y: number }[];
}

export function loadSolomon(name: string, customers: number): SolomonInstance {
  const lines = readFileSync(path.join(DATA_DIR, `${name}.txt`), 'utf8').split(/\r?\n/);
  const vIdx = lines.findIndex((l) => /NUMBER\s+CAPACITY/.test(l));
  const [vehicleCount, capacity] = lines[vIdx + 1].trim().split(/\s+/).map(Number);
  const rows = lines
    .slice(lines.findIndex((l) => /CUST NO\./.test(l)) + 1)
    .map((l) => l.trim())
    .filter((l) => /^\d/.test(l))
    .map((l) => l.split(/\s+/).map(Number))
    .slice(0, customers + 1);
  const size = rows.length;
  const dist = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      dist[a * size + b] = Math.floor(Math.hypot(rows[a][1] - rows[b][1], rows[a][2] - rows[b][2]) * 10) / 10;
    }
  }
  const depot = rows[0];
  return {
    name,
    coords: rows.map((r) => ({ x: r[1], y: r[2] })),
    problem: {
      size,
      dist,
      time: dist,
      customers: rows.slice(1).map((r) => ({ node: r[0], demand: r[3], ready: r[4], due: r[5], service: r[6], skills: 0 })),
      vehicles: Array.from({ length: vehicleCount }, () => ({ start: 0, end: 0, capacity, earliest: depot[4], latest: depot[5], skills: 0 })),
    },
  };
}

export function loadBks(customers: number): Map<string, { vehicles: number; distance: number }> {
  const file = customers === 100 ? 'solomon_bks_100_distance_only.csv' : 'solomon_bks.csv';
  const out = new Map<string, { vehicles: number; distance: number }>();
  for (const line of readFileSync(path.join(DATA_DIR, file), 'utf8').split(/\r?\n/).slice(1)) {
    const [instance, n, vehicles, distance] = line.split(',');
    if (instance && Number(n) === customers) out.set(instance, { vehicles: Number(vehicles), distance: Number(distance) });
  }
  return out;
}

/** The naive baseline: each vehicle drives to the nearest customer it can still reach in time, until none is left. */
export function nearestNeighbour(p: VrpProblem): number[][] {
  const left = new Set(p.customers.map((_c, i) => i));
  const routes: number[][] = p.vehicles.map(() => []);
  for (let r = 0; r < p.vehicles.length && left.size; r++) {
    const v = p.vehicles[r];
    let time = v.earliest;
    let node = v.start;
    let service = 0;
    let load = 0;
    for (;;) {
      let best = -1;
      let bestD = Infinity;
      for (const c of left) {
        const cu = p.customers[c];
        if (load + cu.demand > v.capacity) continue;
        const start = Math.max(cu.ready, time + service + p.time[node * p.size + cu.node]);
        if (start > cu.due || start + cu.service + p.time[cu.node * p.size + v.end] > v.latest) continue;
        const d = p.dist[node * p.size + cu.node];
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (best < 0) break;
      const cu = p.customers[best];
      time = Math.max(cu.ready, time + service + p.time[node * p.size + cu.node]);
      node = cu.node;
      service = cu.service;
      load += cu.demand;
      routes[r].push(best);
      left.delete(best);
    }
  }
  return routes;
}
