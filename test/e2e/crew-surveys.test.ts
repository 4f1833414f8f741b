/**
 * Cleanliness surveys on the crew tablet, in a real Chromium at the tablet's
 * size: an inspector grades a transect with no signal, reloads, regains
 * signal, and the survey reaches the server exactly once; its D for litter
 * opens a clean-up work order.
 */
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { SurveyVisitEntity } from '../../server/inspections/inspection.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from '../../server/work-orders/work-order.entity.js';
import { TEST_PASSWORD } from '../support/fixtures.js';
import { screenshot, type BrowserHandle } from './support/browser.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const TABLET_1280 = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true };
const HERE = { latitude: 53.4131, longitude: -2.939 };

describe('crew e2e: cleanliness surveys on the tablet, offline', function () {
  this.timeout(120_000);
  let live: LiveApp;
  let browser: BrowserHandle;

  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  before(async () => {
    await live.deps.users.create({ email: 'iris@kerbside.test', name: 'Iris Inspector', role: 'inspector', password: TEST_PASSWORD });
    for (let i = 0; i < 3; i++) {
      const lng = -2.94 + i * 0.0009;
      await live.deps.inspections.createTransect({ name: `Holt Road ${i + 1}`, landUse: 'high_density_housing', geometry: { type: 'LineString', coordinates: [[lng, 53.413], [lng + 0.0006, 53.4131]] } });
    }
    const tranche = await live.deps.inspections.createTranche({ startsOn: '2026-08-01', endsOn: '2026-11-30', samplePerWard: 3, seed: 'e2e' });
    await live.deps.inspections.drawTranche(tranche.id, { firstDay: '2026-11-24' });
  });

  async function openAsInspector(): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.context({ ...TABLET_1280, permissions: ['geolocation'], geolocation: HERE });
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/crew');
    await page.getByLabel('Email').fill('iris@kerbside.test');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('surveys-screen').waitFor();
    await page.getByTestId('survey-visit').first().waitFor();
    // The offline shell needs the service worker in control before the signal goes.
    type WithSw = { navigator: { serviceWorker: { controller: unknown } } };
    await page.waitForFunction(() => (globalThis as unknown as WithSw).navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    return { ctx, page };
  }

  async function syncText(page: Page): Promise<string> {
    return (await page.getByTestId('sync-status').textContent()) ?? '';
  }

  it('When an inspector grades a transect with no signal and reloads, then the grades wait on the tablet and arrive exactly once when the signal returns; the D for litter opens one work order', async () => {
    const { ctx, page } = await openAsInspector();
    expect(await page.getByTestId('survey-visit').count()).to.equal(3);
    await page.getByTestId('transect-map').waitFor();
    await screenshot(page, 'survey-list-1280x800');

    await ctx.setOffline(true);
    browser.allow(/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/);
    const first = page.getByTestId('survey-visit').first();
    const visitId = (await first.getAttribute('data-visit-id'))!;
    await first.locator('.route-open').click();
    await page.getByTestId('grade-screen').waitFor();
    await page.getByRole('button', { name: 'Litter D', exact: true }).click();
    await page.getByRole('button', { name: 'Detritus B', exact: true }).click();
    await page.getByRole('button', { name: 'Graffiti A', exact: true }).click();
    expect(await page.getByTestId('save-survey').isDisabled(), 'all four graded before saving').to.equal(true);
    await page.getByRole('button', { name: 'Fly-posting B+', exact: true }).click();
    await page.getByTestId('raises-job').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-output/screenshots/survey-grade-1280x800.png' });
    await page.getByTestId('save-survey').click();
    await page.getByTestId('surveys-screen').waitFor();
    expect(await syncText(page)).to.contain('1 waiting to send');

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the shell came from the service worker').to.equal(true);
    await page.getByTestId('surveys-screen').waitFor();
    expect(await syncText(page), 'the queue survives a reload with no signal').to.contain('1 waiting to send');
    const card = page.locator(`[data-testid="survey-visit"][data-visit-id="${visitId}"]`);
    expect(await card.textContent()).to.contain('Not sent yet');
    const before = await live.deps.db.manager.getRepository(SurveyVisitEntity).findOneByOrFail({ id: visitId });
    expect(before.status, 'nothing reached the server while offline').to.equal('assigned');

    await ctx.setOffline(false);
    await page.getByTestId('sync-status').filter({ hasText: /All sent/ }).waitFor({ timeout: 30_000 });

    const visits = await live.deps.db.manager.getRepository(SurveyVisitEntity).find({ where: { status: 'done' } });
    expect(visits.map((v) => v.id), 'one survey arrived').to.deep.equal([visitId]);
    const [v] = visits;
    expect({ litter: v.litter, detritus: v.detritus, graffiti: v.graffiti, flyPosting: v.flyPosting }).to.deep.equal({ litter: 'D', detritus: 'B', graffiti: 'A', flyPosting: 'B+' });
    expect(v.deviceLat).to.be.closeTo(HERE.latitude, 1e-6);
    expect(v.deviceLng).to.be.closeTo(HERE.longitude, 1e-6);
    expect(v.surveyedAt).to.be.a('string');
    expect(v.workOrderId, 'the D for litter opened a work order').to.be.a('string');
    const orders = await live.deps.db.manager.getRepository(WorkOrderEntity).find();
    expect(orders.map((o) => o.id), 'exactly one work order').to.deep.equal([v.workOrderId]);
    expect(orders[0].categoryCode).to.equal('litter');
    const created = await live.deps.db.manager.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: v.workOrderId!, type: 'created' } });
    expect(created.map((e) => (e.data as { source?: string }).source)).to.deep.equal(['survey']);

    await card.locator('.route-open').click();
    await page.getByTestId('grade-screen').getByText('Graded and sent').waitFor();
    await ctx.close();
  });
});
