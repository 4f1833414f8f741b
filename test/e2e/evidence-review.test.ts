/**
 * Evidence a council can stand behind, in real Chromium against the real app:
 * a crew lead's tablet is far from the job when the photos are taken, is
 * warned at capture and keeps the photos with a reason; the dispatcher sees
 * the job under "Evidence to check" with the photos side by side and the flags
 * in words, and accepts it; only then do the tracking page and Open311 show
 * it fixed with the after photo. A second job's evidence is rejected and the
 * job goes back on the crew's list.
 */
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import type { BrowserContext, Page } from 'playwright-core';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { PhotoEntity } from '../../server/photos/photo.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { SHEIL_ROAD, TEST_PASSWORD } from '../support/fixtures.js';
import { chromiumAvailable, launchBrowser, screenshot, TABLET, type BrowserHandle } from './support/browser.js';
import { demoEmail, loginThroughForm } from './support/login.js';
import { startLiveApp, type LiveApp } from './support/server.js';

const PHOTOS = path.resolve('test/fixtures/photos/orientation');
const TODAY = '2026-11-24';
const OFFICE = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
/** About 4 km north of the jobs. */
const FAR_AWAY = { latitude: SHEIL_ROAD.lat + 0.036, longitude: SHEIL_ROAD.lng };

