/**
 * Residents at FixMyStreet's level, on a 390×844 touch phone: map-first
 * reporting that follows a nearby report instead of duplicating it, the public
 * report page, "still there?" after closure reaching the dispatcher, and
 * axe-core (WCAG 2.2 AA) clean on every public page.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ReportFollowerEntity } from '../../server/public-reports/follower.entity.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { DESKTOP, PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHOTO = path.resolve('test/fixtures/office/fly-tip.jpg');
const AFTER = readFileSync(path.resolve('test/fixtures/office/after.jpg'));
/** Sheil Road, Kensington and Fairfield. */
const SPOT = { lat: 53.4142, lng: -2.9448 };
/** What a reporter told us that must never appear on a public page. */
const SECRETS = ['Annabel Quickfox', 'annabel.quickfox@example.org', '07700 900461', 'blue gate', 'Wobbleton'];

/** axe-core in the page (the test context bypasses the app's CSP only to inject it), WCAG 2.0–2.2 A and AA rules. */
async function expectAxeClean(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as { axe: unknown; document: unknown };
    const axe = (w as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(w.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(result, `axe violations on ${what}`).to.deep.equal([]);
}

/** Every visible button and link-like control of the page's controls is at least 44×44 px (map zoom included). */
async function expectTapTargets(page: Page, selector: string): Promise<void> {
  const small = await page.$$eval(selector, (els) =>
    els
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 44 || r.height < 44))
      .map(({ el, r }) => `${el.textContent?.trim() || el.getAttribute('aria-label') || el.tagName} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small, 'tap targets under 44 px').to.deep.equal([]);
}

describe('public e2e: residents report map-first, follow, see public pages and say "still there"', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)), { env: { REPORT_RATE_PER_MINUTE: '1000' } });

  const phone = (extra: BrowserContextOptions = {}) => browser.context({ ...PHONE, bypassCSP: true, ...extra }, live.clock.now());

  const report = async (body: Record<string, unknown>) =>
    (await live.anon().post('/api/reports').send({ ...SPOT, description: 'Annabel Quickfox saw Wobbleton dump it', name: 'Annabel Quickfox', email: 'annabel.quickfox@example.org', phone: '07700 900461', address: 'by Annabel’s blue gate', ...body }).expect(201))
      .body as { reference: string; trackingToken: string; workOrderId: string };

  const walk = async (id: string, statuses: WorkOrderStatus[]) => {
    for (const to of statuses) await live.deps.workOrders.changeById(id, { to, actor: SYSTEM_ACTOR, event: { type: 'status', isPublic: true } });
  };
  const complete = async (id: string) => {
    await walk(id, ['accepted', 'assigned', 'in_progress']);
    await live.deps.photos.ingest(AFTER, { ownerKey: `wo:${id}`, workOrderId: id, kind: 'after' });
    await walk(id, ['completed']);
    await live.deps.notifications.settled();
  };

  it('When a resident starts from the map near a fly-tip already reported, then they follow that report instead of filing it again', async () => {
    const existing = await report({ categoryCode: 'fly-tipping', answers: { size: 'car_boot_or_less', waste_type: 'black_bags_household' } });
    const requestsBefore = await live.deps.db.manager.getRepository(ServiceRequestEntity).count();

    const ctx = await phone({ geolocation: { latitude: SPOT.lat + 0.0003, longitude: SPOT.lng, accuracy: 12 }, permissions: ['geolocation'] });
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');
    // Map first: where it is comes before what it is.
    const order = await page.$$eval('legend', (ls) => ls.map((l) => l.textContent));
    expect(order.slice(0, 2)).to.deep.equal(['Where is the problem?', 'What is the problem?']);
    await page.locator('.leaflet-container').waitFor();
    await expectAxeClean(page, 'the report form');
    await expectTapTargets(page, '.leaflet-control-zoom a, .report-page button');

    await page.getByRole('button', { name: 'Use my location' }).tap();
    await page.getByText(/Location set from your location/).waitFor();
    const found = page.getByTestId('place-found');
    await found.waitFor();
    expect(await found.textContent()).to.match(/Nearest postcode L\d+ \d[A-Z]{2}, Kensington and Fairfield ward\./);

    const nearby = page.getByTestId('nearby-report');
    await nearby.first().waitFor();
    expect(await nearby.count()).to.equal(1);
    expect(await nearby.first().textContent()).to.contain(existing.reference).and.contain('Fly-tipping');
    expect(await page.locator('.nearby-marker').count(), 'the nearby report is on the map').to.equal(1);
    const text = await page.locator('.nearby').textContent();
    for (const s of SECRETS) expect(text).to.not.contain(s);
    await screenshot(page, 'public-report-nearby-phone');
    await expectAxeClean(page, 'the report form with nearby reports');

    await nearby.first().getByRole('button', { name: /^Follow this one: KB-/ }).tap();
    await page.getByLabel(`Your email address, for updates on ${existing.reference}`).fill('neighbour@example.org');
    await page.getByRole('button', { name: 'Follow and get updates' }).tap();
    await page.getByRole('status').filter({ hasText: `You are following ${existing.reference}` }).waitFor();
    await screenshot(page, 'public-report-followed-phone');

    expect(await live.deps.db.manager.getRepository(ServiceRequestEntity).count(), 'no duplicate report').to.equal(requestsBefore);
    expect(await live.deps.db.manager.getRepository(ReportFollowerEntity).countBy({ email: 'neighbour@example.org' })).to.equal(1);
    await ctx.close();
  });

  it('When a resident taps a category card, then its questions come into view; tapping the map sets the spot and shows its postcode and ward', async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');
    const map = page.locator('.report-map');
    await map.waitFor();
    await page.locator('.leaflet-control-zoom-in').waitFor();
    const box = (await map.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText('Location set from the pin on the map').waitFor();
    await page.getByTestId('place-found').waitFor();
    expect(await page.getByTestId('place-found').textContent()).to.match(/Nearest postcode L\d+ \d[A-Z]{2}, .+ ward\./);

    await page.getByText('Fly-tipping', { exact: true }).tap();
    const chosen = page.getByTestId('chosen-category');
    await chosen.waitFor();
    expect(await chosen.textContent()).to.match(/^Fly-tipping – \d questions below\.$/);
    // The questions scroll into view (smooth scrolling: wait for it to settle).
    const question = page.getByLabel('How much is there?');
    await page.waitForFunction(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { top: number } } | null }; innerHeight: number };
      const el = g.document.querySelector('.category-details');
      if (!el) return false;
      const top = el.getBoundingClientRect().top;
      return top >= -1 && top < g.innerHeight / 2;
    });
    expect(await question.isVisible()).to.equal(true);
    await screenshot(page, 'public-report-category-chosen-phone');

    // The form still works without the map: the confirmation page.
    await question.selectOption({ label: 'Car boot or less' });
    await page.getByLabel('What is it mostly?').selectOption({ label: 'Black bags – household' });
    await page.getByLabel('Describe it').fill('Bags by the bins');
    await page.getByRole('button', { name: 'Send report' }).tap();
    await page.getByTestId('reference').waitFor();
    await screenshot(page, 'public-confirmation-phone');
    await expectAxeClean(page, 'the confirmation');
    await ctx.close();
  });

  it('When anyone opens a cleared report’s public page, then it shows the category, place, history in words and the after photo, and no personal data', async () => {
    const r = await report({ categoryCode: 'graffiti', lat: SPOT.lat + 0.004, lng: SPOT.lng - 0.004, answers: { offensive: false } });
    await complete(r.workOrderId);
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(`${live.baseUrl}/reports/${r.reference}`);
    await page.getByRole('heading', { name: `Report ${r.reference}` }).waitFor();
    expect(await page.getByTestId('status').textContent()).to.equal('Cleared');
    expect(await page.getByTestId('history').textContent()).to.contain('Reported').and.contain('Cleared');
    const after = page.getByAltText(/after the crew cleared the graffiti/);
    await after.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await after.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 'the after photo loaded').to.be.greaterThan(0);
    const body = (await page.locator('main').textContent())!;
    for (const s of SECRETS) expect(body).to.not.contain(s);
    await page.locator('.point-map .pin-marker').waitFor();
    await screenshot(page, 'public-report-page-phone');
    await expectAxeClean(page, 'the public report page');
    await expectTapTargets(page, '.leaflet-control-zoom a');

    // An open report's page offers following.
    const open = await report({ categoryCode: 'litter', lat: SPOT.lat - 0.004, lng: SPOT.lng, answers: {} });
    await page.goto(`${live.baseUrl}/reports/${open.reference}`);
    await page.getByRole('heading', { name: 'Seen it too? Follow this report' }).waitFor();
    await expectAxeClean(page, 'an open report’s public page');
    await ctx.close();
  });

  it('When the reporter says a cleared job is still there, then it reopens and the dispatcher sees it first on the board', async () => {
    const r = await report({ categoryCode: 'litter', lat: SPOT.lat + 0.002, lng: SPOT.lng + 0.004, answers: {} });
    const ctx = await phone();
    const page = await ctx.newPage();
    // Before closure: an honest tracking page, and "still there?" says why it cannot be used yet.
    await page.goto(`${live.baseUrl}/track/${r.trackingToken}`);
    await page.getByRole('heading', { name: 'What happens next' }).waitFor();
    expect(await page.getByTestId('next-step').textContent()).to.match(/We aim to deal with it by|next duty period starts/);
    expect(await page.getByTestId('still-there-refusal').textContent()).to.contain('still open');
    await page.locator('.point-map .pin-marker').waitFor();
    await screenshot(page, 'public-tracking-open-phone');
    await expectAxeClean(page, 'the tracking page (open)');

    await complete(r.workOrderId);
    // The link in the closure email.
    const email = live.mailer as unknown as { sent: { to: string; subject: string; text: string }[] };
    const closure = email.sent.find((m) => m.subject === `Cleared: your report ${r.reference}`)!;
    const link = /(http\S+#still-there)/.exec(closure.text)![1];
    expect(link.startsWith(live.deps.config.publicBaseUrl)).to.equal(true);
    await page.goto('about:blank');
    await page.goto(`${live.baseUrl}/track/${r.trackingToken}#still-there`);
    await page.getByRole('heading', { name: 'Still there?' }).waitFor();
    await page.getByLabel('What is still there?').fill('Cans are back under the bench');
    await page.getByLabel(/^A photo/).setInputFiles(PHOTO);
    await screenshot(page, 'public-tracking-still-there-phone');
    await expectAxeClean(page, 'the tracking page (closed, still there form)');
    await page.getByRole('button', { name: 'Tell us it is still there' }).tap();
    await page.getByRole('status').filter({ hasText: `we have reopened ${r.reference}` }).waitFor();
    await page.getByTestId('status').filter({ hasText: 'Reopened' }).waitFor();
    await page.getByAltText(/Your photo/).first().waitFor();
    await screenshot(page, 'public-tracking-reopened-phone');
    await ctx.close();

    const office = await browser.context(DESKTOP, live.clock.now());
    const desk = await office.newPage();
    await loginThroughForm(desk, live.baseUrl, 'dispatcher', '/dispatch');
    const queue = desk.getByTestId('reopened-queue');
    await queue.waitFor();
    const wo = (await (await live.as('dispatcher')).get(`/api/work-orders/${r.workOrderId}`).expect(200)).body;
    expect(await queue.textContent()).to.contain(wo.reference);
    // First on the board: above the triage queue.
    const [queueTop, triageTop] = await Promise.all([queue.boundingBox(), desk.locator('.triage, .triage-queue, h2').filter({ hasNotText: 'Still there' }).first().boundingBox()]);
    expect(queueTop!.y).to.be.lessThan(triageTop!.y);
    await screenshot(desk, 'office-dispatch-reopened-queue');
    await queue.getByRole('link', { name: wo.reference }).click();
    await desk.getByText('Resident says it is still there: Cans are back under the bench').waitFor();
    await office.close();
  });

  it('When a follower opens the unsubscribe link, then one button stops the emails', async () => {
    const r = await report({ categoryCode: 'litter', lat: SPOT.lat - 0.002, lng: SPOT.lng - 0.004, answers: {} });
    await live.anon().post(`/api/public/reports/${r.reference}/follow`).send({ email: 'stop@example.org' }).expect(200);
    const email = live.mailer as unknown as { sent: { to: string; text: string }[] };
    const token = /\/unsubscribe\/(\S+)/.exec(email.sent.find((m) => m.to === 'stop@example.org')!.text)![1];
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(`${live.baseUrl}/unsubscribe/${token}`);
    await expectAxeClean(page, 'the unsubscribe page');
    await page.getByRole('button', { name: 'Stop these emails' }).tap();
    await page.getByRole('status').filter({ hasText: `will not email you about ${r.reference}` }).waitFor();
    await ctx.close();
  });
});
