/**
 * What a resident is told about a closed job, over the API: only events marked
 * public, in the words written for them, reach the reporter's tracking page and
 * email; the public page carries no notes at all.
 */
import { expect } from 'chai';
import { testApp, type MemoryMailer, type TestApp } from '../support/app.js';

const OFFICE_NOTE = 'Landowner is a councillor; do not chase';

describe('resident privacy of closing notes (API)', () => {
  let t: TestApp;
  let spot = 0;

  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
  });
  after(() => t.close());

  const report = async (email: string, description = 'Bags by the wall') => {
    const at = { lat: 53.4125 + (spot % 5) * 0.0012, lng: -2.942 - Math.floor(spot++ / 5) * 0.0015 };
    return (await t.anon().post('/api/reports').send({ categoryCode: 'litter', ...at, description, email }).expect(201)).body as { workOrderId: string; trackingToken: string; reference: string };
  };
  const mailsTo = (address: string) => (t.mailer as MemoryMailer).sent.filter((m) => m.to === address);

  it('When a job is cancelled with a note kept for the office, then the tracking page, the public page and the closure email leave it out', async () => {
    const r = await report('office-only@example.org');
    // No API writes an office-only cancellation; the change path can, so this is what any such caller would leave behind.
    await t.deps.workOrders.changeById(r.workOrderId, {
      to: 'cancelled',
      outcome: { reason: 'cancelled', note: OFFICE_NOTE },
      event: { type: 'cancelled', note: OFFICE_NOTE, isPublic: false },
      actor: { userId: null, label: 'Dana Dispatcher' },
    });
    await t.deps.notifications.settled();

    const track = (await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body;
    expect(track.status).to.equal('cancelled');
    expect(JSON.stringify(track)).not.to.contain(OFFICE_NOTE);
    const page = (await t.anon().get(`/api/public/reports/${r.reference}`).expect(200)).body;
    expect(page.status).to.equal('cancelled');
    expect(JSON.stringify(page)).not.to.contain(OFFICE_NOTE);
    const closure = mailsTo('office-only@example.org').find((m) => m.subject.startsWith('Closed without clearing'));
    expect(closure, 'the reporter is still told it is closed').to.exist;
    expect(closure!.text).not.to.contain(OFFICE_NOTE);
  });

  it('When the dispatcher cancels with a reason for the reporters, then the tracking page and email give it, the public page does not, and internal notes stay out', async () => {
    const r = await report('told@example.org', 'Bags behind the gate of number 12');
    const d = await t.as('dispatcher');
    const wo = (await d.get(`/api/work-orders/${r.workOrderId}`).expect(200)).body;
    const noted = (await d.post(`/api/work-orders/${wo.id}/notes`).send({ version: wo.version, note: 'SECRET: ring the landlord first' }).expect(200)).body;
    await d.post(`/api/work-orders/${wo.id}/cancel`).send({ version: noted.version, reason: 'The landowner has cleared it' }).expect(200);
    await t.deps.notifications.settled();

    const track = (await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body as { timeline: { status: string | null; note: string | null }[] };
    expect(track.timeline.find((e) => e.status === 'cancelled')?.note).to.equal('The landowner has cleared it');
    expect(JSON.stringify(track)).not.to.contain('SECRET').and.not.to.contain('Dana');
    const closure = mailsTo('told@example.org').find((m) => m.subject.startsWith('Closed without clearing'));
    expect(closure?.text).to.contain('The landowner has cleared it').and.not.contain('SECRET');
    const page = JSON.stringify((await t.anon().get(`/api/public/reports/${r.reference}`).expect(200)).body);
    for (const privateText of ['The landowner has cleared it', 'SECRET', 'number 12', 'told@example.org', 'Dana']) expect(page, privateText).not.to.contain(privateText);
  });
});
