/**
 * The active crews CrewService keeps in memory for hot paths (the on-call
 * cover check), on in-memory fakes: reused until a crew is created, changed or
 * retired through the service here or on another instance, never kept past a
 * change it raced with.
 */
import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Crew } from '../../server/crews/crew.entity.js';
import { CrewService, type CrewServiceDeps } from '../../server/crews/crew.service.js';
import { FixedClock } from '../../server/platform/clock.js';
import type { CacheChannel } from '../../server/platform/event-bus.js';

const NOW = '2026-11-29T00:29:00.000Z';
const EM = {} as EntityManager;

function crew(name: string, over: Partial<Crew> = {}): Crew {
  return {
    id: name, name, depotLat: 53.4, depotLng: -2.95, leadUserId: null, members: [], skills: ['sharps'], capacity: 20,
    shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' }, exceptions: [], active: true, createdAt: NOW, version: 1, ...over,
  };
}

/** A held promise: resolves when the test says. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function fakeCrews() {
  const table = new Map<string, Crew>([['Crew 1', crew('Crew 1')]]);
  const reads = { count: 0, hold: null as Promise<void> | null };
  const announced: string[] = [];
  const listeners = new Map<string, () => void>();
  // Another instance's announcements arrive through `hear`.
  const channel: CacheChannel = {
    announce: (topic) => void announced.push(topic),
    onAnnounced: (topic, listener) => (listeners.set(topic, listener), () => listeners.delete(topic)),
  };
  const repo = {
    listCrews: async (includeInactive: boolean) => {
      reads.count++;
      const rows = [...table.values()].filter((c) => includeInactive || c.active).map((c) => structuredClone(c));
      if (reads.hold) await reads.hold;
      return rows;
    },
    findCrewById: async (id: string) => (table.has(id) ? structuredClone(table.get(id)!) : null),
    findCrewByName: async (name: string) => [...table.values()].find((c) => c.name === name) ?? null,
    insertCrew: async (c: Crew) => void table.set(c.id, structuredClone(c)),
    updateCrewIfVersion: async (c: Crew, version: number) => table.get(c.id)?.version === version && !!table.set(c.id, structuredClone(c)),
    setCrewActive: async (id: string, active: boolean, version: number) => void table.set(id, { ...table.get(id)!, active, version }),
  };
  const deps: CrewServiceDeps = {
    crews: repo as unknown as CrewServiceDeps['crews'],
    workOrders: { countOnCrewWithStatus: async () => 0 } as unknown as CrewServiceDeps['workOrders'],
    users: { findActiveById: async () => null },
    db: { transaction: (work) => work(EM) },
    clock: new FixedClock(new Date(NOW)),
    timeZone: 'Europe/London',
    cache: channel,
  };
  return { service: new CrewService(deps), table, reads, announced, hear: (topic: string) => listeners.get(topic)?.() };
}

const names = (crews: Crew[]) => crews.map((c) => c.name);

describe('crews kept for hot paths (unit)', () => {
  it('When nothing changes, then the active crews are read once however often they are asked for', async () => {
    const f = fakeCrews();
    await f.service.listCached();
    await f.service.listCached();
    await Promise.all([f.service.listCached(), f.service.listCached()]);
    expect(f.reads.count).to.equal(1);
  });

  it('When a crew is created, its shift changed or it is retired through the service, then the next reading has the change and the other instances are told', async () => {
    const f = fakeCrews();
    expect(names(await f.service.listCached())).to.deep.equal(['Crew 1']);

    const night = await f.service.create({ name: 'Night crew', depotLat: 53.4, depotLng: -2.95, skills: ['sharps'], shift: { days: [7], start: '00:00', end: '07:00' } });
    expect(names(await f.service.listCached())).to.have.members(['Crew 1', 'Night crew']);

    await f.service.update('Crew 1', 1, { shift: { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '08:00' } });
    expect((await f.service.listCached()).find((c) => c.name === 'Crew 1')?.shift).to.deep.equal({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '08:00' });

    await f.service.update('Crew 1', 2, { exceptions: [{ date: '2026-11-29', available: false, reason: 'Van off road' }] });
    expect((await f.service.listCached()).find((c) => c.name === 'Crew 1')?.exceptions).to.have.length(1);

    await f.service.retire(night.id);
    expect(names(await f.service.listCached())).to.deep.equal(['Crew 1']);

    expect(f.reads.count).to.equal(5);
    expect(f.announced).to.deep.equal(['crews', 'crews', 'crews', 'crews']);
  });

  it('When another instance announces a crew change, then the next reading here reads again', async () => {
    const f = fakeCrews();
    await f.service.listCached();
    f.table.set('Crew 1', { ...f.table.get('Crew 1')!, skills: ['general'], version: 2 });
    f.hear('crews');
    expect((await f.service.listCached())[0].skills).to.deep.equal(['general']);
    expect(f.reads.count).to.equal(2);
  });

  it('When a change is committed while a reading is on its way, then that reading is not kept', async () => {
    const f = fakeCrews();
    const held = gate();
    f.reads.hold = held.promise;
    const before = f.service.listCached();
    await f.service.update('Crew 1', 1, { skills: ['general'] });
    f.reads.hold = null;
    held.open();
    expect((await before)[0].skills, 'the reading that began before the change').to.deep.equal(['sharps']);
    expect((await f.service.listCached())[0].skills).to.deep.equal(['general']);
  });

  it('When a reading fails, then it is not kept and the next one reads again', async () => {
    const f = fakeCrews();
    f.reads.hold = Promise.reject(new Error('connection lost'));
    f.reads.hold.catch(() => undefined);
    await f.service.listCached().then(
      () => expect.fail('the failed reading resolved'),
      (e: Error) => expect(e.message).to.equal('connection lost'),
    );
    f.reads.hold = null;
    expect(names(await f.service.listCached())).to.deep.equal(['Crew 1']);
  });
});
