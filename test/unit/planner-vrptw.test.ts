import { expect } from 'chai';
import { planDayRoutes, type PlanCrew, type PlanJob } from '../../server/scheduling/day-problem.js';
import { Random } from '../../server/scheduling/random.js';
import { DEFAULT_TRAVEL } from '../../server/scheduling/travel.js';
import { checkSolution, solveVrptw, type VrpCustomer, type VrpProblem } from '../../server/scheduling/vrptw.js';

/** Depot at index 0; Euclidean distance = travel time. */
function euclidean(points: [number, number][], customers: Omit<VrpCustomer, 'node' | 'skills'>[], vehicles: { capacity: number; count: number; latest?: number; skills?: number[] }, skills: number[] = []): VrpProblem {
  const size = points.length;
  const dist = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) dist[a * size + b] = Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]);
  return {
    size,
    dist,
    time: dist,
    customers: customers.map((c, i) => ({ ...c, node: i + 1, skills: skills[i] ?? 0 })),
    vehicles: Array.from({ length: vehicles.count }, (_x, i) => ({ start: 0, end: 0, capacity: vehicles.capacity, earliest: 0, latest: vehicles.latest ?? 1e9, skills: vehicles.skills?.[i] ?? 0 })),
  };
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items.slice();
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i], ...p];
  }
}

/** Exhaustive optimum for two identical vehicles: every order, every split into two routes. */
function bruteForceTwoVehicles(p: VrpProblem): number {
  let best = Infinity;
  for (const perm of permutations(p.customers.map((_c, i) => i))) {
    for (let cut = 0; cut <= perm.length; cut++) {
      const check = checkSolution(p, [perm.slice(0, cut), perm.slice(cut)]);
      if (check.feasible && check.distance < best) best = check.distance;
    }
  }
  return best;
}

describe('planner: VRPTW solver on small cases with a known optimum', () => {
  it('When customers lie on a line, then one vehicle drives out and back (distance twice the farthest)', () => {
    const p = euclidean([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]], [1, 2, 3, 4].map(() => ({ demand: 1, ready: 0, due: 1000, service: 0 })), { capacity: 10, count: 3 });
    const sol = solveVrptw(p, { seed: 1, maxIterations: 200 });
    expect(sol.distance).to.be.closeTo(8, 1e-9);
    expect(sol.vehiclesUsed).to.equal(1);
    expect(sol.unassigned).to.deep.equal([]);
  });

  it('When capacity allows only two customers per vehicle, then the plan uses two vehicles and never overloads one', () => {
    const p = euclidean([[0, 0], [5, 1], [5, -1], [-5, 1], [-5, -1]], [1, 2, 3, 4].map(() => ({ demand: 5, ready: 0, due: 1000, service: 1 })), { capacity: 10, count: 4 });
    const sol = solveVrptw(p, { seed: 3, maxIterations: 300 });
    expect(checkSolution(p, sol.routes).feasible).to.equal(true);
    expect(sol.vehiclesUsed).to.equal(2);
    expect(sol.distance).to.be.closeTo(2 * (2 * Math.hypot(5, 1) + 2), 1e-9);
  });

  it('When time windows force an order that is not the shortest tour, then the windows win', () => {
    // B is on the way to A, but A must be served before time 12 and B only after time 30.
    const p = euclidean([[0, 0], [10, 0], [5, 0]], [
      { demand: 1, ready: 0, due: 12, service: 0 },
      { demand: 1, ready: 30, due: 40, service: 0 },
    ], { capacity: 10, count: 1 });
    const sol = solveVrptw(p, { seed: 1, maxIterations: 100 });
    expect(sol.routes[0]).to.deep.equal([0, 1]);
    expect(checkSolution(p, sol.routes).feasible).to.equal(true);
  });

  it('When a job needs a skill only one vehicle has, then that vehicle takes it; with nobody skilled it stays unassigned', () => {
    const p = euclidean([[0, 0], [1, 1], [2, 2], [-1, -1]], [0, 1, 2].map(() => ({ demand: 1, ready: 0, due: 1000, service: 0 })), { capacity: 10, count: 2, skills: [0b01, 0b10] }, [0b10, 0, 0b100]);
    const sol = solveVrptw(p, { seed: 1, maxIterations: 200 });
    expect(sol.routes[1]).to.include(0);
    expect(sol.unassigned).to.deep.equal([2]);
    expect(checkSolution(p, sol.routes).feasible).to.equal(true);
  });

  it('When a window cannot be reached at all, then the job is left unassigned instead of planned late', () => {
    const p = euclidean([[0, 0], [100, 0], [1, 0]], [
      { demand: 1, ready: 0, due: 50, service: 0 },
      { demand: 1, ready: 0, due: 1000, service: 0 },
    ], { capacity: 10, count: 2 });
    const sol = solveVrptw(p, { seed: 1, maxIterations: 100 });
    expect(sol.unassigned).to.deep.equal([0]);
  });

  for (const seed of [11, 12, 13, 14, 15]) {
    it(`When a random 6-job instance with windows and capacity is solved (case ${seed}), then the plan equals the exhaustive optimum`, () => {
      const rng = new Random(seed);
      const points: [number, number][] = [[50, 50], ...Array.from({ length: 6 }, () => [rng.int(0, 100), rng.int(0, 100)] as [number, number])];
      const customers = points.slice(1).map(() => {
        const ready = rng.int(0, 150);
        return { demand: rng.int(1, 5), ready, due: ready + rng.int(40, 200), service: rng.int(0, 10) };
      });
      const p = euclidean(points, customers, { capacity: 12, count: 2, latest: 600 });
      const optimum = bruteForceTwoVehicles(p);
      const sol = solveVrptw(p, { seed: 1, maxIterations: 500 });
      const check = checkSolution(p, sol.routes);
      expect(check.feasible, check.problems.join('; ')).to.equal(true);
      if (optimum === Infinity) expect(sol.unassigned.length).to.be.greaterThan(0);
      else {
        expect(sol.unassigned).to.deep.equal([]);
        expect(sol.distance).to.be.closeTo(optimum, 1e-6);
      }
    });
  }

  it('When the same problem is solved twice with the same seed and iteration budget, then the plans are identical', () => {
    const rng = new Random(7);
    const points: [number, number][] = [[50, 50], ...Array.from({ length: 30 }, () => [rng.int(0, 100), rng.int(0, 100)] as [number, number])];
    const p = euclidean(points, points.slice(1).map(() => ({ demand: rng.int(1, 10), ready: 0, due: 500, service: 5 })), { capacity: 40, count: 8, latest: 800 });
    const a = solveVrptw(p, { seed: 42, maxIterations: 300, timeLimitMs: 60_000 });
    const b = solveVrptw(p, { seed: 42, maxIterations: 300, timeLimitMs: 60_000 });
    expect(a.routes).to.deep.equal(b.routes);
    expect(checkSolution(p, a.routes).feasible).to.equal(true);
  });
});

