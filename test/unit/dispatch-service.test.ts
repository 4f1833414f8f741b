/**
 * DispatchService on in-memory fakes of its collaborators: the work-order
 * change path (version check and state machine as the real one does them),
 * the crew-day query, crews, categories and the event bus. No database.
 */
import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Category } from '../../server/categories/category.entity.js';
import type { Crew } from '../../server/crews/crew.entity.js';
import { DispatchService, type DispatchServiceDeps } from '../../server/crews/dispatch.service.js';
import { AppError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import type { LiveEvent } from '../../server/platform/event-bus.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import type { Actor, ChangeSpec } from '../../server/work-orders/work-order.service.js';
import { assertTransition } from '../../server/work-orders/work-order.state.js';
import { blankWorkOrder } from '../support/work-order-row.js';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T10:00:00.000Z';
const actor: Actor = { userId: null, label: 'dispatcher' };

function crew(over: Partial<Crew>): Crew {
  return {
    id: over.name ?? 'crew',
    name: 'crew',
    depotLat: 53.4,
    depotLng: -2.95,
    leadUserId: null,
    members: [],
    skills: ['general'],
    capacity: 20,
    shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
    exceptions: [],
    active: true,
    createdAt: NOW,
    version: 1,
    ...over,
  };
}

const CATEGORIES: Record<string, Pick<Category, 'code' | 'name' | 'requiredSkill'>> = {
  litter: { code: 'litter', name: 'Litter', requiredSkill: 'general' },
  sharps: { code: 'sharps', name: 'Needles', requiredSkill: 'sharps' },
};

/** The fakes and what they recorded. */
function world() {
  const rows = new Map<string, WorkOrder>();
  const crews = new Map<string, Crew>(
    [crew({ id: 'north', name: 'North' }), crew({ id: 'south', name: 'South', skills: ['general', 'sharps'] }), crew({ id: 'old', name: 'Old', active: false })].map((c) => [c.id, c]),
  );
  const changes: { id: string; type: string; to: string | undefined; isPublic: boolean | undefined; data: Record<string, unknown> | null | undefined }[] = [];
  const announced: { id: string; type: string }[] = [];
  const published: LiveEvent[] = [];
  const locks: string[] = [];
  const em = {} as EntityManager;
  const deps: DispatchServiceDeps = {
    db: {
      transaction: (work) => work(em),
      lock: async (_em, key) => {
        locks.push(key);
      },
    },
    workOrders: {
      async get(id) {
        const wo = rows.get(id);
        if (!wo) throw new NotFoundError('WORK_ORDER_NOT_FOUND', 'There is no such work order.');
        return { ...wo };
      },
      async change(_em, wo, spec: ChangeSpec) {
        if (spec.expectedVersion !== undefined && spec.expectedVersion !== wo.version) throw new StaleVersionError('work order', wo.version);
        if (spec.to && spec.to !== wo.status) assertTransition(wo.status, spec.to);
        if (rows.get(wo.id)!.version !== wo.version) throw new StaleVersionError('work order', rows.get(wo.id)!.version);
        const next: WorkOrder = { ...wo, ...(spec.patch ?? {}), status: spec.to ?? wo.status, version: wo.version + 1 };
        rows.set(wo.id, next);
        changes.push({ id: wo.id, type: spec.event.type, to: spec.to, isPublic: spec.event.isPublic, data: spec.event.data });
        return { ...next };
      },
      announce(wo, type = 'work_order.updated') {
        announced.push({ id: wo.id, type });
      },
    },
    workOrderRepo: {
      async findCrewDay(crewId, date) {
        return [...rows.values()]
          .filter((wo) => wo.crewId === crewId && wo.routeDate === date)
          .sort((a, b) => (a.routePosition ?? 0) - (b.routePosition ?? 0) || String(a.plannedStartAt).localeCompare(String(b.plannedStartAt)))
          .map((wo) => ({ ...wo }));
      },
    },
    crews: {
      async get(id) {
        const c = crews.get(id);
        if (!c) throw new NotFoundError('CREW_NOT_FOUND', 'There is no such crew.');
        return c;
      },
      today: () => TODAY,
    },
    categories: {
      async get(code) {
        return CATEGORIES[code] as Category;
      },
    },
    events: {
      publish(e) {
        published.push(e);
      },
    },
  };
  const add = (over: Partial<WorkOrder> = {}): WorkOrder => {
    const wo = blankWorkOrder(NOW, over);
    rows.set(wo.id, wo);
    return wo;
  };
  /** Ids on a crew's day in route order, with their positions. */
  const day = (crewId: string, date = TODAY) =>
    [...rows.values()]
      .filter((wo) => wo.crewId === crewId && wo.routeDate === date)
      .sort((a, b) => a.routePosition! - b.routePosition!)
      .map((wo) => [wo.id, wo.routePosition]);
  return { service: new DispatchService(deps), rows, changes, announced, published, locks, add, day };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('DispatchService (in-memory fakes)', () => {
  it('When an accepted job is assigned without a position or date, then it goes last on the crew’s day today, assigned, with one public event and live news for that crew', async () => {
    const w = world();
    const first = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1 });
    const wo = w.add();
    const updated = await w.service.assign(wo.id, { crewId: 'north', version: 1 }, actor);
    expect(updated).to.include({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 2, version: 2 });
    expect(w.day('north')).to.deep.equal([
      [first.id, 1],
      [wo.id, 2],
    ]);
    expect(w.changes).to.deep.equal([{ id: wo.id, type: 'assigned', to: 'assigned', isPublic: true, data: { crewId: 'north', crewName: 'North', date: TODAY, position: 2, from: { crewId: null, date: null, position: null } } }]);
    expect(w.announced).to.deep.equal([{ id: wo.id, type: 'work_order.assignment' }]);
    expect(w.published).to.deep.equal([{ type: 'route.changed', crewId: 'north', data: { date: TODAY } }]);
    expect(w.locks).to.deep.equal([`wo:${wo.id}`, `crewday:north:${TODAY}`]);
  });

  it('When the caller’s version is stale, then STALE_VERSION and nothing changes', async () => {
    const w = world();
    const wo = w.add({ version: 3 });
    const e = await refusal(w.service.assign(wo.id, { crewId: 'north', version: 2 }, actor));
    expect(e.code).to.equal('STALE_VERSION');
    expect(w.rows.get(wo.id)).to.deep.equal(wo);
    expect(w.changes).to.deep.equal([]);
    expect(w.published).to.deep.equal([]);
  });

  it('When the crew lacks the category’s skill, then SKILL_REQUIRED (422) names the skill, and a crew with it takes the job', async () => {
    const w = world();
    const wo = w.add({ categoryCode: 'sharps' });
    const e = await refusal(w.service.assign(wo.id, { crewId: 'north', version: 1 }, actor));
    expect([e.status, e.code]).to.deep.equal([422, 'SKILL_REQUIRED']);
    expect(e.details).to.deep.equal({ requiredSkill: 'sharps', crewSkills: ['general'] });
    expect(w.changes).to.deep.equal([]);
    expect((await w.service.assign(wo.id, { crewId: 'south', version: 1 }, actor)).crewId).to.equal('south');
  });

  it('When the crew is retired or unknown, then CREW_INACTIVE or CREW_NOT_FOUND before the job is touched', async () => {
    const w = world();
    const wo = w.add();
    expect((await refusal(w.service.assign(wo.id, { crewId: 'old', version: 1 }, actor))).code).to.equal('CREW_INACTIVE');
    expect((await refusal(w.service.assign(wo.id, { crewId: 'nobody', version: 1 }, actor))).code).to.equal('CREW_NOT_FOUND');
    expect(w.locks).to.deep.equal([]);
  });

  it('When a new (untriaged) job is assigned, then it is accepted and then assigned, two recorded steps', async () => {
    const w = world();
    const wo = w.add({ status: 'new' });
    const updated = await w.service.assign(wo.id, { crewId: 'north', version: 1 }, actor);
    expect(w.changes.map((c) => [c.type, c.to])).to.deep.equal([
      ['status', 'accepted'],
      ['assigned', 'assigned'],
    ]);
    expect(updated).to.include({ status: 'assigned', version: 3 });
  });

  it('When the job is closed, then INVALID_TRANSITION and no neighbour moves', async () => {
    const w = world();
    const neighbour = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1 });
    const wo = w.add({ status: 'completed' });
    const e = await refusal(w.service.assign(wo.id, { crewId: 'north', version: 1, position: 1 }, actor));
    expect(e.code).to.equal('INVALID_TRANSITION');
    expect(w.rows.get(neighbour.id)!.routePosition).to.equal(1);
    expect(w.changes).to.deep.equal([]);
  });

  it('When a job is inserted at position 1, then the jobs after it move down one, each with its own event', async () => {
    const w = world();
    const a = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1 });
    const b = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 2 });
    const wo = w.add();
    await w.service.assign(wo.id, { crewId: 'north', version: 1, position: 1 }, actor);
    expect(w.day('north')).to.deep.equal([
      [wo.id, 1],
      [a.id, 2],
      [b.id, 3],
    ]);
    expect(w.changes.slice(1).map((c) => [c.id, c.type, c.data])).to.deep.equal([
      [a.id, 'route_position', { position: 2 }],
      [b.id, 'route_position', { position: 3 }],
    ]);
    expect(w.announced.map((x) => x.id)).to.deep.equal([wo.id, a.id, b.id]);
  });

  it('When a job moves within its day, then it is a route_position change that keeps its planned start', async () => {
    const w = world();
    const a = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1, plannedStartAt: '2026-11-24T08:00:00.000Z' });
    const b = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 2 });
    const moved = await w.service.assign(a.id, { crewId: 'north', version: 1, position: 2 }, actor);
    expect(moved).to.include({ routePosition: 2, plannedStartAt: '2026-11-24T08:00:00.000Z' });
    expect(w.changes[0]).to.include({ type: 'route_position', to: undefined });
    expect(w.day('north')).to.deep.equal([
      [b.id, 1],
      [a.id, 2],
    ]);
    expect(w.published.filter((e) => e.type === 'work_order.left_route')).to.deep.equal([]);
  });

  it('When a job moves to another crew, then both days are numbered 1..n and the crew it left hears it went', async () => {
    const w = world();
    const a = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1, plannedStartAt: '2026-11-24T08:00:00.000Z' });
    const b = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 2 });
    const moved = await w.service.assign(a.id, { crewId: 'south', version: 1 }, actor);
    expect(moved).to.include({ crewId: 'south', routePosition: 1, plannedStartAt: null });
    expect(w.day('north')).to.deep.equal([[b.id, 1]]);
    expect(w.day('south')).to.deep.equal([[a.id, 1]]);
    expect(w.locks).to.deep.equal([`wo:${a.id}`, `crewday:south:${TODAY}`, `crewday:north:${TODAY}`]);
    expect(w.published.map((e) => [e.type, e.crewId])).to.deep.equal([
      ['route.changed', 'south'],
      ['work_order.left_route', 'north'],
      ['route.changed', 'north'],
    ]);
  });

  it('When a job in progress would move to another crew, then WORK_IN_PROGRESS', async () => {
    const w = world();
    const wo = w.add({ status: 'in_progress', crewId: 'north', routeDate: TODAY, routePosition: 1 });
    expect((await refusal(w.service.assign(wo.id, { crewId: 'south', version: 1 }, actor))).code).to.equal('WORK_IN_PROGRESS');
    expect(w.rows.get(wo.id)).to.deep.equal(wo);
  });

  it('When a job is unassigned, then it goes back to accepted, off the day, the gap closes and its crew hears it left', async () => {
    const w = world();
    const a = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 1 });
    const b = w.add({ status: 'assigned', crewId: 'north', routeDate: TODAY, routePosition: 2 });
    const off = await w.service.unassign(a.id, 1, actor);
    expect(off).to.include({ status: 'accepted', crewId: null, routeDate: null, routePosition: null });
    expect(w.day('north')).to.deep.equal([[b.id, 1]]);
    expect(w.changes.map((c) => [c.id, c.type])).to.deep.equal([
      [a.id, 'unassigned'],
      [b.id, 'route_position'],
    ]);
    expect(w.published.map((e) => [e.type, e.crewId])).to.deep.equal([
      ['work_order.left_route', 'north'],
      ['route.changed', 'north'],
    ]);
  });

  it('When an unassigned job is unassigned, then NOT_ASSIGNED; with a stale version, STALE_VERSION', async () => {
    const w = world();
    const wo = w.add();
    expect((await refusal(w.service.unassign(wo.id, 1, actor))).code).to.equal('NOT_ASSIGNED');
    expect((await refusal(w.service.unassign(wo.id, 7, actor))).code).to.equal('STALE_VERSION');
  });
});
