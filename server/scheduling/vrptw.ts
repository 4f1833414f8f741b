/**
 * A vehicle-routing solver with time windows (VRPTW), used both for crews'
 * days and for the Solomon benchmark, so the benchmark measures the code that
 * plans real work.
 *
 * Method: regret-2 insertion builds a first plan; adaptive large neighbourhood
 * search (Ropke & Pisinger 2006) then repeatedly ruins part of the plan
 * (random, string removal as in SISR (Christiaens & Vanden Berghe 2020),
 * related/Shaw and worst removal) and recreates it (greedy insertion with
 * blinks, or regret-2), accepting by simulated annealing; operator weights
 * adapt to what has been paying off. Every new best plan is polished by local
 * search (relocate, exchange, 2-opt*).
 *
 * Constraints are hard: time windows (a job may not start after its due
 * time), service times, vehicle capacity, required skills, each vehicle's
 * start/end depot and shift window. A job that fits nowhere stays unassigned,
 * which costs more than anything else, so the objective is lexicographic in
 * practice: fewest unassigned jobs, then vehicles used × vehicleCost, then
 * distance. Insertion feasibility is O(1) per position from each route's
 * earliest-start and latest-start arrays.
 *
 * Deterministic for a seed and an iteration budget; the time limit is a
 * safety stop that returns the best plan found so far.
 */
import { Random } from './random.js';

export interface VrpCustomer {
  /** Row/column of this job in the matrices. */
  node: number;
  demand: number;
  /** Earliest start of service. */
  ready: number;
  /** Latest start of service. */
  due: number;
  service: number;
  /** Bit mask of skills the job needs; a vehicle must have all of them. */
  skills: number;
  /** How bad leaving this job out is, relative to others (default 1). */
  weight?: number;
}

export interface VrpVehicle {
  start: number;
  end: number;
  capacity: number;
  /** Earliest departure from the start depot. */
  earliest: number;
  /** Latest arrival at the end depot. */
  latest: number;
  skills: number;
}

export interface VrpProblem {
  /** Matrix dimension. */
  size: number;
  /** What the objective minimises (row-major size × size). */
  dist: Float64Array;
  /** Travel time (row-major size × size), same unit as the windows. */
  time: Float64Array;
  customers: VrpCustomer[];
  vehicles: VrpVehicle[];
}

export interface SolveOptions {
  seed?: number;
  maxIterations?: number;
  timeLimitMs?: number;
  /** Cost of using a vehicle at all, in distance units (0: minimise distance only). */
  vehicleCost?: number;
  /** Start from these routes (must be feasible) instead of building a first plan. */
  initialRoutes?: number[][];
}

export interface VrpSolution {
  /** Customer indices per vehicle, in visiting order (empty: vehicle unused). */
  routes: number[][];
  unassigned: number[];
  distance: number;
  vehiclesUsed: number;
  iterations: number;
  elapsedMs: number;
}

const EPS = 1e-7;
const UNASSIGNED_COST = 1e7;

interface Insertion {
  route: number;
  pos: number;
  delta: number;
}

type Ruin = (k: number) => void;
type Recreate = (removed: number[]) => void;

export class VrptwSolver {
  private readonly n: number;
  private readonly S: number;
  private readonly dist: Float64Array;
  private readonly time: Float64Array;
  private readonly cust: VrpCustomer[];
  private readonly veh: VrpVehicle[];
  private readonly rng: Random;
  private readonly vehicleCost: number;
  /** Each customer's other customers, nearest first. */
  private readonly neighbours: Int32Array[];
  /** Vehicles that are interchangeable share a type: only one empty one of a type is tried per insertion. */
  private readonly vehicleType: Int32Array;

  private routes: number[][];
  private readonly routeOf: Int32Array;
  private readonly E: Float64Array[];
  private readonly L: Float64Array[];
  private readonly load: Float64Array;
  private readonly routeDist: Float64Array;
  private unassigned: number[] = [];
  /** performance.now() after which the polish stops early (the time limit covers it too). */
  private deadline = Infinity;

