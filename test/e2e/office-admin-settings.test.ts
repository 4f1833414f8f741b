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

  it('When the working calendar has no duty day and a mistyped holiday, then each problem is named in words and nothing is stored', async () => {
    const ctx = await browser.context(FULL_HD, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/settings');
    const calendar = page.getByRole('region', { name: 'Working calendar' });
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await calendar.getByLabel(day).uncheck();
    const holidays = calendar.getByLabel('Days with no duty');
    await holidays.fill(`2026-12-25\n26/12/2026`);
    browser.allow(/status of 400 .*\/api\/settings\/workingCalendar$/);
    await calendar.getByRole('button', { name: 'Save working calendar' }).click();
    const summary = calendar.getByRole('alert');
    await summary.getByRole('link', { name: 'Days on duty: Choose at least one day' }).waitFor();
    await summary.getByRole('link', { name: 'Days with no duty: Line 2: enter a date as YYYY-MM-DD, for example 2026-12-25' }).waitFor();
    await summary.getByRole('link', { name: /^Days with no duty/ }).click();
    expect(await page.evaluate('document.activeElement?.id')).to.equal('set-workingCalendar-holidays');
    await screenshot(page, 'admin-settings-calendar-error');
    expect((await live.deps.settings.get('workingCalendar')).dutyDays).to.deep.equal([1, 2, 3, 4, 5]);
    await ctx.close();
  });
});
