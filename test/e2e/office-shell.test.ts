import { expect } from 'chai';
import { PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

describe('office e2e: the app shell and maps', function () {
  let live: LiveApp;
  let browser: BrowserHandle;

  // A tile server that refuses connections: what a street map looks like with no internet.
  liveBrowserSuite((l, b) => ((live = l), (browser = b)), { env: { MAP_TILE_URL: 'http://127.0.0.1:59999/{z}/{x}/{y}.png' } });

  it('When a resident opens the site on a phone, then the report form is the first thing they see', async () => {
    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    browser.allow(/net::ERR_\w+ http:\/\/127\.0\.0\.1:59999\//);
    await page.goto(live.baseUrl + '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/report/i);
    await ctx.close();
  });

  it('When map tiles cannot load, then the map drops them, says so, and still shows ward boundaries', async () => {
    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    browser.allow(/net::ERR_\w+ http:\/\/127\.0\.0\.1:59999\//);
    await page.goto(live.baseUrl + '/');
    await page.getByText('Street map could not load').waitFor();
    expect(await page.locator('img.leaflet-tile').count(), 'no tile images left to show as broken').to.equal(0);
    // The wards arrive in their own request, which may finish after the tile error is shown: wait for them, don't sample.
    const outlines = page.locator('.report-map path.leaflet-interactive, .report-map svg path');
    await outlines.first().waitFor({ state: 'attached', timeout: 10_000 }).catch(() => undefined);
    expect(await outlines.count(), 'ward outlines drawn').to.be.greaterThan(0);
    await screenshot(page, 'map-without-tiles-phone');
    await ctx.close();
  });

  it('When a dispatcher logs in, then they land on the triage board', async () => {
    const ctx = await browser.context(undefined, live.clock.now());
    const page = await ctx.newPage();
    browser.allow(/net::ERR_\w+ http:\/\/127\.0\.0\.1:59999\//);
    await loginThroughForm(page, live.baseUrl, 'dispatcher');
    await page.waitForURL('**/dispatch');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/triage/i);
    await ctx.close();
  });
});