describe('evidence e2e: warned at capture, reviewed by the office, public only once accepted', function () {
  this.timeout(180_000);
  let live: LiveApp;
  let browser: BrowserHandle;
  let crew1: string;
  let spot = 0;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp();
    browser = await launchBrowser();
    crew1 = (await live.deps.db.manager.getRepository(CrewEntity).find()).find((c) => c.name.startsWith('Crew 1'))!.id;
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });

  /** A resident's litter report, put on crew 1's list for today. */
  async function reportedJob() {
    spot += 1;
    const r = await live.deps.intake.submit(
      { categoryCode: 'litter', lat: SHEIL_ROAD.lat + spot * 0.003, lng: SHEIL_ROAD.lng, address: `${10 + spot} Sheil Road`, description: 'Bags split across the pavement', source: 'public' },
      { kind: 'anonymous', label: 'Member of the public' },
    );
    let wo = await live.deps.workOrders.get(r.workOrderId);
    wo = await live.deps.triage.accept(wo.id, wo.version, SYSTEM_ACTOR);
    await live.deps.dispatch.assign(wo.id, { crewId: crew1, version: wo.version, date: TODAY }, SYSTEM_ACTOR);
    return { id: r.workOrderId, reference: r.reference, token: r.trackingToken };
  }

  async function crewTablet(): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.context({ ...TABLET, permissions: ['geolocation'], geolocation: FAR_AWAY });
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/crew');
    await page.getByLabel('Email').fill(demoEmail('crew_lead'));
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('route').waitFor();
    return { ctx, page };
  }

  async function takePhoto(page: Page, testId: string, file: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId(testId).click();
    await (await chooser).setFiles(path.join(PHOTOS, file));
  }

  /** The capture warning: says the tablet is far from the job; the crew keeps the photo with a reason. */
  async function keepWithReason(page: Page, reason: string, shot?: string): Promise<string> {
    const warning = page.getByTestId('capture-warning');
    await warning.waitFor();
    const text = (await warning.textContent()) ?? '';
    expect(text).to.match(/You are \d+(\.\d)? km from the job/);
    expect(await page.getByTestId('capture-keep').isDisabled(), 'a reason is needed to keep it').to.equal(true);
    await page.getByTestId('capture-reason').fill(reason);
    if (shot) await screenshot(page, shot);
    await page.getByTestId('capture-keep').click();
    await warning.waitFor({ state: 'detached' });
    return text;
  }

  async function closeFarAway(page: Page, job: { id: string }, reason: string, shots = false): Promise<void> {
    const card = page.locator(`[data-testid="route-job"][data-job-id="${job.id}"]`);
    await card.locator('.route-open').click();
    await page.getByTestId('job-screen').waitFor();
    await takePhoto(page, 'start-photo', 'pillow_hopper.jpg');
    await keepWithReason(page, reason);
    await page.getByTestId('to-complete').click();
    await page.getByTestId('complete-screen').waitFor();
    await takePhoto(page, 'after-photo', 'pillow_hopper_orientation_3.jpg');
    await keepWithReason(page, reason, shots ? 'crew-capture-warning' : undefined);
    await page.getByTestId('photo-reason').waitFor();
    await page.getByTestId('complete').click();
    await page.getByTestId('route').waitFor();
    await page.getByTestId('sync-status').filter({ hasText: /All sent/ }).waitFor({ timeout: 30_000 });
  }

  const tracking = async (token: string) => (await supertest(live.app).get(`/api/track/${token}`).expect(200)).body;
  const open311 = async (reference: string) => (await supertest(live.app).get(`/open311/v2/requests/${reference}.json`).expect(200)).body[0];

  it('When a crew lead closes a job with far-away photos and a reason, then the dispatcher reviews and accepts it, and only then do the tracking page and Open311 show the after photo', async () => {
    const job = await reportedJob();
    const { ctx, page } = await crewTablet();
    await closeFarAway(page, job, 'Took it from the van: the alley was blocked', true);
    await ctx.close();

    const wo = await live.deps.workOrders.get(job.id);
    expect([wo.status, wo.evidenceStatus]).to.deep.equal(['completed', 'needs_review']);
    const after = await live.deps.db.manager.getRepository(PhotoEntity).findOneByOrFail({ id: wo.proofAfterId! });
    expect(after.crewReason).to.equal('Took it from the van: the alley was blocked');
    expect(after.positionSource).to.equal('device');
    expect(after.flags).to.include('far_from_job');

    // Before the review: nothing public shows it fixed or shows its photos.
    expect(await tracking(job.token)).to.deep.include({ fixed: false, photos: [] });
    expect(await open311(job.reference)).to.deep.include({ status: 'open', media_url: null });
    expect((await supertest(live.app).get(`/api/photos/${after.id}`)).status).to.equal(404);

    const office = await browser.context(OFFICE, live.clock.now());
    const desk = await office.newPage();
    await loginThroughForm(desk, live.baseUrl, 'dispatcher', '/dispatch');
    const item = desk.getByTestId(`evidence-item-${wo.reference}`);
    await item.waitFor();
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).to.include('taken far from the job');
    expect(itemText).to.include('Took it from the van: the alley was blocked');
    expect(await item.locator('.evidence-photo img').count(), 'before and after side by side').to.equal(2);
    await item.scrollIntoViewIfNeeded();
    await screenshot(desk, 'office-evidence-queue');
    await item.getByTestId('review-note').fill('Checked with the crew lead by phone');
    await item.getByTestId('evidence-accept').click();
    await desk.getByText('Evidence accepted').first().waitFor();
    await item.waitFor({ state: 'detached' });

    const accepted = await live.deps.workOrders.get(job.id);
    expect(accepted.evidenceStatus).to.equal('accepted');
    const track = await tracking(job.token);
    expect(track.fixed).to.equal(true);
    expect(track.photos.map((p: { id: string }) => p.id)).to.include(after.id);
    const request = await open311(job.reference);
    expect(request.status).to.equal('closed');
    expect(request.media_url).to.contain(`/api/photos/${after.id}`);
    expect((await supertest(live.app).get(`/api/photos/${after.id}`)).status).to.equal(200);
    const events = await live.deps.workOrders.eventsOf(job.id);
    expect(events.at(-1)).to.deep.include({ type: 'evidence_accepted', actorLabel: events.at(-1)!.actorLabel });
    expect(events.at(-1)!.actorLabel).to.match(/Dispatcher|Dana/i);
    await office.close();
  });

  it('When the dispatcher rejects the evidence on the job page, then the job goes back on the crew’s list for a revisit', async () => {
    const job = await reportedJob();
    const { ctx, page } = await crewTablet();
    await closeFarAway(page, job, 'Phone GPS is playing up');

    const office = await browser.context(OFFICE, live.clock.now());
    const desk = await office.newPage();
    await loginThroughForm(desk, live.baseUrl, 'dispatcher', `/work-orders/${job.id}`);
    const panel = desk.getByTestId('evidence-panel');
    await panel.waitFor();
    expect(await panel.textContent()).to.include('Evidence to check');
    // The header says it too, beside the status: "Fixed" alone would overstate it.
    expect(await desk.locator('.wo-title .pill.warn').textContent()).to.equal('Evidence to check');
    await panel.getByTestId('review-note').fill('The photo is of another street');
    await screenshot(desk, 'office-evidence-panel');
    await panel.getByTestId('evidence-reject').click();
    await desk.getByText('back on the crew’s list').first().waitFor();
    const back = await live.deps.workOrders.get(job.id);
    expect([back.status, back.crewId, back.evidenceStatus]).to.deep.equal(['assigned', crew1, 'rejected']);
    expect(await open311(job.reference)).to.deep.include({ status: 'open' });
    expect(await tracking(job.token)).to.deep.include({ fixed: false });
    await office.close();

    // The crew's tablet shows the job on today's list again, to be done once more.
    await page.reload();
    await page.getByTestId('route').waitFor();
    const card = page.locator(`[data-testid="route-job"][data-job-id="${job.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).to.not.match(/Done/);
    await ctx.close();
  });
});
