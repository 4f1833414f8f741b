/** Journey 1 (and the form's error handling): a resident reports a fly-tip on a phone. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const PHOTO = path.resolve('test/fixtures/office/fly-tip.jpg');
const AFTER_PHOTO = path.resolve('test/fixtures/office/after.jpg');

describe('office e2e: a resident reports a problem', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When a resident reports a fly-tip by postcode with a photo on a phone, then they get a reference and the office has the job with its photo', async () => {
    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');

    await page.getByText('Fly-tipping', { exact: true }).click();
    await page.getByLabel('How much is there?').selectOption({ label: 'Car boot or less' });
    await page.getByLabel('What is it mostly?').selectOption({ label: 'Black bags – household' });
    await page.getByLabel('Postcode').fill('L6 3AE');
    await page.getByRole('button', { name: 'Find postcode' }).click();
    await page.getByText('Location set from postcode L6 3AE').waitFor();
    await page.getByLabel(/^Photo/).setInputFiles(PHOTO);
    await page.getByAltText('Preview of your photo').waitFor();
    await page.getByLabel(/^Photo/).setInputFiles(AFTER_PHOTO);
    await page.getByAltText('Preview of your photo 2').waitFor();
    await page.getByLabel('Describe it').fill('Six black bags dumped behind the shops');
    await page.getByLabel('Email address').fill('resident@example.org');
    await screenshot(page, 'public-report-form-phone');

    await page.getByRole('button', { name: 'Send report' }).click();
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference).to.match(/^KB-\d{2}-\d{6}$/);
    await screenshot(page, 'public-report-confirmation-phone');

    const office = await live.as('dispatcher');
    const list = await office.get('/api/work-orders').query({ status: 'new', category: 'fly-tipping' });
    expect(list.body.items).to.have.length(1);
    const wo = (await office.get(`/api/work-orders/${list.body.items[0].id}`)).body;
    expect(wo.ward.name).to.equal('Kensington and Fairfield');
    expect(wo.reports[0].reference).to.equal(reference);
    expect(wo.reports[0].answers).to.deep.equal({ size: 'car_boot_or_less', waste_type: 'black_bags_household' });
    expect(wo.reports[0].contact.email).to.equal('resident@example.org');
    expect(wo.photos.filter((p: { kind: string }) => p.kind === 'report')).to.have.length(2);

    await page.getByRole('link', { name: 'Follow your report' }).click();
    await page.getByRole('heading', { name: `Report ${reference}` }).waitFor();
    expect(await page.getByTestId('status').textContent()).to.equal('Received');
    await screenshot(page, 'public-tracking-phone');
    await ctx.close();
  });

  it('When the server refuses an answer, then the message is shown next to that question and nothing typed is lost', async () => {
    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');
    await page.getByText('Needles and sharps', { exact: true }).click();
    await page.getByLabel(/how many items/i).fill('0');
    await page.getByRole('group', { name: /children play/ }).getByLabel('No').check();
    await page.getByLabel('Postcode').fill('L6 3AE');
    await page.getByRole('button', { name: 'Find postcode' }).click();
    await page.getByText('Location set from postcode L6 3AE').waitFor();
    await page.getByLabel('Describe it').fill('A needle by the bus stop');
    browser.allow(/status of 400 .*\/api\/reports$/);
    await page.getByRole('button', { name: 'Send report' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const fieldError = page.locator('#q-item_count-error');
    expect(await fieldError.textContent()).to.match(/at least 1/i);
    expect(await page.getByLabel('Describe it').inputValue()).to.equal('A needle by the bus stop');
    expect(await page.getByLabel('Postcode').inputValue()).to.equal('L6 3AE');
    await screenshot(page, 'public-report-field-error-phone');
    await ctx.close();
  });

  it('When the crew has cleared the job, then the reporter’s tracking page says so and shows the before and after photos', async () => {
    const created = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode: 'L6 3AE', description: 'Crisps and cans on the corner' }).expect(201);
    const office = await live.as('dispatcher');
    const wo = (await office.get(`/api/work-orders/${created.body.workOrderId}`)).body;
    const crews = (await office.get('/api/crews')).body as { id: string; name: string }[];
    const accepted = (await office.post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200)).body;
    await office.post(`/api/work-orders/${wo.id}/assign`).send({ version: accepted.version, crewId: crews.find((c) => c.name.startsWith('Crew 1'))!.id }).expect(200);
    const crew = await live.as('crew_lead');
    for (const [step, photo] of [['start', readFileSync(PHOTO)], ['complete', readFileSync(AFTER_PHOTO)]] as const) {
      await crew
        .post(`/api/crew/jobs/${wo.id}/${step}`)
        .set('Idempotency-Key', randomUUID())
        .field('data', JSON.stringify(step === 'complete' ? { quantities: { bags: 2 } } : {}))
        .attach('photo', photo, { filename: 'photo.jpg', contentType: 'image/jpeg' })
        .expect(200);
    }
    // These camera photos were taken years ago far away, so the office checks them before the resident sees "Cleared".
    const closed = (await office.get(`/api/work-orders/${wo.id}`)).body;
    expect(closed.evidence.status).to.equal('needs_review');
    await office.post(`/api/work-orders/${wo.id}/evidence-review`).send({ decision: 'accept', note: 'Checked with the crew', version: closed.version }).expect(200);

    const ctx = await browser.context(PHONE, live.clock.now());
    const page = await ctx.newPage();
    await page.goto(`${live.baseUrl}/track/${created.body.trackingToken}`);
    expect(await page.getByTestId('status').textContent()).to.equal('Cleared');
    const after = page.getByAltText('Photo taken by the crew after the clean-up');
    await after.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await after.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 'the photo loaded').to.be.greaterThan(0);
    await page.getByAltText('Photo taken by the crew before the clean-up').waitFor();
    await screenshot(page, 'public-tracking-fixed-phone');
    await ctx.close();
  });
});