  constructor(p: VrpProblem, opts: SolveOptions = {}) {
    this.n = p.customers.length;
    this.S = p.size;
    this.dist = p.dist;
    this.time = p.time;
    this.cust = p.customers;
    this.veh = p.vehicles;
    this.rng = new Random(opts.seed ?? 1);
    this.vehicleCost = opts.vehicleCost ?? 0;
    this.routes = this.veh.map(() => []);
    this.routeOf = new Int32Array(this.n).fill(-1);
    this.E = this.veh.map(() => new Float64Array(this.n + 2));
    this.L = this.veh.map(() => new Float64Array(this.n + 2));
    this.load = new Float64Array(this.veh.length);
    this.routeDist = new Float64Array(this.veh.length);
    this.neighbours = this.cust.map((c, i) => {
      const others = [...Array(this.n).keys()].filter((j) => j !== i);
      others.sort((a, b) => this.d(c.node, this.cust[a].node) - this.d(c.node, this.cust[b].node));
      return Int32Array.from(others);
    });
    const types = new Map<string, number>();
    this.vehicleType = Int32Array.from(this.veh.map((v) => {
      const key = `${v.start}|${v.end}|${v.capacity}|${v.earliest}|${v.latest}|${v.skills}`;
      if (!types.has(key)) types.set(key, types.size);
      return types.get(key)!;
    }));
    for (let r = 0; r < this.veh.length; r++) this.evalRoute(r);
  }

  private d(a: number, b: number): number {
    return this.dist[a * this.S + b];
  }
  private t(a: number, b: number): number {
    return this.time[a * this.S + b];
  }

  // ---- route bookkeeping -------------------------------------------------

  /** Recomputes load, distance and the earliest/latest start arrays of route r. */
  private evalRoute(r: number): void {
    const v = this.veh[r];
    const seq = this.routes[r];
    const m = seq.length;
    const E = this.E[r];
    const L = this.L[r];
    let prev = v.start;
    let prevService = 0;
    let load = 0;
    let dist = 0;
    E[0] = v.earliest;
    for (let k = 1; k <= m; k++) {
      const c = this.cust[seq[k - 1]];
      E[k] = Math.max(c.ready, E[k - 1] + prevService + this.t(prev, c.node));
      dist += this.d(prev, c.node);
      load += c.demand;
      prev = c.node;
      prevService = c.service;
      this.routeOf[seq[k - 1]] = r;
    }
    E[m + 1] = E[m] + prevService + this.t(prev, v.end);
    dist += this.d(prev, v.end);
    L[m + 1] = v.latest;
    let next = v.end;
    for (let k = m; k >= 1; k--) {
      const c = this.cust[seq[k - 1]];
      L[k] = Math.min(c.due, L[k + 1] - this.t(c.node, next) - c.service);
      next = c.node;
    }
    L[0] = v.earliest;
    this.load[r] = load;
    this.routeDist[r] = m === 0 ? 0 : dist;
  }

  private routeCost(r: number): number {
    return this.routes[r].length === 0 ? 0 : this.routeDist[r] + this.vehicleCost;
  }

  private totalCost(): number {
    let cost = 0;
    for (const c of this.unassigned) cost += UNASSIGNED_COST * (this.cust[c].weight ?? 1);
    for (let r = 0; r < this.routes.length; r++) cost += this.routeCost(r);
    return cost;
  }

  private canServe(r: number, c: number): boolean {
    const need = this.cust[c].skills;
    return (this.veh[r].skills & need) === need;
  }

  /** Cheapest feasible position for c in route r, or null. */
  private bestInRoute(c: number, r: number, blink: number): Insertion | null {
    const cu = this.cust[c];
    const v = this.veh[r];
    if (!this.canServe(r, c) || this.load[r] + cu.demand > v.capacity + EPS) return null;
    const seq = this.routes[r];
    const m = seq.length;
    const E = this.E[r];
    const L = this.L[r];
    let best: Insertion | null = null;
    let prev = v.start;
    let prevService = 0;
    for (let k = 0; k <= m; k++) {
      if (E[k] > cu.due + EPS) break; // later positions start even later
      const next = k === m ? v.end : this.cust[seq[k]].node;
      if (blink > 0 && this.rng.next() < blink) {
        prev = next;
        prevService = k === m ? 0 : this.cust[seq[k]].service;
        continue;
      }
      const arrive = Math.max(cu.ready, E[k] + prevService + this.t(prev, cu.node));
      if (arrive <= cu.due + EPS && arrive + cu.service + this.t(cu.node, next) <= L[k + 1] + EPS) {
        let delta = this.d(prev, cu.node) + this.d(cu.node, next) - this.d(prev, next);
        if (m === 0) delta += this.vehicleCost - this.d(v.start, v.end);
        if (!best || delta < best.delta) best = { route: r, pos: k, delta };
      }
      prev = next;
      prevService = k === m ? 0 : this.cust[seq[k]].service;
    }
    return best;
  }

