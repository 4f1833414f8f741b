import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { createMailer } from '../../server/mail/mailer.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD, testConfigEnv } from '../support/fixtures.js';
import { smtpEnv, startSmtp, type TestSmtp } from '../support/smtp.js';
import { crewId, CREW1, photoFile, send } from './crew-job-builders.js';

describe('the "Cleared" email waits for accepted evidence', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtp();
    const env = { ...smtpEnv(smtp.port), PUBLIC_BASE_URL: 'https://kerbside.example.gov.uk' };
    t = await testApp({ env, mailer: createMailer(loadConfig(testConfigEnv('/tmp/kerbside-evidence-email-test', env))) });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('When a job is closed on a far-away photo, then no "Cleared" email goes out until the office accepts the evidence, and then exactly one', async () => {
    const r = await t.deps.intake.submit(
      { categoryCode: 'litter', ...SHEIL_ROAD, description: 'Bags split', source: 'public', contact: { name: 'Ada', email: 'ada.cleared@example.org', phone: null } },
      { kind: 'anonymous', label: 'Member of the public' },
    );
    let wo = await t.deps.workOrders.get(r.workOrderId);
    wo = await t.deps.triage.accept(wo.id, wo.version, SYSTEM_ACTOR);
    await t.deps.dispatch.assign(wo.id, { crewId: await crewId(t.deps, CREW1), version: wo.version }, SYSTEM_ACTOR);
    const crew = await t.as('crew_lead');
    const onSpot = { lat: SHEIL_ROAD.lat, lng: SHEIL_ROAD.lng, accuracyM: 10, capturedAt: t.clock.now().toISOString() };
    await send(crew, wo.id, 'start', { photo: photoFile('orientation/pillow_hopper.jpg'), data: { device: onSpot } }).expect(200);
    const done = await send(crew, wo.id, 'complete', { photo: photoFile('gps/spatialite_DSCN0042.jpg'), data: { device: onSpot } });
    expect(done.body.evidence.status).to.equal('needs_review');
    await t.deps.notifications.settled();
    const cleared = () => smtp.messages.filter((m) => m.to.includes('ada.cleared@example.org') && /^Cleared/.test(m.subject ?? ''));
    expect(cleared()).to.have.length(0);

    const d = await t.as('dispatcher');
    await d.post(`/api/work-orders/${wo.id}/evidence-review`).send({ decision: 'accept', note: 'Checked', version: done.body.version }).expect(200);
    await t.deps.notifications.settled();
    const mail = await smtp.waitFor((m) => m.to.includes('ada.cleared@example.org') && /^Cleared/.test(m.subject ?? ''));
    expect(mail.text).to.contain('was cleared on');
    expect(cleared()).to.have.length(1);
  });

  it('When an after photo was taken before the job was started, then it is flagged "taken before the job was started"', async () => {
    const r = await t.deps.intake.submit({ categoryCode: 'litter', lat: SHEIL_ROAD.lat + 0.01, lng: SHEIL_ROAD.lng, description: 'Cans', source: 'public' }, { kind: 'anonymous', label: 'Member of the public' });
    let wo = await t.deps.workOrders.get(r.workOrderId);
    wo = await t.deps.triage.accept(wo.id, wo.version, SYSTEM_ACTOR);
    await t.deps.dispatch.assign(wo.id, { crewId: await crewId(t.deps, CREW1), version: wo.version }, SYSTEM_ACTOR);
    const crew = await t.as('crew_lead');
    const here = { lat: SHEIL_ROAD.lat + 0.01, lng: SHEIL_ROAD.lng, accuracyM: 10 };
    const startedAt = t.clock.now().toISOString();
    await send(crew, wo.id, 'start', { photo: photoFile('orientation/pillow_hopper.jpg'), data: { device: { ...here, capturedAt: startedAt } } }).expect(200);
    t.clock.advance(30 * 60_000);
    const early = new Date(Date.parse(startedAt) - 20 * 60_000).toISOString();
    const done = await send(crew, wo.id, 'complete', { photo: photoFile('orientation/pillow_hopper_orientation_3.jpg'), data: { device: { ...here, capturedAt: early } } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.evidence.flags).to.deep.equal(['taken_before_start']);
    expect(done.body.evidence.flagWords).to.deep.equal(['taken before the job was started']);
  });
});
