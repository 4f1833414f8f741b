/** Journey 3: a councillor sees only their ward and downloads the weekly PDF; no personal data on screen. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { chromiumAvailable, DESKTOP, launchBrowser, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import { startLiveApp, type LiveApp } from './support/server.js';

const REPORTER = { name: 'Jane Resident', email: 'jane.resident@example.org', phone: '07700 900123' };

describe('office e2e: the councillor portal', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  let kensington: { reference: string };
  let elsewhere: { reference: string };

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp();
    browser = await launchBrowser();
    const report = async (postcode: string, description: string) => {
      const r = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode, description, ...REPORTER }).expect(201);
      const office = await live.as('dispatcher');
      return (await office.get(`/api/work-orders/${r.body.workOrderId}`)).body as { reference: string };
    };
    kensington = await report('L6 3AE', 'Crisp packets all along the wall by number 12');
    elsewhere = await report('L1 0AB', 'Litter outside the station');
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });

  it('When a councillor logs in, then they see only their ward, no reporter details, and can download the weekly PDF', async () => {
    const ctx = await browser.context({ ...DESKTOP, acceptDownloads: true }, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'councillor');
    await page.waitForURL('**/councillor');
    await page.getByRole('heading', { level: 1, name: 'Kensington and Fairfield ward' }).waitFor();
    const openJobs = page.getByTestId('open-jobs');
    await openJobs.waitFor();
    expect(await openJobs.textContent()).to.contain(kensington.reference).and.not.contain(elsewhere.reference);
    expect(await page.getByLabel('Ward').count(), 'no picker for a one-ward councillor').to.equal(0);

    const text = (await page.locator('body').textContent())!;
    for (const secret of [REPORTER.name, REPORTER.email, REPORTER.phone, 'Crisp packets']) expect(text).not.to.contain(secret);
    await screenshot(page, 'councillor-dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download last week’s report/ }).click()]);
    const file = await download.path();
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const pdfText = execFileSync('pdftotext', [file, '-']).toString();
    expect(pdfText).to.contain('Kensington and Fairfield');
    expect(pdfText).not.to.contain(REPORTER.email);

    // The downloaded week is now in the archive.
    await page.reload();
    await page.getByRole('link', { name: /PDF, \d+ pages?/ }).first().waitFor();
    await screenshot(page, 'councillor-archive');

    const councillor = await live.as('councillor');
    const other = await councillor.get('/api/wards/E05000907/reports/weekly');
    expect(other.status).to.equal(403);
    expect(other.body.error.code).to.equal('NOT_YOUR_WARD');
    await ctx.close();
  });
});
