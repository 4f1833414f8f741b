/** Out-of-hours escalation of hazards over the API, with many reports at once: one email and one history entry each, and nobody's open copy made stale. */
import { expect } from 'chai';
import type { LiveEvent } from '../../server/platform/event-bus.js';
import { MemoryMailer, testApp, type TestApp } from '../support/app.js';

const SUNDAY_NIGHT = '2026-11-29T00:29:00.000Z'; // no demo crew works on Sunday

describe('on-call escalation (API)', () => {
  let t: TestApp;
  let mailer: MemoryMailer;
  const live: LiveEvent[] = [];

  before(async () => {
    mailer = new MemoryMailer();
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' }, mailer });
    t.deps.events.subscribe((e) => live.push(e));
    const admin = await t.as('admin');
    await admin.post('/api/on-call').send({ contactName: 'Olu Okafor', email: 'olu@council.test', days: [1, 2, 3, 4, 5, 6, 7], start: '15:00', end: '07:00' }).expect(201);
  });
  after(() => t.close());

  it('When several hazards are reported at once out of hours, then each is escalated once: one email, one escalated event, and its version unchanged', async () => {
    t.clock.set(SUNDAY_NIGHT);
    // Far enough apart (25 m dedupe radius) to be separate jobs; sharps and condoms both need the sharps skill.
    const bodies = Array.from({ length: 6 }, (_, i) =>
      i % 2
        ? { categoryCode: 'condoms', lat: 53.4125 + i * 0.001, lng: -2.942, description: 'Used condoms in the alley', answers: { item_count: 3 } }
        : { categoryCode: 'sharps', lat: 53.4125 + i * 0.001, lng: -2.942, description: 'Needles by the entry', answers: { item_count: 2, near_play_area: false } },
    );
    const created = await Promise.all(bodies.map((b) => t.anon().post('/api/reports').send(b).expect(201)));
    const ids = created.map((r) => r.body.workOrderId as string);
    expect(new Set(ids).size).to.equal(6);
    await t.deps.onCall.settled();

    const d = await t.as('dispatcher');
    const escalations = mailer.sent.filter((m) => m.to === 'olu@council.test');
    expect(escalations).to.have.length(6);
    for (const id of ids) {
      const wo = (await d.get(`/api/work-orders/${id}`).expect(200)).body as { reference: string; version: number; events: { type: string; note: string | null; actorLabel: string }[] };
      expect(escalations.filter((m) => m.subject.includes(wo.reference)), wo.reference).to.have.length(1);
      const escalated = wo.events.filter((e) => e.type === 'escalated');
      expect(escalated, wo.reference).to.have.length(1);
      expect(escalated[0].note).to.equal('Out of hours: no crew with the skill on shift; on-call Olu Okafor emailed. Crew 1 – Sharps & hazards comes on duty at Monday 30 November at 07:00.');
      expect(escalated[0].actorLabel).to.equal('Kerbside (automatic)');
      // Only an event was added: the job is at the version it was created with, so a copy opened before still acts.
      const createdAt = live.find((e) => e.type === 'work_order.created' && e.workOrderId === id);
      expect(wo.version).to.equal(createdAt?.data?.version);
      await d.post(`/api/work-orders/${id}/public-updates`).send({ version: createdAt?.data?.version, message: 'A crew has been called out.' }).expect(200);
      expect(live.filter((e) => e.type === 'oncall.escalated' && e.workOrderId === id)).to.have.length(1);
    }
  });

  it('When the on-call slot is removed, then the next hazard out of hours records that nobody was on call and emails no one', async () => {
    t.clock.set(SUNDAY_NIGHT);
    const admin = await t.as('admin');
    const rota = (await admin.get('/api/on-call').expect(200)).body as { slots: { id: string }[] };
    for (const slot of rota.slots) await admin.delete(`/api/on-call/${slot.id}`).expect(204);
    const before = mailer.sent.length;
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'sharps', lat: 53.405, lng: -2.95, description: 'A syringe', answers: { item_count: 1, near_play_area: false } }).expect(201);
    await t.deps.onCall.settled();

    expect(mailer.sent.slice(before).filter((m) => m.to === 'olu@council.test')).to.have.length(0);
    const wo = (await (await t.as('dispatcher')).get(`/api/work-orders/${res.body.workOrderId}`).expect(200)).body as { events: { type: string; note: string | null }[] };
    expect(wo.events.filter((e) => e.type === 'escalated').map((e) => e.note)).to.deep.equal([
      'Out of hours: no crew with the skill on shift and nobody on call by the rota. Crew 1 – Sharps & hazards comes on duty at Monday 30 November at 07:00.',
    ]);
  });

  it('When the rota and a crew’s shift are changed through the API, then the next hazard out of hours is decided on each change at once', async () => {
    t.clock.set(SUNDAY_NIGHT);
    const admin = await t.as('admin');
    const d = await t.as('dispatcher');
    let spot = 0;
    /** A new hazard's `escalated` notes and the escalation emails it caused. */
    const hazard = async () => {
      const before = mailer.sent.length;
      const res = await t.anon().post('/api/reports').send({ categoryCode: 'sharps', lat: 53.4 + spot++ * 0.001, lng: -2.96, description: 'A syringe', answers: { item_count: 1, near_play_area: false } }).expect(201);
      await t.deps.onCall.settled();
      const wo = (await d.get(`/api/work-orders/${res.body.workOrderId}`).expect(200)).body as { reference: string; events: { type: string; note: string | null }[] };
      return {
        notes: wo.events.filter((e) => e.type === 'escalated').map((e) => e.note),
        mailedTo: mailer.sent.slice(before).filter((m) => m.subject.includes(wo.reference)).map((m) => m.to),
      };
    };
    const nextCrew = 'Crew 1 – Sharps & hazards comes on duty at Monday 30 November at 07:00.';
    // The rota is empty (the test before removed it), and that has been read.
    expect(await hazard()).to.deep.equal({ notes: [`Out of hours: no crew with the skill on shift and nobody on call by the rota. ${nextCrew}`], mailedTo: [] });

    const slot = (await admin.post('/api/on-call').send({ contactName: 'Ada Obi', email: 'ada@council.test', days: [7], start: '00:00', end: '06:00' }).expect(201)).body as { id: string; version: number };
    expect(await hazard()).to.deep.equal({ notes: [`Out of hours: no crew with the skill on shift; on-call Ada Obi emailed. ${nextCrew}`], mailedTo: ['ada@council.test'] });

    await admin.patch(`/api/on-call/${slot.id}`).send({ version: slot.version, start: '01:00' }).expect(200);
    expect(await hazard()).to.deep.equal({ notes: [`Out of hours: no crew with the skill on shift and nobody on call by the rota. ${nextCrew}`], mailedTo: [] });

    // The sharps crew is called in for the night: a crew with the skill is on shift, so nobody is escalated to.
    const crews = (await admin.get('/api/crews').expect(200)).body as { id: string; name: string; version: number }[];
    const sharps = crews.find((c) => c.name === 'Crew 1 – Sharps & hazards')!;
    const called = (await admin.patch(`/api/crews/${sharps.id}`).send({ version: sharps.version, exceptions: [{ date: '2026-11-29', available: true, start: '00:00', end: '07:00', reason: 'Called in' }] }).expect(200)).body as { version: number };
    expect(await hazard()).to.deep.equal({ notes: [], mailedTo: [] });

    await admin.patch(`/api/crews/${sharps.id}`).send({ version: called.version, exceptions: [] }).expect(200);
    expect(await hazard()).to.deep.equal({ notes: [`Out of hours: no crew with the skill on shift and nobody on call by the rota. ${nextCrew}`], mailedTo: [] });
  });
});
