/**
 * The crew tablet app in a real Chromium on a touch tablet viewport, against
 * the real app and database: a day's work done with no signal, a reply lost on
 * the way back, and a job moved to another crew while the tablet was offline.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import { PhotoEntity } from '../../server/photos/photo.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import { insertRequest, insertWorkOrder } from '../support/builders-reports.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';
import { demoEmail } from './support/login.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, launchBrowser, screenshot, TABLET, type BrowserHandle } from './support/browser.js';
import { startLiveApp, type LiveApp } from './support/server.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

const PHOTOS = path.resolve('test/fixtures/crew');
const TODAY = '2026-11-24'; // TEST_START's date in London

describe('crew e2e: the tablet app with and without signal', function () {
  this.timeout(120_000);
  let live: LiveApp;
  let browser: BrowserHandle;
  let crew1: string;
  let crew2: string;
  let nextPosition = 1;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    live = await startLiveApp();
    browser = await launchBrowser();
    const crews = await live.deps.db.manager.getRepository(CrewEntity).find();
    crew1 = crews.find((c) => c.name.startsWith('Crew 1'))!.id;
    crew2 = crews.find((c) => c.name.startsWith('Crew 2'))!.id;
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });
  afterEach(() => {
    expect(browser.consoleErrors, 'console errors').to.deep.equal([]);
  });

  /** A reported job put on crew 1's route for today through the dispatcher's assign service. */
  async function jobOnRoute(p: {
    categoryCode: string;
    address: string;
    postcode: string;
    answers?: Record<string, unknown>;
    description?: string;
    priority?: WorkOrder['priority'];
    position?: number;
    reportPhoto?: string;
    crewId?: string;
  }): Promise<WorkOrder> {
    const openedAt = live.clock.now().toISOString();
    const wo = await insertWorkOrder(live.deps.db, {
      categoryCode: p.categoryCode,
      wardCode: KENSINGTON,
      openedAt,
      dueAt: new Date(Date.parse(openedAt) + 4 * 3600_000).toISOString(),
      status: 'accepted',
      address: p.address,
      postcode: p.postcode,
      lat: SHEIL_ROAD.lat + nextPosition * 0.001,
      lng: SHEIL_ROAD.lng,
      priority: p.priority ?? 'normal',
    });
    const request = await insertRequest(live.deps.db, {
      categoryCode: p.categoryCode,
      wardCode: KENSINGTON,
      createdAt: openedAt,
      workOrderId: wo.id,
      answers: p.answers ?? {},
      description: p.description ?? '',
    });
    if (p.reportPhoto) {
      await live.deps.photos.ingest(readFileSync(path.join(PHOTOS, p.reportPhoto)), { ownerKey: `sr:${request.id}`, requestId: request.id, kind: 'report' });
    }
    return live.deps.dispatch.assign(wo.id, { crewId: p.crewId ?? crew1, version: wo.version, position: p.position ?? nextPosition++, date: TODAY }, SYSTEM_ACTOR);
  }

  async function openCrewApp(lead = 'crew_lead'): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.context({ ...TABLET, permissions: ['geolocation'], geolocation: { latitude: SHEIL_ROAD.lat, longitude: SHEIL_ROAD.lng } });
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/crew');
    await page.getByLabel('Email').fill(demoEmail(lead));
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('route').waitFor();
    // The offline shell needs the service worker in control before the signal goes.
    type WithSw = { navigator: { serviceWorker: { controller: unknown } } };
    await page.waitForFunction(() => (globalThis as unknown as WithSw).navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    // …and today's route fetched once through it, into its cache.
    type WithCaches = { caches: { open(name: string): Promise<{ keys(): Promise<unknown[]> }> } };
    await page.waitForFunction(async () => (await (await (globalThis as unknown as WithCaches).caches.open('crew-today')).keys()).length > 0, undefined, { timeout: 20_000 });
    return { ctx, page };
  }

  async function card(page: Page, wo: WorkOrder) {
    return page.locator(`[data-testid="route-job"][data-job-id="${wo.id}"]`);
  }

  /**
   * These fixtures are real camera photos whose EXIF places them years ago and far away, so the
   * tablet warns at capture (test/e2e/evidence-review.test.ts covers that); here the crew keeps them with a reason.
   */
  async function takePhoto(page: Page, testId: string, file: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId(testId).click();
    await (await chooser).setFiles(path.join(PHOTOS, file));
    const warning = page.getByTestId('capture-warning');
    // The check ends either in the warning or, with nothing to warn about, in the photo taken (the job started,
    // or the after photo shown): wait for whichever comes, not a fixed time after which a late warning is missed.
    const taken = page.getByTestId(testId === 'start-photo' ? 'to-complete' : 'after-preview');
    await warning.or(taken).first().waitFor({ timeout: 30_000 });
    if (await warning.isVisible()) {
      await page.getByTestId('capture-reason').fill('Test photo from the fixtures');
      await page.getByTestId('capture-keep').click();
      await warning.waitFor({ state: 'detached' });
    }
  }

  /** Start (before photo) then finish (after photo, one more of the first quantity) from the route list. */
  async function startAndFinish(page: Page, wo: WorkOrder, shots = false): Promise<void> {
    await (await card(page, wo)).locator('.route-open').click();
    await page.getByTestId('job-screen').waitFor();
    if (shots) await screenshot(page, 'crew-job');
    await takePhoto(page, 'start-photo', 'before.jpg');
    await page.getByTestId('to-complete').click();
    await page.getByTestId('complete-screen').waitFor();
    await page.getByTestId('stepper').first().getByRole('button', { name: /^More/ }).click();
    await takePhoto(page, 'after-photo', 'after.jpg');
    await page.getByTestId('after-preview').waitFor();
    if (shots) await screenshot(page, 'crew-job-finish');
    await page.getByTestId('complete').click();
    await page.getByTestId('route').waitFor();
  }

  async function syncText(page: Page): Promise<string> {
    return (await page.getByTestId('sync-status').textContent()) ?? '';
  }

  async function waitForSync(page: Page, pattern: RegExp): Promise<void> {
    await page.getByTestId('sync-status').filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
  }

  async function serverView(woId: string) {
    const em = live.deps.db.manager;
    const wo = await em.getRepository(WorkOrderEntity).findOneByOrFail({ id: woId });
    const photos = await em.getRepository(PhotoEntity).find({ where: { workOrderId: woId } });
    const byKind = Object.fromEntries(photos.map((p) => [p.kind, p]));
    const events = await em.getRepository(WorkOrderEventEntity).find({ where: { workOrderId: woId }, order: { id: 'ASC' } });
    return { wo, byKind, photoKinds: photos.map((p) => p.kind).sort(), eventTypes: events.map((e) => e.type) };
  }

  it('When the crew lead works two jobs with no signal and reloads, then nothing is lost and the server gets exactly two completions once the signal returns', async () => {
    const litter = await jobOnRoute({ categoryCode: 'litter', address: '14 Sheil Road', postcode: 'L6 3AF', description: 'Bags of rubbish split open across the pavement', reportPhoto: 'report.jpg' });
    const sharps = await jobOnRoute({ categoryCode: 'sharps', address: 'Back Guelph Street alley', postcode: 'L6 1HD', answers: { near_play_area: true }, description: 'Two needles by the gate' });
    const { ctx, page } = await openCrewApp();
    expect(await page.getByTestId('route-job').count()).to.equal(2);
    expect(await (await card(page, litter)).textContent()).to.contain('14 Sheil Road');
    expect(await syncText(page)).to.contain('All sent');
    await screenshot(page, 'crew-route');

    await ctx.setOffline(true);
    browser.allow(/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/);
    await startAndFinish(page, litter);
    await startAndFinish(page, sharps, true);
    expect(await syncText(page)).to.contain('4 waiting to send');
    expect(await syncText(page)).to.contain('No signal');
    await screenshot(page, 'crew-sync-waiting');

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the shell came from the service worker').to.equal(true);
    await page.getByTestId('route').waitFor();
    expect(await syncText(page), 'the queue survives a reload with no signal').to.contain('4 waiting to send');
    expect(await (await card(page, litter)).textContent()).to.match(/Done/);
    expect((await serverView(litter.id)).wo.status, 'nothing reached the server while offline').to.equal('assigned');
    await (await card(page, litter)).locator('.route-open').click();
    const thumb = page.getByTestId('job-screen').locator('.photos img');
    await thumb.waitFor();
    await page.waitForFunction((img) => (img as { complete: boolean }).complete, await thumb.elementHandle());
    expect(await thumb.evaluate((img) => (img as { naturalWidth: number }).naturalWidth), "the resident's photo shows with no signal").to.be.greaterThan(0);
    await page.getByRole('button', { name: '← Route' }).click();

    await ctx.setOffline(false);
    await waitForSync(page, /All sent/);
    await screenshot(page, 'crew-sync-all-sent');

    for (const wo of [litter, sharps]) {
      const view = await serverView(wo.id);
      expect(view.wo.status).to.equal('completed');
      expect(view.photoKinds).to.deep.equal(['after', 'before']);
      expect(view.eventTypes.filter((t) => t === 'completed')).to.have.length(1);
      expect(view.eventTypes.filter((t) => t === 'started')).to.have.length(1);
    }
    const before = (await serverView(litter.id)).byKind.before!;
    // Shrunk on the tablet, yet the camera's capture time and position (the evidence) reached the server.
    expect(before.gpsLat).to.be.closeTo(43.464455, 1e-4);
    expect(before.takenAt).to.match(/^2008-10-22T/);
    expect((await serverView(litter.id)).wo.quantities).to.deep.equal({ bags: 1 });
    expect((await serverView(sharps.id)).wo.quantities).to.deep.equal({ sharps_count: 1 });
    const completions = await live.deps.db.manager.getRepository(WorkOrderEventEntity).countBy({ type: 'completed' });
    expect(completions).to.equal(2);
    await ctx.close();
  });

  it('When the answer to a completion is lost on the way back, then the retry is replayed by the server and the job is completed once', async () => {
    const wo = await jobOnRoute({ categoryCode: 'litter', address: '3 Kensington', postcode: 'L7 8XE' });
    const { ctx, page } = await openCrewApp();
    await (await card(page, wo)).locator('.route-open').click();
    await takePhoto(page, 'start-photo', 'before.jpg');
    await page.getByTestId('to-complete').waitFor(); // queued
    await waitForSync(page, /All sent/);

    let dropped = 0;
    const replayed: string[] = [];
    // On the context, not the page: with a service worker in control, Chromium may issue the request from the worker.
    await ctx.route('**/api/crew/jobs/*/complete', async (route) => {
      if (dropped === 0) {
        dropped += 1;
        await route.fetch(); // the server does the work…
        await route.abort('connectionreset'); // …and the tablet never hears back
        return;
      }
      const res = await route.fetch();
      replayed.push(res.headers()['idempotent-replayed'] ?? '');
      await route.fulfill({ response: res });
    });
    browser.allow(/ERR_CONNECTION_RESET|net::ERR_FAILED/);
    await page.getByTestId('to-complete').click();
    await takePhoto(page, 'after-photo', 'rotated.jpg'); // a camera that stores portrait shots sideways (EXIF orientation 8)
    await page.getByTestId('complete').click();
    await page.getByTestId('route').waitFor(); // queued
    await waitForSync(page, /All sent/);

    expect(dropped).to.equal(1);
    expect(replayed, 'the retry carried the same Idempotency-Key').to.deep.equal(['true']);
    const view = await serverView(wo.id);
    expect(view.wo.status).to.equal('completed');
    expect(view.eventTypes.filter((t) => t === 'completed')).to.have.length(1);
    expect(view.photoKinds).to.deep.equal(['after', 'before']);
    const after = view.byKind.after!;
    expect(after.height, 'drawn upright on the tablet and not turned again by the server').to.be.greaterThan(after.width);
    await ctx.close();
  });

  it('When a job is given to another crew while the tablet is offline, then the crew lead is told plainly and the photos are on the server', async () => {
    const wo = await jobOnRoute({ categoryCode: 'litter', address: '40 Jubilee Drive', postcode: 'L7 8SL' });
    const { ctx, page } = await openCrewApp();
    await ctx.setOffline(true);
    browser.allow(/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/);
    await startAndFinish(page, wo);
    const current = await live.deps.workOrders.get(wo.id);
    await live.deps.dispatch.assign(wo.id, { crewId: crew2, version: current.version, date: TODAY }, SYSTEM_ACTOR);

    browser.allow(/status of 409/);
    await ctx.setOffline(false);
    await waitForSync(page, /2 could not be sent/);
    const message = (await page.getByTestId('refusals').textContent()) ?? '';
    expect(message).to.contain('This job was given to Crew 2 – Fly-tip van — your photos were kept.');
    await screenshot(page, 'crew-job-reassigned');
    await page.getByTestId('sync-status').click();
    await page.getByTestId('sync-screen').waitFor();
    await screenshot(page, 'crew-sync-refused');

    const view = await serverView(wo.id);
    expect(view.wo.crewId).to.equal(crew2);
    expect(view.wo.status).to.equal('assigned');
    expect(view.photoKinds, 'both photos kept as evidence').to.deep.equal(['after', 'before']);
    expect(view.eventTypes.filter((t) => t === 'crew_evidence')).to.have.length(2);
    await ctx.close();
  });

  it("When the crew lead can't do a job, then one reason button and one send close it with that reason and no typing, and logging out at the end of the shift works", async () => {
    const wo = await jobOnRoute({ categoryCode: 'sharps', address: 'Edge Lane car park', postcode: 'L7 9NY' });
    const { ctx, page } = await openCrewApp();
    await (await card(page, wo)).locator('.route-open').click();
    await page.getByTestId('to-cant').click();
    await page.getByRole('button', { name: 'Vehicle in the way' }).click();
    await screenshot(page, 'crew-cant-complete');
    await page.getByTestId('send-cant').click();
    await page.getByTestId('route').waitFor(); // queued
    await waitForSync(page, /All sent/);
    const view = await serverView(wo.id);
    expect(view.wo.status).to.equal('not_completed');
    expect(view.wo.outcomeReason).to.equal('vehicle_blocking');

    // End of shift: everything is sent, so logging out is allowed and the next person starts at the login form.
    await page.getByTestId('sync-status').click();
    await page.getByRole('button', { name: /Log out/ }).click();
    await page.getByLabel('Email').waitFor();
    await page.reload();
    await page.getByLabel('Email').waitFor();
    await ctx.close();
  });

  it('When the office puts an urgent job at the top of the route, then it appears on the open tablet without a reload, highlighted', async () => {
    const { ctx, page } = await openCrewApp();
    const before = await page.getByTestId('route-job').count();
    const urgent = await jobOnRoute({ categoryCode: 'sharps', address: 'Kensington Gardens play area', postcode: 'L7 8XB', priority: 'urgent', position: 1 });
    await page.getByTestId('new-jobs').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('route-job').count()).to.equal(before + 1);
    const fresh = await card(page, urgent);
    expect(await fresh.getAttribute('class')).to.match(/is-new/).and.match(/is-urgent/);
    expect(await page.getByTestId('new-jobs').textContent()).to.contain('URGENT');
    await screenshot(page, 'crew-new-urgent-job');
    await fresh.locator('.route-open').click();
    await page.getByTestId('job-screen').waitFor();
    // The highlight goes once the job is opened (the banner leaves in the render after the screen changes).
    await page.getByTestId('new-jobs').waitFor({ state: 'detached', timeout: 5_000 });
    await ctx.close();
  });

  it("When the fly-tip crew closes a fly-tip, then Defra's size, waste type and land type come pre-filled from the report and a correction is one tap", async () => {
    const wo = await jobOnRoute({
      categoryCode: 'fly-tipping',
      address: 'Back Saxony Road alley',
      postcode: 'L7 8RS',
      answers: { size: 'small_van_load', waste_type: 'black_bags_household', land_type: 'back_alleyway' },
      crewId: crew2,
    });
    const { ctx, page } = await openCrewApp('crew2@kerbside.test');
    await (await card(page, wo)).locator('.route-open').click();
    await takePhoto(page, 'start-photo', 'before.jpg');
    await page.getByTestId('to-complete').click();
    await takePhoto(page, 'after-photo', 'after.jpg');
    const pressed = await page.locator('.choice .is-on').allTextContents();
    expect(pressed).to.deep.equal(['Small van load', 'Black bags – household', 'Back alleyway']);
    await page.getByRole('button', { name: 'Transit van load' }).click();
    await screenshot(page, 'crew-fly-tip-finish');
    await page.getByTestId('complete').click();
    await page.getByTestId('route').waitFor(); // queued
    await waitForSync(page, /All sent/);
    const view = await serverView(wo.id);
    expect(view.wo.status).to.equal('completed');
    expect(view.wo.wasteData).to.deep.equal({ size: 'transit_van_load', wasteType: 'black_bags_household', landType: 'back_alleyway' });
    await ctx.close();
  });

  it('When Chromium looks at /crew with a normal profile, then it finds nothing stopping it from installing the app', async () => {
    // Incognito contexts (every other test here) are never offered installs, so this one uses a real, throwaway profile.
    const profile = mkdtempSync(path.join(os.tmpdir(), 'kb-crew-profile-'));
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...TABLET });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(live.baseUrl + '/crew');
      type WithSw = { navigator: { serviceWorker: { controller: unknown } } };
      await page.waitForFunction(() => (globalThis as unknown as WithSw).navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
      const cdp = await ctx.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      expect(installabilityErrors.map((e) => e.errorId)).to.deep.equal([]);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).to.equal(live.baseUrl + '/crew.webmanifest');
      expect(manifest.errors).to.deep.equal([]);
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