  private bestInsertion(c: number, blink: number): Insertion | null {
    let best: Insertion | null = null;
    const triedEmpty = new Set<number>();
    for (let r = 0; r < this.routes.length; r++) {
      if (this.routes[r].length === 0) {
        if (triedEmpty.has(this.vehicleType[r])) continue;
        triedEmpty.add(this.vehicleType[r]);
      }
      const ins = this.bestInRoute(c, r, blink);
      if (ins && (!best || ins.delta < best.delta)) best = ins;
    }
    return best;
  }

  private insert(c: number, ins: Insertion): void {
    this.routes[ins.route].splice(ins.pos, 0, c);
    this.evalRoute(ins.route);
  }

  private removeCustomer(c: number): void {
    const r = this.routeOf[c];
    if (r < 0) return;
    const seq = this.routes[r];
    seq.splice(seq.indexOf(c), 1);
    this.routeOf[c] = -1;
    this.evalRoute(r);
  }

  /** Distance and feasibility of an arbitrary sequence on vehicle r (used by local-search moves). */
  private simulate(r: number, seq: number[]): number | null {
    const v = this.veh[r];
    let time = v.earliest;
    let prev = v.start;
    let prevService = 0;
    let load = 0;
    let dist = 0;
    for (const c of seq) {
      const cu = this.cust[c];
      if (!this.canServe(r, c)) return null;
      load += cu.demand;
      if (load > v.capacity + EPS) return null;
      time = Math.max(cu.ready, time + prevService + this.t(prev, cu.node));
      if (time > cu.due + EPS) return null;
      dist += this.d(prev, cu.node);
      prev = cu.node;
      prevService = cu.service;
    }
    if (seq.length === 0) return 0;
    if (time + prevService + this.t(prev, v.end) > v.latest + EPS) return null;
    return dist + this.d(prev, v.end);
  }

  // ---- ruin --------------------------------------------------------------

  private routedCustomers(): number[] {
    const out: number[] = [];
    for (const seq of this.routes) out.push(...seq);
    return out;
  }

  private readonly ruinRandom: Ruin = (k) => {
    const routed = this.rng.shuffle(this.routedCustomers());
    for (const c of routed.slice(0, k)) this.removeCustomer(c);
  };

  /** SISR: remove strings of consecutive jobs from routes near a random seed job. */
  private readonly ruinStrings: Ruin = (k) => {
    const used = this.routes.filter((s) => s.length > 0);
    if (!used.length) return;
    const avgLen = used.reduce((a, s) => a + s.length, 0) / used.length;
    const lsMax = Math.max(1, Math.min(10, avgLen));
    const ksMax = Math.max(1, (4 * k) / (1 + lsMax) - 1);
    const ks = Math.floor(this.rng.next() * ksMax) + 1;
    const seed = this.rng.int(0, this.n - 1);
    const ruined = new Set<number>();
    for (const c of [seed, ...this.neighbours[seed]]) {
      if (ruined.size >= ks) break;
      const r = this.routeOf[c];
      if (r < 0 || ruined.has(r)) continue;
      const seq = this.routes[r];
      const l = Math.floor(this.rng.next() * Math.min(seq.length, lsMax)) + 1;
      const at = seq.indexOf(c);
      const startMin = Math.max(0, at - l + 1);
      const startMax = Math.min(at, seq.length - l);
      const start = this.rng.int(startMin, startMax);
      const removed = seq.splice(start, l);
      for (const x of removed) this.routeOf[x] = -1;
      this.evalRoute(r);
      ruined.add(r);
    }
  };

  /** Shaw: a seed and the jobs most related to it (close in space and in time window). */
  private readonly ruinRelated: Ruin = (k) => {
    const seed = this.rng.int(0, this.n - 1);
    const s = this.cust[seed];
    const scored = this.routedCustomers()
      .filter((c) => c !== seed)
      .map((c) => ({ c, score: this.d(s.node, this.cust[c].node) + 0.2 * Math.abs(s.ready - this.cust[c].ready) }));
    scored.sort((a, b) => a.score - b.score);
    const picked = new Set<number>();
    if (this.routeOf[seed] >= 0) picked.add(seed);
    while (picked.size < k && scored.length) {
      const idx = Math.floor(Math.pow(this.rng.next(), 4) * scored.length);
      picked.add(scored.splice(idx, 1)[0].c);
    }
    for (const c of picked) this.removeCustomer(c);
  };

