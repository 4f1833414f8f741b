/** Out-of-hours escalation with in-memory fakes: what escalations arriving together share, and what each still gets alone. */
import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Category } from '../../server/categories/category.entity.js';
import type { Crew } from '../../server/crews/crew.entity.js';
import { crewDutyAt } from '../../server/crews/crew.service.js';
import type { MailMessage } from '../../server/mail/mailer.js';
import type { OnCallSlot } from '../../server/on-call/on-call.entity.js';
import { OnCallService, type OnCallServiceDeps } from '../../server/on-call/on-call.service.js';
import { FixedClock } from '../../server/platform/clock.js';
import { EventBus, type LiveEvent } from '../../server/platform/event-bus.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { quietLogger } from '../support/fixtures.js';
import { blankWorkOrder } from '../support/work-order-row.js';

const TZ = 'Europe/London';
const SUNDAY_NIGHT = '2026-11-29T00:29:00.000Z'; // no crew works on Sunday
const EM = {} as EntityManager;

const SHARPS = { code: 'sharps', name: 'Needles or sharps', hazard: true, requiredSkill: 'sharps' } as Category;
const LITTER = { code: 'litter', name: 'Litter', hazard: false, requiredSkill: 'general' } as Category;

const CREW = {
  id: 'crew-1', name: 'Crew 1', skills: ['general', 'sharps'], shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' }, exceptions: [], active: true,
} as unknown as Crew;

const OLU: OnCallSlot = { id: 'slot-1', contactName: 'Olu Okafor', email: 'olu@council.test', phone: null, days: [1, 2, 3, 4, 5, 6, 7], start: '15:00', end: '07:00', createdAt: SUNDAY_NIGHT, version: 1 };

/** A held promise: resolves when the test says. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function fakeOnCall() {
  const clock = new FixedClock(new Date(SUNDAY_NIGHT));
  const jobs = new Map<string, WorkOrder>();
  const calls = { crewReads: 0, rotaReads: 0, jobReads: 0, statements: 0 };
  let crewsKept: Promise<Crew[]> | null = null;
  /** The ids each read of jobs asked for, and the work orders each insert of events wrote to. */
  const jobReads: string[][] = [];
  const inserts: string[][] = [];
  const written: { workOrderId: string; type: string; note: string | null | undefined; data: unknown }[] = [];
  const mails: MailMessage[] = [];
  const live: LiveEvent[] = [];
  const refused = new Set<string>();
  const slots = new Map<string, OnCallSlot>([[OLU.id, { ...OLU }]]);
  let queue: Promise<unknown> = Promise.resolve();
  let durable = gate();
  durable.open();
  const events = new EventBus();
  events.subscribe((e) => live.push(e));

  // The rota's table, in memory; only `list` is what escalation reads.
  const rota = {
    list: async () => (calls.rotaReads++, [...slots.values()].map((s) => ({ ...s }))),
    findById: async (id: string) => (slots.has(id) ? { ...slots.get(id)! } : null),
    insert: async (slot: OnCallSlot) => void slots.set(slot.id, { ...slot }),
    updateIfVersion: async (slot: OnCallSlot, version: number) => slots.get(slot.id)?.version === version && !!slots.set(slot.id, { ...slot }),
    remove: async (id: string) => slots.delete(id),
  };

  const deps: OnCallServiceDeps = {
    rota: rota as unknown as OnCallServiceDeps['rota'],
    // Kept in memory as CrewService.listCached keeps them: read once.
    crews: { listCached: () => (crewsKept ??= Promise.resolve((calls.crewReads++, [CREW]))), dutyAt: (crew, at = clock.now()) => crewDutyAt(crew, at, TZ) },
    categories: { findCached: async (code) => [SHARPS, LITTER].find((c) => c.code === code) ?? null },
    workOrders: {
      // One statement for all of them, as the multi-row insert is: one refused row fails it whole.
      addEvents: async (_em, batch) => {
        inserts.push(batch.map((e) => e.workOrderId));
        if (batch.some((e) => refused.has(e.workOrderId))) throw new Error('foreign key violation');
        for (const { workOrderId, event: e } of batch) written.push({ workOrderId, type: e.type, note: e.note, data: e.data });
      },
      liveEventOf: (wo, type = 'work_order.updated') => ({ type, workOrderId: wo.id, data: { version: wo.version } }),
    },
    workOrderRows: {
      findRows: async (ids) => {
        calls.jobReads++;
        jobReads.push([...ids]);
        return new Map(ids.filter((id) => jobs.has(id)).map((id) => [id, jobs.get(id)!]));
      },
    },
    db: {
      // PostgreSQL's timing: escalations of one turn share their statements (SQLite waits a tenth of a second for more).
      dialect: 'postgres',
      transactionSyncedOffLoop: () => Promise.reject(new Error('escalation events are one statement, no transaction')),
      // One at a time, as on SQLite.
      statementSyncedOffLoop: (work) => {
        const run = queue.then(async () => {
          calls.statements++;
          return { value: await work(EM), durable: durable.promise };
        });
        queue = run.catch(() => undefined);
        return run;
      },
    },
    wardLocator: { ward: () => ({ code: 'E05000001', name: 'Kensington and Fairfield' }) as never },
    mailer: { description: 'memory', send: async (m) => (mails.push(m), { messageId: `<${mails.length}@test>` }) },
    events,
    clock,
    config: { timeZone: TZ, publicBaseUrl: 'https://kerbside.test', councilName: 'Test Council' },
    logger: quietLogger,
  };
  const service = new OnCallService(deps);
  const job = (category: Category) => {
    const wo = blankWorkOrder(SUNDAY_NIGHT, { categoryCode: category.code, status: 'new', postcode: 'L7 0HA', version: 1 });
    jobs.set(wo.id, wo);
    return wo;
  };
  return {
    service, clock, calls, jobReads, inserts, written, mails, live, refused, job, events,
    holdDurability: () => (durable = gate()),
  };
}

