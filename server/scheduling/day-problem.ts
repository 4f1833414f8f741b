/**
 * Turns crews and jobs for one day into a VRPTW problem and the solver's
 * answer back into route positions and planned start times. Pure: the planner
 * service and the benchmark's Kensington day both use it.
 *
 * Time is in minutes from the earliest shift start. A job's window runs from
 * when it may start (its opening, or the shift start) to its deadline minus
 * its service time (the deadline is when it must be done). Distances are
 * street metres (haversine × street factor).
 *
 * Fewest missed deadlines first: a first solve keeps every deadline hard; the
 * jobs it cannot fit are then planned late (window stretched to the end of
 * the shift), marked late, and weigh less than on-time jobs, so a late job
 * never pushes out one that can still make its deadline. Jobs not due until
 * after today's shifts weigh least: they fill spare time but never take the
 * place of a job that is due today.
 */
import { solveVrptw, type SolveOptions, type VrpCustomer, type VrpProblem, type VrpVehicle } from './vrptw.js';
import { streetMetres, travelMinutes, type TravelModel } from './travel.js';

export interface PlanJob {
  id: string;
  lat: number;
  lng: number;
  serviceMinutes: number;
  demand: number;
  requiredSkill: string;
  /** Epoch ms: may not start before. */
  readyAt: number;
  /** Epoch ms: must be finished by. */
  dueAt: number;
}

export interface PlanCrew {
  id: string;
  depotLat: number;
  depotLng: number;
  capacity: number;
  skills: string[];
  /** Epoch ms. */
  shiftStart: number;
  shiftEnd: number;
}

export interface PlannedStop {
  jobId: string;
  position: number;
  plannedStartAt: number;
  late: boolean;
}

export interface DayPlan {
  routes: { crewId: string; stops: PlannedStop[]; distanceM: number }[];
  unplanned: string[];
  late: string[];
  distanceM: number;
  crewsUsed: number;
  elapsedMs: number;
}

export interface DayPlanOptions extends SolveOptions {
  travel: TravelModel;
}

function skillMask(skills: string[], index: Map<string, number>): number {
  let mask = 0;
  for (const s of skills) {
    if (!index.has(s)) index.set(s, index.size);
    mask |= 1 << index.get(s)!;
  }
  return mask;
}

export function buildDayProblem(jobs: PlanJob[], crews: PlanCrew[], travel: TravelModel, lateJobs: ReadonlySet<string> = new Set()): { problem: VrpProblem; origin: number } {
  const origin = Math.min(...crews.map((c) => c.shiftStart));
  const points = [...jobs.map((j) => ({ lat: j.lat, lng: j.lng })), ...crews.map((c) => ({ lat: c.depotLat, lng: c.depotLng }))];
  const size = points.length;
  const dist = new Float64Array(size * size);
  const time = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b < size; b++) {
      const m = streetMetres(points[a], points[b], travel);
      dist[a * size + b] = dist[b * size + a] = m;
      time[a * size + b] = time[b * size + a] = travelMinutes(m, travel);
    }
  }
  const skills = new Map<string, number>();
  const vehicles: VrpVehicle[] = crews.map((c, i) => ({
    start: jobs.length + i,
    end: jobs.length + i,
    capacity: c.capacity,
    earliest: (c.shiftStart - origin) / 60_000,
    latest: (c.shiftEnd - origin) / 60_000,
    skills: skillMask(c.skills, skills),
  }));
  const horizon = Math.max(...vehicles.map((v) => v.latest));
  const horizonEnd = origin + horizon * 60_000;
  const customers: VrpCustomer[] = jobs.map((j, i) => {
    const late = lateJobs.has(j.id);
    return {
      node: i,
      demand: j.demand,
      service: j.serviceMinutes,
      ready: Math.max(0, (j.readyAt - origin) / 60_000),
      due: late ? horizon : (j.dueAt - origin) / 60_000 - j.serviceMinutes,
      skills: skillMask([j.requiredSkill], skills),
      weight: late ? 5 : j.dueAt <= horizonEnd ? 10 : 1,
    };
  });
  return { problem: { size, dist, time, customers, vehicles }, origin };
}

export function planDayRoutes(jobs: PlanJob[], crews: PlanCrew[], opts: DayPlanOptions): DayPlan {
  const started = performance.now();
  const empty: DayPlan = { routes: crews.map((c) => ({ crewId: c.id, stops: [], distanceM: 0 })), unplanned: jobs.map((j) => j.id), late: [], distanceM: 0, crewsUsed: 0, elapsedMs: 0 };
  if (!crews.length || !jobs.length) return { ...empty, unplanned: crews.length ? [] : empty.unplanned };
  // The second solve (only when deadlines cannot all be met) gets what the first left of the budget.
  const limit = opts.timeLimitMs ?? 2_000;
  const first = buildDayProblem(jobs, crews, opts.travel);
  let solution = solveVrptw(first.problem, { ...opts, timeLimitMs: limit / 2 });
  let problem = first.problem;
  const late = new Set<string>();
  if (solution.unassigned.length) {
    for (const c of solution.unassigned) late.add(jobs[c].id);
    const second = buildDayProblem(jobs, crews, opts.travel, late);
    problem = second.problem;
    solution = solveVrptw(problem, { ...opts, initialRoutes: solution.routes, timeLimitMs: Math.max(50, limit - (performance.now() - started)) });
  }
  const origin = first.origin;
  const unplanned = new Set(solution.unassigned.map((c) => jobs[c].id));
  const routes = solution.routes.map((seq, r) => {
    const v = problem.vehicles[r];
    let t = v.earliest;
    let prev = v.start;
    let prevService = 0;
    let distanceM = 0;
    const stops: PlannedStop[] = seq.map((c, i) => {
      const cu = problem.customers[c];
      t = Math.max(cu.ready, t + prevService + problem.time[prev * problem.size + cu.node]);
      distanceM += problem.dist[prev * problem.size + cu.node];
      prev = cu.node;
      prevService = cu.service;
      const job = jobs[c];
      return { jobId: job.id, position: i + 1, plannedStartAt: Math.round(origin + t * 60_000), late: origin + (t + cu.service) * 60_000 > job.dueAt + 1000 };
    });
    if (seq.length) distanceM += problem.dist[prev * problem.size + v.end];
    return { crewId: crews[r].id, stops, distanceM };
  });
  const lateIds = routes.flatMap((r) => r.stops.filter((s) => s.late).map((s) => s.jobId));
  return {
    routes,
    unplanned: [...unplanned],
    late: lateIds,
    distanceM: routes.reduce((a, r) => a + r.distanceM, 0),
    crewsUsed: routes.filter((r) => r.stops.length).length,
    elapsedMs: Math.round(performance.now() - started),
  };
}