  /** Worst: the jobs whose removal saves most distance (randomised). */
  private readonly ruinWorst: Ruin = (k) => {
    const saving: { c: number; s: number }[] = [];
    for (let r = 0; r < this.routes.length; r++) {
      const seq = this.routes[r];
      const v = this.veh[r];
      for (let i = 0; i < seq.length; i++) {
        const prev = i === 0 ? v.start : this.cust[seq[i - 1]].node;
        const next = i === seq.length - 1 ? v.end : this.cust[seq[i + 1]].node;
        const node = this.cust[seq[i]].node;
        saving.push({ c: seq[i], s: this.d(prev, node) + this.d(node, next) - this.d(prev, next) });
      }
    }
    saving.sort((a, b) => b.s - a.s);
    const picked: number[] = [];
    while (picked.length < k && saving.length) {
      const idx = Math.floor(Math.pow(this.rng.next(), 3) * saving.length);
      picked.push(saving.splice(idx, 1)[0].c);
    }
    for (const c of picked) this.removeCustomer(c);
  };

  // ---- recreate ----------------------------------------------------------

  /** SISR's greedy insertion with blinks, in one of several orders. */
  private readonly recreateGreedy: Recreate = (removed) => {
    const order = this.rng.int(0, 3);
    const depot = this.veh[0]?.start ?? 0;
    const key = (c: number) => {
      const cu = this.cust[c];
      if (order === 1) return -cu.demand;
      if (order === 2) return -this.d(depot, cu.node);
      if (order === 3) return cu.due - cu.ready;
      return 0;
    };
    const list = this.rng.shuffle(removed.slice());
    if (order !== 0) list.sort((a, b) => key(a) - key(b));
    for (const c of list) {
      const ins = this.bestInsertion(c, 0.01);
      if (ins) this.insert(c, ins);
      else this.unassigned.push(c);
    }
  };

  /** Regret-2: insert first the job that would lose most by waiting. */
  private readonly recreateRegret: Recreate = (removed) => {
    const pending = removed.slice();
    while (pending.length) {
      let bestIdx = -1;
      let bestRegret = -Infinity;
      let bestIns: Insertion | null = null;
      for (let i = 0; i < pending.length; i++) {
        const c = pending[i];
        let first: Insertion | null = null;
        let second = Infinity;
        const triedEmpty = new Set<number>();
        for (let r = 0; r < this.routes.length; r++) {
          if (this.routes[r].length === 0) {
            if (triedEmpty.has(this.vehicleType[r])) continue;
            triedEmpty.add(this.vehicleType[r]);
          }
          const ins = this.bestInRoute(c, r, 0);
          if (!ins) continue;
          if (!first || ins.delta < first.delta) {
            second = first ? first.delta : second;
            first = ins;
          } else if (ins.delta < second) second = ins.delta;
        }
        if (!first) continue;
        // A job with a single option left is the most urgent of all.
        const regret = second === Infinity ? 1e12 - first.delta : second - first.delta;
        if (regret > bestRegret) {
          bestRegret = regret;
          bestIdx = i;
          bestIns = first;
        }
      }
      if (bestIdx < 0 || !bestIns) {
        this.unassigned.push(...pending);
        return;
      }
      this.insert(pending[bestIdx], bestIns);
      pending.splice(bestIdx, 1);
    }
  };

  // ---- local search ------------------------------------------------------

  /** Relocate: take each job out and put it back at its cheapest position anywhere. */
  private relocatePass(): boolean {
    let improved = false;
    for (const c of this.rng.shuffle([...Array(this.n).keys()])) {
      if (this.outOfTime()) break;
      const r = this.routeOf[c];
      if (r < 0) continue;
      const seq = this.routes[r];
      const pos = seq.indexOf(c);
      const before = this.routeCost(r);
      seq.splice(pos, 1);
      this.routeOf[c] = -1;
      this.evalRoute(r);
      const gain = before - this.routeCost(r);
      const ins = this.bestInsertion(c, 0);
      if (ins && ins.delta < gain - 1e-6) {
        this.insert(c, ins);
        improved = true;
      } else {
        seq.splice(pos, 0, c);
        this.evalRoute(r);
      }
    }
    return improved;
  }

