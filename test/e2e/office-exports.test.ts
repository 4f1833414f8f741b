/**
 * The Exports page as a dispatcher uses it (filters, how many will be
 * included, a CSV downloaded with progress and read back, last month's
 * WasteDataFlow return with an incident to fix, fixed from the job page),
 * and a councillor downloading their ward's data.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { DISTINCTIVE_REPORTERS, insertRequest, insertWorkOrder } from '../support/builders-reports.js';
import { KENSINGTON } from '../support/fixtures.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { chromiumAvailable, launchBrowser, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import { startLiveApp, type LiveApp } from './support/server.js';

const ANFIELD = 'E05000887';
const OFFICE = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, acceptDownloads: true };

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

describe('office e2e: exports', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  let noLandType: WorkOrder;
  const anfield: WorkOrder[] = [];

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp();
    browser = await launchBrowser();
    const db = live.deps.db;
    // Last month, as the page's clock sees it (the test clock is 24 November 2026): October.
    noLandType = await insertWorkOrder(db, {
      categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-10-14T09:00:00.000Z', dueAt: '2026-10-16T17:00:00.000Z',
      completedAt: '2026-10-15T10:00:00.000Z', closedAt: '2026-10-15T10:00:00.000Z', wasteData: { size: 'transit_van_load', wasteType: 'white_goods' },
    });
    await insertWorkOrder(db, {
      categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-10-20T09:00:00.000Z', dueAt: '2026-10-22T17:00:00.000Z',
      completedAt: '2026-10-21T10:00:00.000Z', closedAt: '2026-10-21T10:00:00.000Z', wasteData: { size: 'small_van_load', wasteType: 'other_household', landType: 'back_alleyway' },
    });
    for (let i = 0; i < 3; i++) {
      anfield.push(await insertWorkOrder(db, { categoryCode: 'litter', wardCode: ANFIELD, status: 'accepted', openedAt: `2026-11-1${i}T09:00:00.000Z`, dueAt: `2026-11-1${i}T18:00:00.000Z`, postcode: 'L4 0TH' }));
    }
    const kensington = await insertWorkOrder(db, { categoryCode: 'litter', wardCode: KENSINGTON, status: 'new', openedAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-11-24T18:00:00.000Z' });
    await insertRequest(db, { categoryCode: 'litter', wardCode: KENSINGTON, createdAt: kensington.openedAt, workOrderId: kensington.id, description: 'Left by the man at number 12', contact: DISTINCTIVE_REPORTERS[0] });
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });

  it('When a dispatcher filters and downloads work orders, then the page says how many, shows progress, and the CSV holds exactly those', async () => {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher');
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    const summary = page.getByTestId('export-summary');
    await summary.getByText(/work orders? will be included/).waitFor();
    const all = await live.deps.exports.count({});
    expect(await summary.textContent()).to.contain(`${all.toLocaleString('en-GB')} work order`);

    await page.getByLabel('Ward').selectOption(ANFIELD);
    await page.getByLabel('Status').selectOption('open');
    await summary.getByText('3 work orders will be included').waitFor();
    await page.getByText(/What each row contains/).click();
    expect(await page.locator('.export-columns').textContent()).to.contain('Nearest postcode').and.contain('Fly-tip land type');
    await screenshot(page, 'exports-page-1920');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV (spreadsheet)' }).click()]);
    await page.getByTestId('export-progress').getByText(/Done: 3 work orders saved as CSV/).waitFor();
    expect(download.suggestedFilename()).to.equal(`kerbside-work-orders_${ANFIELD}.csv`);
    const rows = readCsv((await download.path())!);
    expect(rows.map((r) => r.Reference).sort()).to.deep.equal(anfield.map((w) => w.reference).sort());
    expect(rows.every((r) => r['Ward code'] === ANFIELD && r.Status === 'Accepted')).to.equal(true);
    await ctx.close();
  });

  it('When last month’s fly-tipping return has an incident without a land type, then the office sees it, fixes it on the job page, and the return counts it', async () => {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher', '/exports');
    const wdf = page.getByTestId('wdf-summary');
    await wdf.waitFor();
    expect(await page.getByLabel('Month').inputValue()).to.equal('2026-10');
    expect(await wdf.textContent()).to.match(/1\s*incidents counted/).and.match(/1\s*to fix before submitting/);
    await screenshot(page, 'exports-wastedataflow-1920');
    await wdf.getByRole('row', { name: new RegExp(noLandType.reference) }).getByText('Land type').waitFor();

    await wdf.getByRole('link', { name: noLandType.reference }).click();
    const panel = page.locator('.fly-tip-panel');
    await panel.getByText('Missing for the WasteDataFlow return: Land type').waitFor();
    await panel.getByLabel('Land type').selectOption('council_land');
    await panel.getByRole('button', { name: 'Save details' }).click();
    await panel.getByText('Fly-tip details saved.').waitFor();
    await panel.getByLabel('Action').selectOption('warning_letter');
    await panel.getByLabel('Taken on').fill('2026-10-20');
    await panel.getByRole('button', { name: 'Record action' }).click();
    await panel.getByText(/Warning letter\s*on 20 October 2026/).waitFor();
    await screenshot(page, 'job-fly-tip-panel-1920');

    await page.goto(`${live.baseUrl}/exports`);
    await wdf.waitFor();
    expect(await wdf.textContent()).to.match(/2\s*incidents counted/).and.match(/0\s*to fix before submitting/).and.contain('Warning letters: 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the return (CSV)' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).to.contain('Council land,White goods,0,0,0,0,1,0,0,1');
    await ctx.close();
  });

  it('When a councillor downloads this ward’s data, then the CSV holds only their ward and nobody’s personal details', async () => {
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'councillor');
    await page.waitForURL('**/councillor');
    const link = page.getByRole('link', { name: 'Download this ward’s data (CSV)' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = (await download.path())!;
    const rows = readCsv(file);
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((r) => r['Ward code'] === KENSINGTON)).to.equal(true);
    expect(rows.map((r) => r.Reference)).to.include(noLandType.reference).and.not.include(anfield[0].reference);
    const text = readFileSync(file, 'utf8');
    for (const secret of [...Object.values(DISTINCTIVE_REPORTERS[0]), 'man at number 12']) expect(text).not.to.contain(secret);
    expect(await page.getByRole('link', { name: 'Exports' }).count(), 'no office Exports page for councillors').to.equal(0);
    await ctx.close();
  });
});

