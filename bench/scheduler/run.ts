/**
 * `npm run bench:scheduler -- --customers 25|50|100 [--instances C101,R101] [--time-limit 10] [--iterations N] [--seed 1]`
 *
 * Runs the planner's solver on Solomon instances and prints, per instance,
 * distance, vehicles, the best-known distance, the gap, seconds and whether
 * every route was re-checked feasible (capacity, windows); the nearest-neighbour
 * baseline on the same instance; then the mean gap. Ends with a realistic
 * Kensington day (200 jobs, 6 crews) timed through the same day planner.
 */
import { checkSolution, solveVrptw } from '../../server/scheduling/vrptw.js';
import { planDayRoutes, type PlanCrew, type PlanJob } from '../../server/scheduling/day-problem.js';
import { DEFAULT_TRAVEL } from '../../server/scheduling/travel.js';
import { Random } from '../../server/scheduling/random.js';
import { loadBks, loadSolomon, nearestNeighbour } from './solomon.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const customers = Number(arg('customers', '25'));
if (![25, 50, 100].includes(customers)) {
  console.error('--customers must be 25, 50 or 100');
  process.exit(64);
}
const timeLimitMs = Number(arg('time-limit', '10')) * 1000;
const maxIterations = Number(arg('iterations', '1000000'));
const seed = Number(arg('seed', '1'));
const bks = loadBks(customers);
const only = arg('instances', '');
const names = only ? only.split(',') : [...bks.keys()];

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`Solomon ${customers} customers, time limit ${timeLimitMs / 1000}s, seed ${seed}, max iterations ${maxIterations}`);
console.log(`${'instance'.padEnd(8)} ${pad('distance', 9)} ${pad('veh', 4)} ${pad('BKS', 8)} ${pad('gap %', 7)} ${pad('sec', 6)} ${pad('iter', 7)} feasible | ${pad('NN dist', 8)} ${pad('NN veh', 6)} ${pad('NN gap %', 8)} NN feasible`);
const gaps: number[] = [];
const nnGaps: number[] = [];
let infeasible = 0;
for (const name of names) {
  const ref = bks.get(name);
  if (!ref) {
    console.log(`${name}: no best-known value for ${customers} customers; skipped`);
    continue;
  }
  const inst = loadSolomon(name, customers);
  const sol = solveVrptw(inst.problem, { seed, timeLimitMs, maxIterations });
  const check = checkSolution(inst.problem, sol.routes);
  const complete = sol.unassigned.length === 0;
  const feasible = check.feasible && complete;
  if (!feasible) infeasible += 1;
  const distance = Math.round(check.distance * 10) / 10;
  const gap = ((distance - ref.distance) / ref.distance) * 100;
  gaps.push(gap);
  const nn = nearestNeighbour(inst.problem);
  const nnCheck = checkSolution(inst.problem, nn);
  const nnServed = nn.reduce((a, r) => a + r.length, 0) === inst.problem.customers.length;
  const nnGap = ((nnCheck.distance - ref.distance) / ref.distance) * 100;
  nnGaps.push(nnGap);
  console.log(
    `${name.padEnd(8)} ${pad(distance.toFixed(1), 9)} ${pad(sol.vehiclesUsed, 4)} ${pad(ref.distance.toFixed(1), 8)} ${pad(gap.toFixed(2), 7)} ${pad((sol.elapsedMs / 1000).toFixed(1), 6)} ${pad(sol.iterations, 7)} ${feasible ? 'yes' : `NO (${[...check.problems, ...(complete ? [] : [`${sol.unassigned.length} unserved`])].slice(0, 2).join('; ')})`} | ` +
      `${pad(nnCheck.distance.toFixed(1), 8)} ${pad(nn.filter((r) => r.length).length, 6)} ${pad(nnGap.toFixed(2), 8)} ${nnCheck.feasible && nnServed ? 'yes' : 'NO'}`,
  );
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
console.log(`nearest-neighbour baseline: mean gap ${mean(nnGaps).toFixed(2)}% over ${nnGaps.length} instances`);
if (infeasible) console.log(`INFEASIBLE or incomplete plans: ${infeasible}`);
console.log(`mean gap ${mean(gaps).toFixed(2)}% over ${gaps.length} instances`);

// A realistic Kensington day: 200 jobs around Kensington & Fairfield, 6 crews, 07:00–15:00.
const rng = new Random(seed);
const dayStart = Date.parse('2026-11-24T07:00:00.000Z');
const skills = ['general', 'general', 'general', 'sharps', 'fly-tip-van', 'graffiti-removal'];
const crews: PlanCrew[] = Array.from({ length: 6 }, (_x, i) => ({
  id: `crew-${i + 1}`,
  depotLat: 53.4148,
  depotLng: -2.9318,
  capacity: 60,
  skills: i === 0 ? ['sharps', 'general'] : i === 1 ? ['fly-tip-van', 'general'] : i === 2 ? ['graffiti-removal', 'general'] : ['general'],
  shiftStart: dayStart,
  shiftEnd: dayStart + 8 * 3600_000,
}));
const jobs: PlanJob[] = Array.from({ length: 200 }, (_x, i) => {
  const skill = rng.pick(skills);
  const urgent = skill === 'sharps';
  return {
    id: `job-${i + 1}`,
    lat: 53.405 + rng.next() * 0.02,
    lng: -2.955 + rng.next() * 0.035,
    serviceMinutes: skill === 'general' ? 8 : 12,
    demand: skill === 'fly-tip-van' ? rng.int(1, 3) : 1,
    requiredSkill: skill,
    readyAt: dayStart,
    dueAt: dayStart + (urgent ? rng.int(2, 8) : rng.int(4, 30)) * 3600_000,
  };
});
// The planner's defaults (server/scheduling/planner.service.ts): one more crew must save 3 km of driving.
const day = planDayRoutes(jobs, crews, { travel: DEFAULT_TRAVEL, seed, timeLimitMs: 1200, maxIterations: 4000, vehicleCost: 3000 });
console.log(
  `Kensington day: 200 jobs, 6 crews: planned ${200 - day.unplanned.length}, late ${day.late.length}, unplanned ${day.unplanned.length}, ` +
    `crews used ${day.crewsUsed}, ${(day.distanceM / 1000).toFixed(1)} km, ${(day.elapsedMs / 1000).toFixed(2)} s (limit 2 s)`,
);