describe('planner: a crew day (deadlines first, then crews, then distance)', () => {
  const start = Date.parse('2026-11-24T07:00:00.000Z');
  const crew = (id: string, skills: string[]): PlanCrew => ({ id, depotLat: 53.4148, depotLng: -2.9318, capacity: 20, skills, shiftStart: start, shiftEnd: start + 8 * 3600_000 });
  const job = (id: string, over: Partial<PlanJob> = {}): PlanJob => ({ id, lat: 53.4142, lng: -2.9448, serviceMinutes: 15, demand: 1, requiredSkill: 'general', readyAt: start, dueAt: start + 8 * 3600_000, ...over });

  it('When one job is due within the hour and another by the end of the day, then the urgent one is planned first and on time', () => {
    const plan = planDayRoutes([job('later', { lat: 53.41, lng: -2.93 }), job('urgent', { lat: 53.418, lng: -2.96, dueAt: start + 3600_000 })], [crew('c1', ['general'])], { travel: DEFAULT_TRAVEL, seed: 1, maxIterations: 100 });
    const stops = plan.routes[0].stops;
    expect(stops.map((s) => s.jobId)).to.deep.equal(['urgent', 'later']);
    expect(stops[0].plannedStartAt + 15 * 60_000).to.be.at.most(start + 3600_000);
    expect(plan.late).to.deep.equal([]);
  });

  it('When a deadline cannot be met, then the job is still planned but marked late, and on-time jobs keep their deadlines', () => {
    const jobs = [job('impossible', { dueAt: start + 5 * 60_000 }), job('fine')];
    const plan = planDayRoutes(jobs, [crew('c1', ['general'])], { travel: DEFAULT_TRAVEL, seed: 1, maxIterations: 100 });
    expect(plan.late).to.deep.equal(['impossible']);
    expect(plan.unplanned).to.deep.equal([]);
    expect(plan.routes[0].stops.map((s) => s.jobId).sort()).to.deep.equal(['fine', 'impossible']);
  });

  it('When only one of two jobs fits the shift, then the one due today is planned, not the nearer one due next week', () => {
    const plan = planDayRoutes(
      [job('next-week', { lat: 53.4149, lng: -2.9320, serviceMinutes: 300, dueAt: start + 7 * 24 * 3600_000 }), job('today', { serviceMinutes: 300 })],
      [crew('c1', ['general'])],
      { travel: DEFAULT_TRAVEL, seed: 1, maxIterations: 200 },
    );
    expect(plan.routes[0].stops.map((s) => s.jobId)).to.deep.equal(['today']);
    expect(plan.unplanned).to.deep.equal(['next-week']);
  });

  it('When only one crew has the sharps skill, then the sharps job goes to it and planned starts fall inside the shift', () => {
    const plan = planDayRoutes([job('needle', { requiredSkill: 'sharps' }), job('litter')], [crew('general', ['general']), crew('sharps', ['sharps', 'general'])], { travel: DEFAULT_TRAVEL, seed: 1, maxIterations: 100 });
    const sharps = plan.routes.find((r) => r.crewId === 'sharps')!;
    expect(sharps.stops.map((s) => s.jobId)).to.include('needle');
    for (const r of plan.routes) for (const s of r.stops) expect(s.plannedStartAt).to.be.within(start, start + 8 * 3600_000);
  });
});
