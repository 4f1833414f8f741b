/**
 * The dispatcher's day at 1920×1080: readable places on cards and the job
 * page, map popups and crews' routes, reassigning and reopening from the job
 * page, the off-shift warning on the job page and on Crews today, the
 * planner's explanation when it can plan nothing, and the on-call escalation
 * email over real SMTP.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { createMailer } from '../../server/mail/mailer.js';
import { startSmtp, smtpEnv, type TestSmtp } from '../support/smtp.js';
import { chromiumAvailable, launchBrowser, screenshot, type BrowserHandle } from './support/browser.js';
import { demoEmail, loginThroughForm } from './support/login.js';
import { TEST_PASSWORD, testConfigEnv } from '../support/fixtures.js';
import { startLiveApp, type LiveApp } from './support/server.js';

const OFFICE = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
/** A point on Jubilee Drive, Kensington, given as a map pin only. */
const PIN = { lat: 53.4117, lng: -2.947 };

interface Wo { id: string; reference: string; version: number; postcode: string | null; crewId: string | null; status: string }

describe('office e2e: the dispatcher’s day (1920×1080)', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  let smtp: TestSmtp;
  const start = '2026-11-24T10:00:00.000Z';

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    smtp = await startSmtp();
    const env = smtpEnv(smtp.port);
    live = await startLiveApp({ env, mailer: createMailer(loadConfig(testConfigEnv('/tmp/kerbside-dispatcher-day', env))) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
    await smtp?.close();
  });
  afterEach(() => {
    if (browser) expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
    live?.clock.set(start);
  });

  async function office(role = 'dispatcher', path?: string): Promise<Page> {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, role);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    if (path) await page.goto(live.baseUrl + path);
    return page;
  }

  async function report(body: Record<string, unknown>): Promise<Wo> {
    const created = await live.anon().post('/api/reports').send(body).expect(201);
    return (await (await live.as('dispatcher')).get(`/api/work-orders/${created.body.workOrderId}`)).body as Wo;
  }

  async function crewNamed(prefix: string): Promise<{ id: string; name: string }> {
    const crews = (await (await live.as('dispatcher')).get('/api/crews')).body as { id: string; name: string }[];
    return crews.find((c) => c.name.startsWith(prefix))!;
  }

  it('When a resident drops only a pin, then the job has its nearest postcode, shown on the triage card and the job page', async () => {
    const wo = await report({ categoryCode: 'litter', ...PIN, description: 'Cans and wrappers along the alley' });
    expect(wo.postcode, 'nearest postcode stored').to.match(/^L\d+ \d[A-Z]{2}$/);

    const page = await office();
    await page.waitForURL('**/dispatch');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(wo.reference) }) });
    await card.getByTestId('card-place').filter({ hasText: `near ${wo.postcode}` }).waitFor();
    expect(await card.textContent()).not.to.match(/53\.41/);
    await screenshot(page, 'day-board-places');

    await page.goto(`${live.baseUrl}/work-orders/${wo.id}`);
    await page.getByTestId('wo-place').filter({ hasText: `near ${wo.postcode}` }).waitFor();
    expect(await page.locator('.wo-detail').textContent()).not.to.contain('No address given');
    await screenshot(page, 'day-job-page-place');
    await page.context().close();
  });

  it('When the dispatcher clicks a job on the map, then a popup gives its summary and actions, and Accept works from it', async () => {
    const wo = await report({ categoryCode: 'litter', lat: 53.4093, lng: -2.9505, description: 'Wrappers outside the shops' });
    const page = await office();
    await page.waitForURL('**/dispatch');
    await page.locator(`.leaflet-marker-icon[title="${wo.reference} Litter"]`).click();
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    const text = await popup.textContent();
    expect(text).to.contain(wo.reference).and.contain(`near ${wo.postcode}`).and.match(/Due /);
    expect(await popup.getByRole('link', { name: 'Open job' }).count()).to.equal(1);
    await page.waitForTimeout(300); // Leaflet fades the popup in with a CSS transition
    await screenshot(page, 'day-map-popup');
    expect(await popup.isVisible(), 'selecting the job keeps its popup open').to.equal(true);
    await popup.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(`${wo.reference} accepted.`).waitFor();
    expect((await (await live.as('dispatcher')).get(`/api/work-orders/${wo.id}`)).body.status).to.equal('accepted');
    await page.context().close();
  });

  it('When a crew has jobs on today’s route, then the map draws its route in the crew’s colour, and the crew filter hides it', async () => {
    const d = await live.as('dispatcher');
    const crew2 = await crewNamed('Crew 2');
    for (const p of [{ lat: 53.4142, lng: -2.9448 }, { lat: 53.4128, lng: -2.9383 }]) {
      const wo = await report({ categoryCode: 'litter', ...p, description: 'Litter by the wall' });
      await d.post(`/api/work-orders/${wo.id}/assign`).send({ version: wo.version, crewId: crew2.id }).expect(200);
    }
    const page = await office();
    await page.waitForURL('**/dispatch');
    const route = page.locator('path.crew-route');
    await route.first().waitFor();
    const colours = await route.evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    expect(colours.length).to.be.greaterThan(0);
    expect(new Set(colours).size, 'one colour per crew').to.equal(colours.length);
    expect(await page.locator('.route-stop').count()).to.be.greaterThan(1);
    await screenshot(page, 'day-map-routes');
    await page.getByLabel('Routes today').selectOption({ label: 'No routes' });
    await route.first().waitFor({ state: 'detached' });
    await page.getByLabel('Routes today').selectOption({ label: crew2.name });
    await route.first().waitFor();
    expect(await route.count()).to.equal(1);
    await page.context().close();
  });

  it('When the dispatcher reassigns, cancels and reopens a job from its page, then each change is version-checked and in the history', async () => {
    const d = await live.as('dispatcher');
    const crew2 = await crewNamed('Crew 2');
    const crew3 = await crewNamed('Crew 3');
    const wo = await report({ categoryCode: 'litter', lat: 53.4101, lng: -2.9445, description: 'Bottles by the bus stop' });
    await d.post(`/api/work-orders/${wo.id}/assign`).send({ version: wo.version, crewId: crew2.id }).expect(200);

    const page = await office('dispatcher');
    // This page misses the other dispatcher's change below: its live stream is cut.
    browser.allow(/\/api\/live/);
    await page.route('**/api/live', (r) => r.abort());
    await page.goto(`${live.baseUrl}/work-orders/${wo.id}`);
    await page.getByLabel('Reassign to').selectOption({ label: `${crew3.name} (on shift)` });
    await page.getByRole('button', { name: 'Reassign' }).click();
    await page.getByRole('status').filter({ hasText: `Reassigned to ${crew3.name}.` }).waitFor();
    expect((await d.get(`/api/work-orders/${wo.id}`)).body.crewId).to.equal(crew3.id);

    // Another dispatcher's edit meanwhile: the page explains the 409 and shows the job as it now is.
    const now = (await d.get(`/api/work-orders/${wo.id}`)).body as Wo;
    await d.post(`/api/work-orders/${wo.id}/notes`).send({ version: now.version, note: 'Checked with the caretaker' }).expect(200);
    browser.allow(/status of 409 .*\/cancel$/);
    await page.getByLabel(/Reason to cancel/).fill('Cleared by the housing association');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('alert').filter({ hasText: /check it and try again/ }).waitFor();
    await page.getByLabel(/Reason to cancel/).fill('Cleared by the housing association');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('status').filter({ hasText: 'Job cancelled' }).waitFor();

    await page.getByLabel(/Reason to reopen/).fill('Resident says the bottles are back');
    await page.getByRole('button', { name: 'Reopen job' }).click();
    await page.getByRole('status').filter({ hasText: 'Job reopened' }).waitFor();
    const after = (await d.get(`/api/work-orders/${wo.id}`)).body as Wo & { events: { type: string; note: string | null; actorLabel: string }[] };
    expect(after.status).to.equal('reopened');
    expect(after.crewId).to.equal(null);
    expect(after.events.map((e) => e.type)).to.include.members(['assigned', 'cancelled', 'reopened']);
    const history = await page.locator('ol.timeline').textContent();
    expect(history).to.contain('Resident says the bottles are back').and.contain('Dana Dispatcher');
    await screenshot(page, 'day-job-page-reopened');
    await page.context().close();
  });

  it('When the dispatcher picks a crew that is off shift, then the job page warns and says when it is next on', async () => {
    const admin = await live.as('admin');
    const sunday = (await admin.post('/api/crews').send({
      name: 'Crew 9 – Sunday cover', depotLat: 53.4148, depotLng: -2.9318, skills: ['general'], capacity: 10,
      shift: { days: [7], start: '08:00', end: '14:00' },
    }).expect(201)).body as { id: string; name: string };
    const wo = await report({ categoryCode: 'litter', lat: 53.4062, lng: -2.944, description: 'Crisp packets on the field' });

    const page = await office('dispatcher', `/work-orders/${wo.id}`);
    await page.getByLabel('Assign to').selectOption({ label: `${sunday.name} (off shift)` });
    const warning = page.getByTestId('off-shift-warning');
    await warning.waitFor();
    expect(await warning.textContent()).to.contain('is not on shift now').and.contain('Sun 29 Nov');
    await screenshot(page, 'day-off-shift-warning');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: `Assigned to ${sunday.name}. The crew is off shift: next on Sun 29 Nov` }).waitFor();
    await page.context().close();
  });

  it('When the dispatcher drags a job onto a crew whose shift has ended, then Crews today warns and says when it is next on', async () => {
    const wo = await report({ categoryCode: 'detritus', lat: 53.4093, lng: -2.9552, description: 'Grit and leaves banked along the kerb' });
    await (await live.as('dispatcher')).post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200);
    live.clock.set('2026-11-24T16:30:00.000Z'); // every demo crew's shift ended at 15:00
    const crew1 = await crewNamed('Crew 1');
    const page = await office();
    await page.waitForURL('**/dispatch');
    await page.getByRole('link', { name: 'Crews today' }).click();
    const column = page.getByTestId(`col-${crew1.id}`);
    await column.getByText('Shift ended at 15:00').waitFor();
    await page.getByTestId('col-unassigned').getByTestId(`job-${wo.reference}`).dragTo(column);
    // Allowed (it may be tomorrow's work), but said plainly, as the job page says it.
    await page.getByRole('alert').filter({ hasText: `${wo.reference} given to ${crew1.name} as stop 1. The crew is off shift: next on Wed 25 Nov, 07:00.` }).waitFor();
    await column.getByTestId(`job-${wo.reference}`).waitFor();
    await screenshot(page, 'day-crews-off-shift');
    await page.context().close();
  });

  it('When no crew is left on shift and the dispatcher plans the day, then the board says why each job could not be planned and Publish stays off', async () => {
    await report({ categoryCode: 'litter', lat: 53.417, lng: -2.94, description: 'Litter along the park edge' });
    live.clock.set('2026-11-24T16:30:00.000Z'); // every demo crew's shift ended at 15:00
    const page = await office();
    await page.waitForURL('**/dispatch');
    await page.getByRole('link', { name: 'Crews today' }).click();
    await page.getByRole('button', { name: 'Plan the day' }).click();
    await page.getByRole('alert').filter({ hasText: /could not plan any of the \d+ jobs/ }).waitFor();
    const reasons = page.getByTestId('plan-reasons');
    await reasons.waitFor();
    expect(await reasons.textContent()).to.contain('No crew is on shift for the rest of this day.');
    expect(await page.getByRole('button', { name: 'Publish routes' }).isDisabled()).to.equal(true);
    expect(await page.getByTestId('plan-summary').textContent()).not.to.match(/drafted/);
    await screenshot(page, 'day-planner-nothing');
    await page.context().close();
  });

  it('When needles are reported at 00:29 on a Sunday with no crew on shift, then the on-call officer from the rota is emailed and the resident is told the truth', async () => {
    const page = await office('admin', '/admin/on-call');
    await page.getByLabel('Name').fill('Olu Okafor');
    await page.getByLabel('Email').fill('olu.oncall@council.test');
    await page.getByLabel(/^From/).fill('15:00');
    await page.getByLabel(/^Until/).fill('07:00');
    await page.getByRole('button', { name: 'Add to the rota' }).click();
    await page.getByRole('status').filter({ hasText: 'Olu Okafor added to the on-call rota.' }).waitFor();
    await screenshot(page, 'day-admin-on-call');
    await page.context().close();

    live.clock.set('2026-11-29T00:29:00.000Z');
    const created = await live.anon().post('/api/reports').send({ categoryCode: 'sharps', ...PIN, description: 'Two needles by the entry', answers: { item_count: 2, near_play_area: false }, email: 'resident@example.org' }).expect(201);
    const escalation = await smtp.waitFor((m) => m.to.includes('olu.oncall@council.test'));
    expect(escalation.subject).to.match(/^Out of hours: .*WO-/);
    expect(escalation.text).to.contain('No crew with the "sharps" skill is on shift').and.contain('Monday 30 November');
    expect(escalation.text).not.to.contain('resident@example.org');

    const ack = await smtp.waitFor((m) => m.to.includes('resident@example.org'));
    expect(ack.text).to.contain('No crew is on duty right now').and.contain('Monday 30 November at 07:00').and.contain('on-call officer has been alerted');

    // The email goes first and the history's event after it (on SQLite escalations gather for a tenth of a second).
    await live.deps.onCall.settled();
    const wo = (await (await live.as('dispatcher')).get(`/api/work-orders/${created.body.workOrderId}`)).body as { events: { type: string; note: string }[] };
    expect(wo.events.find((e) => e.type === 'escalated')?.note).to.contain('Olu Okafor emailed');
  });

  it('When a crew lead opens the tablet, then the route has a sketch map, places without stray separators, and an overdue job says its day and how late', async () => {
    const d = await live.as('dispatcher');
    const crew1 = await crewNamed('Crew 1');
    // A needle job reported yesterday morning: its 2-hour deadline passed long ago.
    live.clock.set('2026-11-23T09:00:00.000Z');
    const late = await report({ categoryCode: 'sharps', lat: 53.4142, lng: -2.9448, description: 'Needle by the gate', answers: { item_count: 1, near_play_area: false } });
    live.clock.set(start);
    const onTime = await report({ categoryCode: 'sharps', lat: 53.4128, lng: -2.9383, description: 'Syringe in the gutter', answers: { item_count: 1, near_play_area: false } });
    for (const wo of [late, onTime]) {
      const now = (await d.get(`/api/work-orders/${wo.id}`)).body as Wo;
      if (now.crewId !== crew1.id) await d.post(`/api/work-orders/${wo.id}/assign`).send({ version: now.version, crewId: crew1.id }).expect(200);
    }
    const ctx = await browser.context({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true }, live.clock.now());
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/crew');
    await page.getByLabel('Email').fill(demoEmail('crew_lead'));
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('route').waitFor();
    await page.getByTestId('route-sketch').waitFor();
    const card = page.locator(`[data-job-id="${late.id}"]`);
    expect(await card.textContent()).to.match(/Overdue by 1 day|Overdue by 2\d h/).and.contain('Mon 23 Nov');
    expect(await page.getByTestId('route').textContent()).not.to.match(/(^|\s)·\s*·|^\s*·/);
    await screenshot(page, 'day-crew-route');
    await card.getByRole('button').first().click();
    await page.getByTestId('job-screen').waitFor();
    expect((await page.locator('.job-where').textContent())?.trim()).not.to.match(/^·/);
    expect(await page.getByTestId('job-due').textContent()).to.contain('Overdue by');
    expect(await page.locator('.route-sketch .sketch-stop.here').count()).to.equal(1);
    await screenshot(page, 'day-crew-job');
    await ctx.close();
  });
});