describe('on-call escalation (unit)', () => {
  it('When several hazards arrive in one turn out of hours, then each gets one email and one event, and they share one reading of crews and rota, one read of their jobs and one insert of their events', async () => {
    const f = fakeOnCall();
    const jobs = [f.job(SHARPS), f.job(SHARPS), f.job(SHARPS)];
    await Promise.all(jobs.map((wo) => f.service.escalateIfUncovered(wo.id, wo.categoryCode)));

    expect(f.mails.map((m) => m.to)).to.deep.equal(['olu@council.test', 'olu@council.test', 'olu@council.test']);
    for (const wo of jobs) {
      const mail = f.mails.filter((m) => m.text.includes(wo.reference));
      expect(mail, wo.reference).to.have.length(1);
      expect(mail[0].subject).to.equal(`Out of hours: Needles or sharps ${wo.reference}, near L7 0HA`);
      expect(mail[0].text).to.contain('Crew 1 comes on duty at Monday 30 November at 07:00.');
    }
    expect(f.written.map((e) => e.workOrderId).sort()).to.deep.equal(jobs.map((wo) => wo.id).sort());
    expect(f.written[0]).to.deep.include({
      type: 'escalated',
      note: 'Out of hours: no crew with the skill on shift; on-call Olu Okafor emailed. Crew 1 comes on duty at Monday 30 November at 07:00.',
      data: { onCall: { id: 'slot-1', name: 'Olu Okafor' }, nextCrewAt: '2026-11-30T07:00:00.000Z' },
    });
    expect(f.calls).to.deep.equal({ crewReads: 1, rotaReads: 1, jobReads: 1, statements: 1 });
    expect(f.jobReads[0]).to.have.members(jobs.map((wo) => wo.id));
    expect(f.inserts).to.have.length(1);
    expect(f.inserts[0]).to.have.members(jobs.map((wo) => wo.id));
    expect(f.service.escalatedJobs.stats).to.deep.equal({ reads: 1, ids: 3 });
    expect(f.service.escalationWrites.stats).to.include({ batches: 1, items: 3, retried: 0 });
    // Each job's page hears of it once, at its unchanged version, and the on-call live event goes out once per job.
    for (const wo of jobs) {
      expect(f.live.filter((e) => e.workOrderId === wo.id).map((e) => e.type)).to.deep.equal(['work_order.updated', 'oncall.escalated']);
      expect(f.live.find((e) => e.workOrderId === wo.id && e.type === 'work_order.updated')?.data?.version).to.equal(1);
    }
  });

  it('When the rota is not changed, then later turns reuse it; when it is changed, moved or emptied through the service, then the next hazard is decided on the change', async () => {
    const f = fakeOnCall();
    const nobody = 'Out of hours: no crew with the skill on shift and nobody on call by the rota. Crew 1 comes on duty at Monday 30 November at 07:00.';
    const emailed = (name: string) => `Out of hours: no crew with the skill on shift; on-call ${name} emailed. Crew 1 comes on duty at Monday 30 November at 07:00.`;
    const escalateNext = async () => {
      await nextTurn();
      const wo = f.job(SHARPS);
      await f.service.escalateIfUncovered(wo.id, 'sharps');
      return f.written.find((e) => e.workOrderId === wo.id)?.note;
    };

    expect(await escalateNext()).to.equal(emailed('Olu Okafor'));
    expect(await escalateNext()).to.equal(emailed('Olu Okafor'));
    expect(f.calls.rotaReads, 'the second turn reads the rota again').to.equal(1);

    // Olu's slot (from 15:00 the day before) now ends at 00:15, before this 00:29.
    await f.service.update(OLU.id, 1, { end: '00:15' });
    expect(await escalateNext()).to.equal(nobody);
    const ada = await f.service.create({ contactName: 'Ada Obi', email: 'ada@council.test', phone: null, days: [7], start: '00:00', end: '06:00' });
    expect(await escalateNext()).to.equal(emailed('Ada Obi'));
    await f.service.remove(ada.id);
    expect(await escalateNext()).to.equal(nobody);

    expect(f.calls.rotaReads).to.equal(4);
    expect(f.mails.map((m) => m.to)).to.deep.equal(['olu@council.test', 'olu@council.test', 'ada@council.test']);
  });

  it('When a crew with the skill is on shift or the job is no hazard, then nothing is read beyond the crews, mailed or written', async () => {
    const f = fakeOnCall();
    f.clock.set('2026-11-24T10:00:00.000Z'); // Tuesday morning: Crew 1 is on
    await f.service.escalateIfUncovered(f.job(SHARPS).id, 'sharps');
    await f.service.escalateIfUncovered(f.job(LITTER).id, 'litter');
    expect(f.mails).to.have.length(0);
    expect(f.written).to.have.length(0);
    expect(f.calls).to.deep.include({ rotaReads: 0, jobReads: 0, statements: 0 });
  });

  it('When one event of a batch cannot be written, then the others are still written, each in a statement of its own, and only that escalation fails', async () => {
    const f = fakeOnCall();
    const [good, bad, alsoGood] = [f.job(SHARPS), f.job(SHARPS), f.job(SHARPS)];
    f.refused.add(bad.id);
    const outcomes = await Promise.allSettled([good, bad, alsoGood].map((wo) => f.service.escalateIfUncovered(wo.id, 'sharps')));
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(f.written.map((e) => e.workOrderId).sort()).to.deep.equal([good.id, alsoGood.id].sort());
    expect(f.inserts.slice(1), 'after the refused batch').to.have.deep.members([[good.id], [bad.id], [alsoGood.id]]);
    expect(f.live.filter((e) => e.type === 'oncall.escalated').map((e) => e.workOrderId)).to.have.members([good.id, alsoGood.id]);
  });

  it('When one job of a turn is gone by the time it is read, then only its escalation fails, and the others are read and written together', async () => {
    const f = fakeOnCall();
    const [good, alsoGood] = [f.job(SHARPS), f.job(SHARPS)];
    const outcomes = await Promise.allSettled([good.id, 'deleted-meanwhile', alsoGood.id].map((id) => f.service.escalateIfUncovered(id, 'sharps')));
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).to.include({ code: 'WORK_ORDER_NOT_FOUND' });
    expect(f.jobReads).to.have.length(1);
    expect(f.inserts).to.have.length(1);
    expect(f.inserts[0]).to.have.members([good.id, alsoGood.id]);
    expect(f.mails).to.have.length(2);
  });

  it('When escalations are heard from new-job events, then settled() waits until their events are on disk and published', async () => {
    const f = fakeOnCall();
    f.service.listen();
    const sync = f.holdDurability();
    const jobs = [f.job(SHARPS), f.job(SHARPS)];
    for (const wo of jobs) f.events.publish({ type: 'work_order.created', workOrderId: wo.id, data: { categoryCode: 'sharps' } });
    let settled = false;
    const waiting = f.service.settled().then(() => (settled = true));
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(f.written, 'written, not yet synced').to.have.length(2);
    expect(settled, 'settled before the events were on disk').to.equal(false);
    expect(f.live.filter((e) => e.type === 'oncall.escalated')).to.have.length(0);

    sync.open();
    await waiting;
    expect(f.live.filter((e) => e.type === 'oncall.escalated').map((e) => e.workOrderId)).to.have.members(jobs.map((wo) => wo.id));
  });
});
