import { expect } from 'chai';
import { chromiumAvailable, launchBrowser, type BrowserHandle } from './browser.js';
import { startLiveApp, type LiveApp } from './server.js';

/**
 * The usual browser suite: one live app and one browser for the whole
 * `describe` (skipped without Chromium), and no console error after any test.
 */
export function liveBrowserSuite(onStart: (live: LiveApp, browser: BrowserHandle) => void, appOptions?: Parameters<typeof startLiveApp>[0]): void {
  let live: LiveApp | undefined;
  let browser: BrowserHandle | undefined;
  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp(appOptions);
    browser = await launchBrowser();
    onStart(live, browser);
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    if (browser) expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });
}
