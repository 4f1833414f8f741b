import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { createMailer } from '../../server/mail/mailer.js';
import { ReporterNoticeEntity } from '../../server/notifications/reporter-notice.entity.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { testApp, type TestApp } from '../support/app.js';
import { testConfigEnv } from '../support/fixtures.js';
import { smtpEnv, startSmtp, type TestSmtp } from '../support/smtp.js';

const BASE_URL = 'https://kerbside.example.gov.uk';

describe('reporter emails over real SMTP', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let spot = 0;
  const place = () => ({ lat: 53.4125 + (spot++ % 6) * 0.001, lng: -2.9420 - Math.floor(spot / 6) * 0.0015 });

  before(async () => {
    smtp = await startSmtp();
    const env = { ...smtpEnv(smtp.port), PUBLIC_BASE_URL: BASE_URL, REPORT_RATE_PER_MINUTE: '1000' };
    t = await testApp({ env, mailer: createMailer(loadConfig(testConfigEnv('/tmp/kerbside-notify-test', env))) });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const walk = async (id: string, path: WorkOrderStatus[], last?: { outcomeReason?: string; outcomeNote?: string }) => {
    for (const [i, to] of path.entries()) {
      const patch = i === path.length - 1 && last ? { ...last, closedAt: t.clock.now().toISOString() } : undefined;
      await t.deps.workOrders.changeById(id, { to, patch, actor: SYSTEM_ACTOR, event: { type: 'status', isPublic: true } });
    }
    await t.deps.notifications.settled();
  };

  it('When a resident leaves an email, then they receive an acknowledgement with the reference, the deadline and their tracking link', async () => {
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...place(), description: 'Cans and wrappers', email: 'ack@example.org', name: 'Ada' });
    expect(res.status).to.equal(201);
    const mail = await smtp.waitFor((m) => m.to.includes('ack@example.org'));
    expect(mail.subject).to.equal(`We've received your report ${res.body.reference}`);
    expect(mail.headers.from).to.contain('no-reply@kerbside.test');
    expect(mail.text).to.contain(`${BASE_URL}/track/${res.body.trackingToken}`);
    expect(mail.text).to.contain('Kensington and Fairfield');
    expect(mail.text).to.contain('Wednesday 25 November at 18:00');
  });

  it('When no email was given, then nothing is sent', async () => {
    const before = smtp.messages.length;
    await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...place(), description: 'No email here' });
    await t.deps.notifications.settled();
    expect(smtp.messages.length).to.equal(before);
  });

  it('When the work order is completed, then the reporter is told it was cleared, with the link to the after photo, exactly once', async () => {
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...place(), description: 'Litter', email: 'fixed@example.org' });
    await walk(res.body.workOrderId, ['accepted', 'assigned', 'in_progress', 'completed']);
    const mail = await smtp.waitFor((m) => m.to.includes('fixed@example.org') && m.subject.startsWith('Cleared'));
    expect(mail.subject).to.equal(`Cleared: your report ${res.body.reference}`);
    expect(mail.text).to.contain(`See the photo our crew took after clearing it: ${BASE_URL}/track/${res.body.trackingToken}`);
    // A later update of the closed job (a note, say) must not send it again.
    const wo = await t.deps.workOrders.get(res.body.workOrderId);
    t.deps.workOrders.announce(wo);
    await t.deps.notifications.settled();
    expect(smtp.messages.filter((m) => m.to.includes('fixed@example.org') && m.subject.startsWith('Cleared'))).to.have.length(1);
  });

  it('When the crew closes it without fixing (no access), then the reporter gets the honest reason and never the crew’s internal note', async () => {
    const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...place(), description: 'Litter', email: 'notfixed@example.org' });
    await walk(res.body.workOrderId, ['accepted', 'assigned', 'in_progress', 'not_completed'], { outcomeReason: 'no_access', outcomeNote: 'Gate code 4411, ask Mrs Jones' });
    const mail = await smtp.waitFor((m) => m.to.includes('notfixed@example.org') && m.subject.startsWith('Closed'));
    expect(mail.subject).to.equal(`Closed without clearing: your report ${res.body.reference}`);
    expect(mail.text).to.contain('could not get access');
    expect(mail.text).to.contain('This does not count as fixed');
    expect(mail.text).not.to.contain('4411');
    expect(mail.text).not.to.contain('Jones');
  });

  it('When two people reported the same problem, then both are told when it is cleared', async () => {
    const spotA = place();
    const a = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...spotA, description: 'Litter', email: 'one@example.org' });
    const b = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...spotA, description: 'Same litter', email: 'two@example.org' });
    expect(b.body.workOrderId).to.equal(a.body.workOrderId);
    await walk(a.body.workOrderId, ['accepted', 'assigned', 'in_progress', 'completed']);
    await smtp.waitFor((m) => m.to.includes('one@example.org') && m.subject.startsWith('Cleared'));
    await smtp.waitFor((m) => m.to.includes('two@example.org') && m.subject.startsWith('Cleared'));
  });

  it('When the mail server refuses the message, then the report still succeeds and is stored, and the notice is marked failed', async () => {
    smtp.refuse = true;
    try {
      const res = await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...place(), description: 'Litter', email: 'bounce@example.org' });
      expect(res.status).to.equal(201);
      await t.deps.notifications.settled();
      const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
      const notice = await t.deps.db.manager.getRepository(ReporterNoticeEntity).findOneByOrFail({ requestId: sr.id, kind: 'ack' });
      expect(notice.status).to.equal('failed');
    } finally {
      smtp.refuse = false;
    }
  });
});
