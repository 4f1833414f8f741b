/**
 * The open-jobs map with more jobs than it draws one by one (it clusters from
 * 300): every job is in a cluster or a marker, a cluster says how many it
 * holds and how many are overdue, clusters do not cover each other, and a
 * click on one zooms in until its jobs can be picked.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const OFFICE = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const JOBS = 600;
/** Of them, reported three days ago: long past their deadline. */
const LATE = 20;

interface Drawn {
  clusters: number[];
  /** Overdue jobs: those each cluster says it holds, and those drawn as single markers. */
  overdue: number;
  /** Where each cluster's icon is on the page: its centre, in pixels. */
  centres: [number, number][];
  markers: number;
}

/** Runs in the page (so no named helpers inside: the test's compiler would wrap them): what the map draws now. */
function drawnInPage(): Drawn {
  type Element = { textContent: string | null; title: string; querySelector(s: string): Element; getBoundingClientRect(): { x: number; y: number; width: number; height: number } };
  const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Element> } }).document;
  const clusters = Array.from(doc.querySelectorAll('.board-map .job-cluster'));
  return {
    clusters: clusters.map((e) => Number(e.querySelector('span').textContent)),
    overdue: clusters.reduce((n, e) => n + Number(/\((\d+) overdue/.exec(e.title)?.[1] ?? 0), 0) + doc.querySelectorAll('.board-map .job-marker.overdue').length,
    centres: clusters.map((e) => {
      const r = e.getBoundingClientRect();
      return [r.x + r.width / 2, r.y + r.height / 2];
    }),
    markers: doc.querySelectorAll('.board-map .job-marker').length,
  };
}

/** What the map draws once `ok` holds for it (clusters are redrawn after each move of the map). */
async function drawnWhen(page: Page, ok: (d: Drawn) => boolean): Promise<Drawn> {
  for (const deadline = Date.now() + 15_000; ; ) {
    const d = await page.evaluate(drawnInPage);
    if (ok(d)) return d;
    if (Date.now() > deadline) throw new Error(`The map never drew what was expected; it drew ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('office e2e: the open-jobs map with many jobs (1920×1080)', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it(`When ${JOBS} jobs are open, then the map clusters them, clusters and markers add up to every job, and a click on a cluster zooms in to its jobs`, async function () {
    this.timeout(120_000);
    // A grid over Kensington and its neighbours, about 110 m apart: no report joins another (litter joins within 50 m).
    const report = (i: number) =>
      live.deps.intake.submit(
        { categoryCode: 'litter', lat: 53.395 + Math.floor(i / 30) * 0.001, lng: -2.975 + (i % 30) * 0.0015, description: `Litter along the kerb (${i})`, source: 'staff' },
        { kind: 'system', label: 'Street scene survey' },
      );
    const now = live.clock.now();
    live.clock.set(new Date(now.getTime() - 3 * 86_400_000));
    await Promise.all(Array.from({ length: LATE }, (_, i) => report(i)));
    live.clock.set(now);
    await Promise.all(Array.from({ length: JOBS - LATE }, (_, i) => report(LATE + i)));

    const ctx = await browser.context(OFFICE, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher');
    await page.waitForURL('**/dispatch');
    const count = page.getByText(/^\d+ of \d+ open jobs shown$/);
    await count.waitFor();
    const [shown, open] = (await count.textContent())!.match(/\d+/g)!.map(Number);
    expect(open).to.be.at.least(JOBS);
    expect(shown).to.equal(open);

    // The map fits every job in view, so what it draws holds each job exactly once, in fewer things than jobs.
    const sum = (d: Drawn) => d.clusters.reduce((a, b) => a + b, 0) + d.markers;
    const whole = await drawnWhen(page, (d) => d.clusters.length > 0 && sum(d) === shown);
    expect(Math.min(...whole.clusters)).to.be.at.least(2);
    expect(whole.clusters.length + whole.markers).to.be.lessThan(shown);
    // Clusters far enough apart to read: no two 34-px icons on top of each other.
    const closest = Math.min(...whole.centres.flatMap(([x, y], i) => whole.centres.slice(i + 1).map(([u, v]) => Math.hypot(x - u, y - v))));
    expect(closest).to.be.at.least(34);
    expect(await page.locator('.board-map .job-cluster').first().getAttribute('title')).to.match(/^\d+ jobs here( \(.+\))?: zoom in$/);
    // The late jobs are not hidden: the clusters holding them say how many, ringed in red with a "!".
    expect(whole.overdue).to.equal(LATE);
    expect(await page.locator('.board-map .job-cluster.overdue').count()).to.be.greaterThan(0);
    expect(await page.locator('.board-map .job-cluster.overdue b').first().textContent()).to.equal('!');
    await screenshot(page, 'map-clusters');

    // A click on the cluster nearest the map's middle zooms in: fewer jobs in view each time, until single jobs show
    // (on this even grid a cluster may split into clusters again, so it can take more than one click).
    const box = (await page.locator('.board-map').boundingBox())!;
    const middle = [box.x + box.width / 2, box.y + box.height / 2];
    let view = whole;
    for (let clicks = 0; view.markers === 0; clicks++) {
      expect(clicks, 'clicks on clusters before single jobs show').to.be.below(5);
      const distances = view.centres.map(([x, y]) => Math.hypot(x - middle[0], y - middle[1]));
      const before = sum(view);
      await page.locator('.board-map .job-cluster').nth(distances.indexOf(Math.min(...distances))).click();
      view = await drawnWhen(page, (d) => sum(d) < before);
    }
    await page.locator('.board-map .job-marker').first().click();
    await page.getByTestId('map-popup').filter({ hasText: /Litter/ }).waitFor();
    await screenshot(page, 'map-clusters-zoomed');
    await ctx.close();
  });
});