  /** 2-opt*: swap the tails of two routes. */
  private twoOptStarPass(): boolean {
    let improved = false;
    const R = this.routes.length;
    for (let a = 0; a < R && !this.outOfTime(); a++) {
      for (let b = a + 1; b < R; b++) {
        const A = this.routes[a];
        const B = this.routes[b];
        if (A.length === 0 || B.length === 0) continue;
        // Same kind of vehicle: each new route's time and load follow exactly from the old routes' arrays.
        const sameType = this.vehicleType[a] === this.vehicleType[b];
        const EA = this.E[a];
        const LA = this.L[a];
        const EB = this.E[b];
        const LB = this.L[b];
        let done = false;
        let prefA = 0;
        for (let i = 0; i <= A.length && !done; i++) {
          if (i > 0) prefA += this.cust[A[i - 1]].demand;
          const a1 = i === 0 ? this.veh[a].start : this.cust[A[i - 1]].node;
          const sa1 = i === 0 ? 0 : this.cust[A[i - 1]].service;
          const a2 = i === A.length ? this.veh[a].end : this.cust[A[i]].node;
          let prefB = 0;
          for (let j = 0; j <= B.length && !done; j++) {
            if (j > 0) prefB += this.cust[B[j - 1]].demand;
            // Keeping both routes non-empty; merging whole routes is left to the ruin-and-recreate moves.
            if ((i === 0 && j === 0) || (i === A.length && j === B.length) || (i === 0 && j === B.length) || (j === 0 && i === A.length)) continue;
            const b1 = j === 0 ? this.veh[b].start : this.cust[B[j - 1]].node;
            const sb1 = j === 0 ? 0 : this.cust[B[j - 1]].service;
            const b2 = j === B.length ? this.veh[b].end : this.cust[B[j]].node;
            const delta = this.d(a1, b2) + this.d(b1, a2) - this.d(a1, a2) - this.d(b1, b2);
            if (delta >= -1e-6) continue;
            let feasible: boolean;
            if (sameType) {
              feasible =
                prefA + (this.load[b] - prefB) <= this.veh[a].capacity + EPS &&
                prefB + (this.load[a] - prefA) <= this.veh[b].capacity + EPS &&
                EA[i] + sa1 + this.t(a1, b2) <= LB[j + 1] + EPS &&
                EB[j] + sb1 + this.t(b1, a2) <= LA[i + 1] + EPS;
            } else {
              feasible = this.simulate(a, [...A.slice(0, i), ...B.slice(j)]) !== null && this.simulate(b, [...B.slice(0, j), ...A.slice(i)]) !== null;
            }
            if (!feasible) continue;
            this.routes[a] = [...A.slice(0, i), ...B.slice(j)];
            this.routes[b] = [...B.slice(0, j), ...A.slice(i)];
            this.evalRoute(a);
            this.evalRoute(b);
            improved = done = true;
          }
        }
      }
    }
    return improved;
  }

  /** Exchange: swap two jobs between routes. Feasibility is exact and O(1) from the routes' earliest/latest start arrays. */
  private exchangePass(): boolean {
    let improved = false;
    for (let c1 = 0; c1 < this.n && !this.outOfTime(); c1++) {
      for (const c2 of this.neighbours[c1].subarray(0, 20)) {
        const r1 = this.routeOf[c1];
        const r2 = this.routeOf[c2];
        if (r1 < 0 || r2 < 0 || r1 === r2) continue;
        const i = this.routes[r1].indexOf(c1);
        const j = this.routes[r2].indexOf(c2);
        const d1 = this.swapDelta(r1, i, c2);
        if (d1 === null) continue;
        const d2 = this.swapDelta(r2, j, c1);
        if (d2 === null || d1 + d2 >= -1e-6) continue;
        this.routes[r1][i] = c2;
        this.routes[r2][j] = c1;
        this.evalRoute(r1);
        this.evalRoute(r2);
        improved = true;
      }
    }
    return improved;
  }