describe('office e2e: publishing open data', function () {
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

  it('When an admin ticks the open-data switch, then the public address serves the CSV and the Exports page says it is published', async () => {
    browser.allow(/status of 404 .*\/api\/open-data\/work-orders\.csv/);
    expect((await live.anon().get('/api/open-data/work-orders.csv')).status, 'off by default').to.equal(404);
    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/settings');
    const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Open data' }) });
    await form.getByLabel(/Publish the anonymised work orders/).check();
    await form.getByRole('button', { name: 'Save open data' }).click();
    await form.getByText('Open data setting saved.').waitFor();
    const costs = page.locator('section').filter({ has: page.getByRole('heading', { name: 'WasteDataFlow return' }) });
    await costs.getByLabel('Small van load').fill('160.50');
    await costs.getByRole('button', { name: 'Save clearance costs' }).click();
    await costs.getByText('Clearance costs saved.').waitFor();
    expect((await live.deps.settings.get('wasteDataFlow')).clearanceCostPerSize).to.deep.equal({ small_van_load: 160.5 });

    const open = await live.anon().get('/api/open-data/work-orders.csv');
    expect(open.status).to.equal(200);
    await page.goto(`${live.baseUrl}/exports`);
    await page.getByText(/^Published\. Anyone can download/).waitFor();
    await ctx.close();
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });
});
