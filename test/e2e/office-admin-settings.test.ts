/** The settings screen: a bad value is refused with words beside its field, a good one is saved and used. */
import { expect } from 'chai';
import { screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const FULL_HD = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };

describe('office e2e: admin settings', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When an admin changes the hotspot rule, then a value out of range is explained beside its field and a good one is saved', async () => {
    const ctx = await browser.context(FULL_HD, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/settings');
    const hotspots = page.getByRole('region', { name: 'Hotspots' });
    const reports = hotspots.getByLabel('Reports needed');
    expect(await reports.inputValue()).to.equal('5');
    await screenshot(page, 'admin-settings');

    browser.allow(/status of 400 .*\/api\/settings\/hotspots$/);
    await reports.fill('1');
    expect(await hotspots.getByRole('status').textContent()).to.equal('Not saved yet');
    await hotspots.getByRole('button', { name: 'Save hotspots' }).click();
    const summary = hotspots.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    await summary.getByRole('link', { name: 'Reports needed: Enter a whole number from 2 to 1,000' }).waitFor();
    expect(await reports.getAttribute('aria-invalid')).to.equal('true');
    expect(await reports.getAttribute('aria-describedby')).to.contain('set-hotspots-minReports-error');
    await screenshot(page, 'admin-settings-error');
    expect((await live.deps.settings.get('hotspots')).minReports).to.equal(5);

    await reports.fill('8');
    await hotspots.getByRole('button', { name: 'Save hotspots' }).click();
    await hotspots.getByRole('status').filter({ hasText: 'Hotspot settings saved' }).waitFor();
    expect(await hotspots.getByRole('alert').count()).to.equal(0);
    expect(await live.deps.settings.get('hotspots')).to.deep.equal({ minReports: 8, radiusM: 100, days: 14 });

    await page.reload();
    expect(await page.getByRole('region', { name: 'Hotspots' }).getByLabel('Reports needed').inputValue()).to.equal('8');
    await ctx.close();
  });
});
