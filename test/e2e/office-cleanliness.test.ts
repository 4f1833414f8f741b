/**
 * The cleanliness index where people read it, in a real Chromium on the survey
 * demo: the public ward page on a phone, the councillor's dashboard on an
 * office screen (with the partnership's before/after), the dispatcher's
 * "wards slipping" and the admin's transects map, where a transect and a
 * partnership area are drawn.
 */
import { expect } from 'chai';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { inspectionSeedDeps } from '../../server/composition-root.js';
import { seedInspections } from '../../server/seed/inspections.js';
import { KENSINGTON } from '../support/fixtures.js';
import { PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const OFFICE = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const PICTON = 'E05000905';

describe('office e2e: the cleanliness index on the public ward page, the councillor dashboard and the dispatch board', function () {
  this.timeout(120_000);
  let live: LiveApp;
  let browser: BrowserHandle;

  liveBrowserSuite((l, b) => ((live = l), (browser = b)));
  before(() => seedInspections(inspectionSeedDeps(live.deps)));

  it('When a resident opens their ward’s page on a phone, then they see the latest share below grade B per element with its range and trend, and no one’s details', async () => {
    const index = await live.deps.inspections.wardIndex(KENSINGTON);
    const latest = index.tranches[index.tranches.length - 1];
    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    await page.goto(`${live.baseUrl}/cleanliness/${KENSINGTON}`);
    await page.getByTestId('ward-cleanliness').waitFor();
    const text = (await page.getByTestId('ward-cleanliness').textContent()) ?? '';
    expect(text).to.contain('How clean are the streets of Kensington and Fairfield?');
    expect(text).to.contain(`${latest.index.elements.litter.percent!.toFixed(1)}%`);
    expect(text).to.contain(`range ${latest.index.elements.litter.low!.toFixed(0)}–${latest.index.elements.litter.high!.toFixed(0)}%`);
    expect(text).to.contain('Kensington alleyways: before and since the partnership');
    expect(text).not.to.match(/Iris|inspector@|@kerbside/);
    await screenshot(page, 'ward-cleanliness-390x844');
    type WithDoc = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
    const overflow = await page.evaluate(() => { const d = (globalThis as unknown as WithDoc).document.documentElement; return d.scrollWidth - d.clientWidth; });
    expect(overflow, 'no sideways scrolling on a phone').to.be.at.most(0);
    await ctx.close();
  });

  it('When the Kensington councillor opens the dashboard, then the survey section shows the tranches, the trend and the alleyways before/after', async () => {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'councillor');
    const section = page.getByTestId('councillor-cleanliness');
    await section.getByText('Kensington alleyways: before and since the partnership').waitFor();
    const text = (await section.textContent()) ?? '';
    const index = await live.deps.inspections.wardIndex(KENSINGTON);
    for (const tr of index.tranches) expect(text).to.contain(tr.trancheName);
    expect(text).to.contain('Kensington alleyways: before and since the partnership');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/screenshots/councillor-cleanliness-1920x1080.png' });
    await ctx.close();
  });

  it('When a dispatcher opens the board, then "wards slipping" names the ward whose litter or detritus got worse', async () => {
    const summary = await live.deps.inspections.wardsSummary();
    const slipping = summary.filter((r) => r.slipping).map((r) => r.ward.name);
    expect(slipping, 'the demo has Picton slipping').to.include(summary.find((r) => r.ward.code === PICTON)!.ward.name);
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher');
    const widget = page.getByTestId('wards-slipping');
    await widget.waitFor();
    const text = (await widget.textContent()) ?? '';
    expect(text).to.contain(`Wards slipping (${slipping.length})`);
    for (const name of slipping) expect(text).to.contain(name);
    await screenshot(page, 'dispatch-wards-slipping');
    await ctx.close();
  });

  /** The admin's survey section at 1920×1080, once its transects have loaded. */
  async function adminSurveys(): Promise<{ ctx: BrowserContext; page: Page; section: Locator }> {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin');
    await page.getByRole('link', { name: 'Cleanliness surveys' }).click();
    const section = page.getByTestId('admin-transects');
    await section.getByText(/\d+ transects in 4 wards\./).waitFor();
    return { ctx, page, section };
  }

  it('When an admin opens the survey section, then the transects, the plans and the CSV export are there', async () => {
    const { ctx, page, section } = await adminSurveys();
    expect(await section.textContent()).to.contain('2026/27 tranche 2');
    await section.getByText(/Kensington alleyways, since \d{4}-\d{2}-\d{2}: \d+ transects inside/).waitFor();
    await screenshot(page, 'admin-surveys');
    await ctx.close();
  });

  it('When an admin draws a transect along a street and a partnership area around it on the map, then both are saved as drawn, the transect in its ward and inside the area', async () => {
    const { ctx, page, section } = await adminSurveys();
    const map = section.getByRole('region', { name: 'Map of survey transects' });
    // Once the transects are drawn the map has fitted them; then three steps closer, enough to draw a street's 50 m.
    await map.locator('path.leaflet-interactive').first().waitFor();
    for (let i = 0; i < 3; i++) await section.getByRole('button', { name: 'Zoom in' }).click();
    const box = (await map.boundingBox())!;
    const at = (dx: number, dy: number) => ({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });

    const transectForm = section.locator('form').filter({ has: page.getByRole('button', { name: 'Add transect' }) });
    // Nothing drawn yet: said in words, and nothing sent.
    await transectForm.getByLabel('Name').fill('Sheil Road, shops to the park gate');
    await transectForm.getByLabel('Land use').selectOption('other_retail');
    await transectForm.getByRole('button', { name: 'Add transect' }).click();
    await section.getByText('Draw the transect on the map first: at least 2 points along the street.').waitFor();
    await transectForm.getByRole('button', { name: 'Draw on the map' }).click();
    await map.click(at(-20, 0));
    await transectForm.getByText('1 point placed: a transect needs at least 2.').waitFor();
    await map.click(at(20, 4));
    await transectForm.getByText(/^2 points placed: the line runs/).waitFor();
    expect(await section.getByText('Draw the transect on the map first').count(), 'the stale problem is gone').to.equal(0);
    await screenshot(page, 'admin-transect-drawing');
    await transectForm.getByRole('button', { name: 'Add transect' }).click();
    await section.getByText(/^Transect “Sheil Road, shops to the park gate” added in [A-Z][a-z]+/).waitFor();

    const areaForm = section.locator('form').filter({ has: page.getByRole('button', { name: 'Add area' }) });
    await areaForm.getByLabel('Name').fill('Sheil Road shops partnership');
    await areaForm.getByLabel('Partnership began').fill('2026-11-02');
    await areaForm.getByRole('button', { name: 'Draw on the map' }).click();
    for (const [dx, dy] of [[-60, -40], [60, -40], [60, 40], [-60, 40]]) await map.click(at(dx, dy));
    await areaForm.getByText('4 corners placed: the outline closes back to the first corner by itself.').waitFor();
    await screenshot(page, 'admin-area-drawing');
    await areaForm.getByRole('button', { name: 'Add area' }).click();
    await section.getByText(/^Sheil Road shops partnership, since 2026-11-02: \d+ transects? inside/).waitFor();
    await screenshot(page, 'admin-surveys-drawn');

    const admin = await live.as('admin');
    const transect = ((await admin.get('/api/inspections/transects')).body as { id: string; name: string; wardCode: string; landUse: string; geometry: { type: string; coordinates: number[][] } }[])
      .find((t) => t.name === 'Sheil Road, shops to the park gate')!;
    expect(transect.landUse).to.equal('other_retail');
    expect(transect.geometry.type).to.equal('LineString');
    expect(transect.geometry.coordinates).to.have.length(2);
    expect(transect.wardCode).to.match(/^E05\d{6}$/);
    const area = ((await admin.get('/api/inspections/areas')).body as { area: { name: string; boundary: { type: string; coordinates: number[][][] } }; transects: number }[])
      .find((a) => a.area.name === 'Sheil Road shops partnership')!;
    expect(area.area.boundary.type).to.equal('Polygon');
    expect(area.area.boundary.coordinates[0]).to.have.length(5);
    expect(area.transects).to.be.at.least(1);
    await ctx.close();
  });
});
