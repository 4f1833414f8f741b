/** The dispatcher's day over the API: places, job-page actions, shift awareness, the planner's reasons and out-of-hours cover. */
import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { createMailer } from '../../server/mail/mailer.js';
import { testApp, type TestApp } from '../support/app.js';
import { testConfigEnv } from '../support/fixtures.js';
import { smtpEnv, startSmtp, type TestSmtp } from '../support/smtp.js';

const PIN = { lat: 53.4117, lng: -2.947 };

describe('dispatcher’s day (API)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let spot = 0;
  const place = () => ({ lat: 53.4125 + (spot++ % 6) * 0.0012, lng: -2.942 - Math.floor(spot / 6) * 0.0015 });

  before(async () => {
    smtp = await startSmtp();
    const env = { ...smtpEnv(smtp.port), REPORT_RATE_PER_MINUTE: '1000' };
    t = await testApp({ env, mailer: createMailer(loadConfig(testConfigEnv('/tmp/kerbside-day-test', env))) });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });
  afterEach(() => t.clock.set('2026-11-24T10:00:00.000Z'));

  const report = async (body: Record<string, unknown>) => {
    const res = await t.anon().post('/api/reports').send(body).expect(201);
    return { created: res.body as { workOrderId: string; trackingToken: string; reference: string }, wo: (await (await t.as('dispatcher')).get(`/api/work-orders/${res.body.workOrderId}`)).body };
  };

  it('When a report is only a map point, then its work order has the nearest postcode, and /api/postcodes/nearest names the same one', async () => {
    const { wo } = await report({ categoryCode: 'litter', ...PIN, description: 'Cans along the alley' });
    expect(wo.postcode).to.match(/^L\d+ \d[A-Z]{2}$/);
    const near = await t.anon().get('/api/postcodes/nearest').query(PIN).expect(200);
    expect(near.body.postcode).to.equal(wo.postcode);
    expect(near.body.ward.name).to.equal('Kensington and Fairfield');
    expect((await t.anon().get('/api/postcodes/nearest').query({ lat: 'x', lng: 1 })).status).to.equal(400);
    expect((await t.anon().get('/api/postcodes/nearest').query({ lat: 51.5, lng: -0.12 }).expect(200)).body.postcode, 'outside the shipped data').to.equal(null);
  });

  it('When the dispatcher sends a public update, then the reporter is emailed, the tracking page and Open311 show it', async () => {
    const { created, wo } = await report({ categoryCode: 'litter', ...place(), description: 'Bottles by the bus stop', email: 'update@example.org' });
    const d = await t.as('dispatcher');
    await d.post(`/api/work-orders/${wo.id}/public-updates`).send({ version: wo.version, message: 'A crew will be there on Thursday morning.' }).expect(200);
    await t.deps.notifications.settled();
    const mail = await smtp.waitFor((m) => m.to.includes('update@example.org') && /Update on your report/.test(m.subject));
    expect(mail.text).to.contain('A crew will be there on Thursday morning.');
    const track = (await t.anon().get(`/api/track/${created.trackingToken}`).expect(200)).body as { timeline: { text: string; note: string | null }[] };
    expect(track.timeline.find((e) => e.text === 'Update from the council')?.note).to.equal('A crew will be there on Thursday morning.');
    const o311 = (await t.anon().get(`/open311/v2/requests/${created.reference}.json`).expect(200)).body as { status_notes: string | null }[];
    expect(o311[0].status_notes).to.equal('A crew will be there on Thursday morning.');
    // FixMyStreet's poll of the updates feed hears it too, with the status unchanged.
    const key = (await t.deps.apiClients.create('FixMyStreet')).key;
    const updates = (await t.anon().get('/open311/v2/servicerequestupdates.json').query({ api_key: key, start_date: wo.createdAt, end_date: t.clock.now().toISOString() }).expect(200)).body as { service_request_id: string; description: string; status: string }[];
    const update = updates.find((u) => u.service_request_id === created.reference && u.description === 'A crew will be there on Thursday morning.');
    expect(update, JSON.stringify(updates)).to.exist;
    expect(update!.status).to.equal('open');
    // A stale version is refused with the current one.
    const stale = await d.post(`/api/work-orders/${wo.id}/public-updates`).send({ version: wo.version, message: 'Again' });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('STALE_VERSION');
  });

  it('When a job is cancelled and reopened, then it is off the crew, back in planning, and reopening an open job is refused', async () => {
    const d = await t.as('dispatcher');
    const crews = (await d.get('/api/crews')).body as { id: string; name: string }[];
    const { wo } = await report({ categoryCode: 'litter', ...place(), description: 'Litter on the verge' });
    const assigned = (await d.post(`/api/work-orders/${wo.id}/assign`).send({ version: wo.version, crewId: crews[2].id }).expect(200)).body;
    expect(assigned.offShift).to.equal(null);
    const refused = await d.post(`/api/work-orders/${wo.id}/reopen`).send({ version: assigned.version, reason: 'Back again' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('NOT_CLOSED');
    const cancelled = (await d.post(`/api/work-orders/${wo.id}/cancel`).send({ version: assigned.version, reason: 'Cleared by the landowner' }).expect(200)).body;
    expect(cancelled.status).to.equal('cancelled');
    const reopened = (await d.post(`/api/work-orders/${wo.id}/reopen`).send({ version: cancelled.version, reason: 'Resident says it is back' }).expect(200)).body;
    expect(reopened).to.include({ status: 'reopened', crewId: null, routeDate: null, closedAt: null });
    expect(reopened.events.at(-1)).to.include({ type: 'reopened', note: 'Resident says it is back', actorLabel: 'Dana Dispatcher' });
    expect((await d.post(`/api/work-orders/${wo.id}/reopen`).send({ version: reopened.version, reason: 'x' })).status).to.equal(400);
  });

  it('When a crew is off shift, then availability says when it is next on and assigning to it answers with that warning', async () => {
    t.clock.set('2026-11-24T18:00:00.000Z'); // Tuesday evening: the demo crews work 07:00–15:00
    const d = await t.as('dispatcher');
    const duty = (await d.get('/api/crews/availability').expect(200)).body as { crewId: string; onShift: boolean; shift: { start: string } | null }[];
    expect(duty.every((c) => !c.onShift)).to.equal(true);
    expect(duty[0].shift?.start).to.equal('2026-11-25T07:00:00.000Z');
    const { wo } = await report({ categoryCode: 'litter', ...place(), description: 'Wrappers' });
    const res = (await d.post(`/api/work-orders/${wo.id}/assign`).send({ version: wo.version, crewId: duty[2].crewId }).expect(200)).body;
    expect(res.offShift).to.include({ crewId: duty[2].crewId, nextOnAt: '2026-11-25T07:00:00.000Z' });
  });

  it('When the planner can plan nothing, then every job has its reason and the empty plan cannot be published', async () => {
    t.clock.set('2026-11-24T16:00:00.000Z');
    const d = await t.as('dispatcher');
    const plan = (await d.post('/api/plans').send({}).expect(201)).body;
    expect(plan.summary.planned).to.equal(0);
    expect(plan.summary.reasons.length).to.equal(plan.summary.unplanned.length).and.be.greaterThan(0);
    expect(plan.summary.reasons[0]).to.include({ code: 'no_crew_on_shift' });
    const publish = await d.post(`/api/plans/${plan.id}/publish`).send({});
    expect(publish.status).to.equal(409);
    expect(publish.body.error.code).to.equal('PLAN_EMPTY');

    // On Tuesday morning, a category whose skill no crew on shift has is explained as such.
    t.clock.set('2026-11-24T08:00:00.000Z');
    const admin = await t.as('admin');
    const crews = (await admin.get('/api/crews')).body as { id: string; name: string; version: number; skills: string[] }[];
    const graffiti = crews.find((c) => c.skills.includes('graffiti-removal'))!;
    await admin.patch(`/api/crews/${graffiti.id}`).send({ version: graffiti.version, exceptions: [{ date: '2026-11-24', available: false, reason: 'Van in for repair' }] }).expect(200);
    const { wo } = await report({ categoryCode: 'graffiti', ...place(), description: 'Tags on the shutters', answers: { offensive: false } });
    await d.post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200);
    const second = (await d.post('/api/plans').send({}).expect(201)).body;
    expect(second.summary.reasons.find((r: { workOrderId: string }) => r.workOrderId === wo.id)).to.include({ code: 'no_crew_with_skill' });
  });

  it('When a hazard is reported with no crew with its skill on shift, then the on-call contact is emailed, the job records it, and the resident hears when a crew comes', async () => {
    const admin = await t.as('admin');
    await admin.post('/api/on-call').send({ contactName: 'Olu Okafor', email: 'olu@council.test', days: [1, 2, 3, 4, 5, 6, 7], start: '15:00', end: '07:00' }).expect(201);
    expect((await admin.post('/api/on-call').send({ contactName: 'X', email: 'not-an-email', days: [1], start: '15:00', end: '07:00' })).status).to.equal(400);
    t.clock.set('2026-11-29T00:29:00.000Z'); // Sunday: no demo crew works
    const rota = (await (await t.as('dispatcher')).get('/api/on-call').expect(200)).body;
    expect(rota.nowOnCall.contactName).to.equal('Olu Okafor');
    const { wo } = await report({ categoryCode: 'sharps', ...place(), description: 'Needles by the entry', answers: { item_count: 2, near_play_area: true }, email: 'needles@example.org' });
    await t.deps.onCall.settled();
    await t.deps.notifications.settled();
    const escalation = await smtp.waitFor((m) => m.to.includes('olu@council.test'));
    expect(escalation.text).to.contain(wo.reference).and.contain('Monday 30 November at 07:00').and.not.contain('needles@example.org');
    const ack = await smtp.waitFor((m) => m.to.includes('needles@example.org'));
    expect(ack.text).to.contain('No crew is on duty right now').and.contain('on-call officer has been alerted');
    const after = (await (await t.as('dispatcher')).get(`/api/work-orders/${wo.id}`)).body;
    expect(after.events.map((e: { type: string }) => e.type)).to.include('escalated');

    // In hours, with the sharps crew on shift, nobody is called.
    t.clock.set('2026-11-24T10:00:00.000Z');
    const before = smtp.messages.length;
    await report({ categoryCode: 'sharps', lat: 53.409, lng: -2.951, description: 'A syringe', answers: { item_count: 1, near_play_area: false } });
    await t.deps.onCall.settled();
    expect(smtp.messages.slice(before).filter((m) => m.to.includes('olu@council.test'))).to.have.length(0);
  });
});
