import { expect } from 'chai';
import { chromiumAvailable, launchBrowser, PHONE, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import { startLiveApp, type LiveApp } from './support/server.js';

describe('office e2e: the app shell', function () {
  let live: LiveApp;
  let browser: BrowserHandle;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });

  it('When a resident opens the site on a phone, then the report form is the first thing they see', async () => {
    const ctx = await browser.context(PHONE);
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');
    await expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/report/i);
    await ctx.close();
  });

  it('When a dispatcher logs in, then they land on the triage board', async () => {
    const ctx = await browser.context();
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher');
    await page.waitForURL('**/dispatch');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/triage/i);
    await ctx.close();
  });
});