  /** Distance change of putting customer c in place of the job at index i of route r, or null when infeasible. */
  private swapDelta(r: number, i: number, c: number): number | null {
    const v = this.veh[r];
    const seq = this.routes[r];
    const out = this.cust[seq[i]];
    const cu = this.cust[c];
    if (!this.canServe(r, c) || this.load[r] - out.demand + cu.demand > v.capacity + EPS) return null;
    const prev = i === 0 ? v.start : this.cust[seq[i - 1]].node;
    const prevService = i === 0 ? 0 : this.cust[seq[i - 1]].service;
    const next = i === seq.length - 1 ? v.end : this.cust[seq[i + 1]].node;
    const E = this.E[r];
    const L = this.L[r];
    const start = Math.max(cu.ready, E[i] + prevService + this.t(prev, cu.node));
    if (start > cu.due + EPS || start + cu.service + this.t(cu.node, next) > L[i + 2] + EPS) return null;
    return this.d(prev, cu.node) + this.d(cu.node, next) - this.d(prev, out.node) - this.d(out.node, next);
  }

  /** 2-opt inside a route: reverse a stretch of it (distances are symmetric). */
  private twoOptPass(): boolean {
    let improved = false;
    for (let r = 0; r < this.routes.length && !this.outOfTime(); r++) {
      const v = this.veh[r];
      let seq = this.routes[r];
      const node = (k: number) => (k < 0 ? v.start : k >= seq.length ? v.end : this.cust[seq[k]].node);
      for (let i = 0; i < seq.length - 1; i++) {
        for (let j = i + 1; j < seq.length; j++) {
          const delta = this.d(node(i - 1), node(j)) + this.d(node(i), node(j + 1)) - this.d(node(i - 1), node(i)) - this.d(node(j), node(j + 1));
          if (delta >= -1e-6) continue;
          const candidate = [...seq.slice(0, i), ...seq.slice(i, j + 1).reverse(), ...seq.slice(j + 1)];
          const dist = this.simulate(r, candidate);
          if (dist !== null && dist < this.routeDist[r] - 1e-6) {
            this.routes[r] = seq = candidate;
            this.evalRoute(r);
            improved = true;
          }
        }
      }
    }
    return improved;
  }

  private outOfTime(): boolean {
    return performance.now() > this.deadline;
  }

  private localSearch(): void {
    for (let pass = 0; pass < 20 && !this.outOfTime(); pass++) {
      const a = this.relocatePass();
      const b = this.twoOptStarPass();
      const c = this.exchangePass();
      const d = this.twoOptPass();
      if (!a && !b && !c && !d) return;
    }
  }

  // ---- search ------------------------------------------------------------

  private snapshot(): number[][] {
    return this.routes.map((s) => s.slice());
  }

  private restore(routes: number[][], unassigned: number[]): void {
    this.routes = routes.map((s) => s.slice());
    this.routeOf.fill(-1);
    for (let r = 0; r < this.routes.length; r++) this.evalRoute(r);
    this.unassigned = unassigned.slice();
  }

  solve(opts: SolveOptions = {}): VrpSolution {
    const started = performance.now();
    const maxIterations = opts.maxIterations ?? 20_000;
    const timeLimitMs = opts.timeLimitMs ?? 10_000;
    this.deadline = started + timeLimitMs;
    if (opts.initialRoutes) {
      // Warm start (e.g. the same day with some windows relaxed): keep the routes, insert the rest.
      this.restore(opts.initialRoutes, []);
      this.recreateRegret([...Array(this.n).keys()].filter((c) => this.routeOf[c] < 0));
    } else {
      this.recreateRegret([...Array(this.n).keys()]);
    }
    this.localSearch();
    let current = this.snapshot();
    let currentUnassigned = this.unassigned.slice();
    let currentCost = this.totalCost();
    let best = this.snapshot();
    let bestUnassigned = currentUnassigned.slice();
    let bestCost = currentCost;

    const ruins: Ruin[] = [this.ruinStrings, this.ruinRandom, this.ruinRelated, this.ruinWorst];
    const recreates: Recreate[] = [this.recreateGreedy, this.recreateRegret];
    const ruinW = ruins.map(() => 1);
    const recW = recreates.map(() => 1);
    const ruinScore = ruins.map(() => 0);
    const recScore = recreates.map(() => 0);
    const ruinUses = ruins.map(() => 0);
    const recUses = recreates.map(() => 0);
    const used = this.routes.filter((s) => s.length).length || 1;
    const avgArc = this.routeDist.reduce((a, b) => a + b, 0) / (this.n + used) || 1;
    const t0 = 2 * avgArc;
    const tEnd = 0.01 * avgArc;
    const maxRemove = Math.max(2, Math.min(30, Math.round(this.n * 0.3)));

    let it = 0;
    let elapsed = 0;
    for (; it < maxIterations; it++) {
      elapsed = performance.now() - started;
      if (elapsed > timeLimitMs) break;
      if (this.n === 0) break;
      const progress = Math.max(it / maxIterations, elapsed / timeLimitMs);
      const temperature = t0 * Math.pow(tEnd / t0, progress);
      const ri = roulette(this.rng, ruinW);
      const ci = roulette(this.rng, recW);
      const k = this.rng.int(Math.min(2, this.n), Math.min(maxRemove, this.n));
      this.unassigned = [];
      ruins[ri](k);
      // The jobs just removed plus any still unassigned get another chance.
      const removed: number[] = [];
      for (let c = 0; c < this.n; c++) if (this.routeOf[c] < 0) removed.push(c);
      recreates[ci](removed);
      const cost = this.totalCost();
      let score = 0;
      if (cost < bestCost - 1e-6) {
        this.localSearch();
        const polished = this.totalCost();
        best = this.snapshot();
        bestUnassigned = this.unassigned.slice();
        bestCost = polished;
        current = best.map((s) => s.slice());
        currentUnassigned = bestUnassigned.slice();
        currentCost = polished;
        score = 33;
      } else if (cost < currentCost - 1e-6 || cost < currentCost - temperature * Math.log(this.rng.next())) {
        score = cost < currentCost ? 9 : 13;
        current = this.snapshot();
        currentUnassigned = this.unassigned.slice();
        currentCost = cost;
      } else {
        this.restore(current, currentUnassigned);
      }
      ruinScore[ri] += score;
      recScore[ci] += score;
      ruinUses[ri] += 1;
      recUses[ci] += 1;
      if (it % 100 === 99) {
        adapt(ruinW, ruinScore, ruinUses);
        adapt(recW, recScore, recUses);
      }
    }
    this.restore(best, bestUnassigned);
    const distance = this.routes.reduce((sum, _s, r) => sum + this.routeDist[r], 0);
    return {
      routes: this.snapshot(),
      unassigned: bestUnassigned.slice().sort((a, b) => a - b),
      distance,
      vehiclesUsed: this.routes.filter((s) => s.length > 0).length,
      iterations: it,
      elapsedMs: Math.round(performance.now() - started),
    };
  }
}

function roulette(rng: Random, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x <= 0) return i;
  }
  return weights.length - 1;
}

function adapt(weights: number[], scores: number[], uses: number[]): void {
  for (let i = 0; i < weights.length; i++) {
    if (uses[i] > 0) weights[i] = Math.max(0.05, 0.8 * weights[i] + 0.2 * (scores[i] / uses[i]));
    scores[i] = 0;
    uses[i] = 0;
  }
}

export function solveVrptw(problem: VrpProblem, opts: SolveOptions = {}): VrpSolution {
  return new VrptwSolver(problem, opts).solve(opts);
}

/** Independent check of a plan: every constraint re-evaluated from scratch. Returns the problems found. */
export function checkSolution(p: VrpProblem, routes: number[][]): { feasible: boolean; problems: string[]; distance: number } {
  const problems: string[] = [];
  const seen = new Set<number>();
  let distance = 0;
  routes.forEach((seq, r) => {
    const v = p.vehicles[r];
    let time = v.earliest;
    let prev = v.start;
    let prevService = 0;
    let load = 0;
    for (const c of seq) {
      if (seen.has(c)) problems.push(`customer ${c} visited twice`);
      seen.add(c);
      const cu = p.customers[c];
      if ((v.skills & cu.skills) !== cu.skills) problems.push(`vehicle ${r} lacks a skill for customer ${c}`);
      time = Math.max(cu.ready, time + prevService + p.time[prev * p.size + cu.node]);
      if (time > cu.due + EPS) problems.push(`vehicle ${r} starts customer ${c} at ${time.toFixed(2)} after its due time ${cu.due}`);
      distance += p.dist[prev * p.size + cu.node];
      load += cu.demand;
      prev = cu.node;
      prevService = cu.service;
    }
    if (seq.length) {
      distance += p.dist[prev * p.size + v.end];
      const back = time + prevService + p.time[prev * p.size + v.end];
      if (back > v.latest + EPS) problems.push(`vehicle ${r} returns at ${back.toFixed(2)} after ${v.latest}`);
    }
    if (load > v.capacity + EPS) problems.push(`vehicle ${r} carries ${load} > capacity ${v.capacity}`);
  });
  return { feasible: problems.length === 0, problems, distance };
}
