/**
 * Report photos are rendered after the 201; one whose pixels prove unreadable
 * then is flagged. The work-order page must say so in words, not show a
 * broken image, and still show the photos that were fine.
 */
import { expect } from 'chai';
import { photoFile } from '../api/crew-job-builders.js';
import { jpegCorruptInTheMiddle } from '../support/photos.js';
import { multipartReport } from '../support/reports.js';
import { DESKTOP, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

describe('office e2e: report photos on the work-order page', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When one of a report’s photos proves unreadable after it was accepted, then the page says so and shows the good one', async () => {
    const created = await multipartReport(live.anon(), { description: 'Bags of rubbish split open by the bus stop' })
      .attach('photos', photoFile('gps/spatialite_DSCN0042.jpg'), 'good.jpg')
      .attach('photos', await jpegCorruptInTheMiddle(), 'bad.jpg');
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    await live.deps.photos.rendered();

    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'dispatcher', `/work-orders/${created.body.workOrderId}`);
    const reported = page.locator('figure').filter({ hasText: 'Reported' });
    await reported.getByText('could not be read').waitFor();
    await page.locator('.flags').getByText('A photo could not be read').waitFor();
    const images = reported.locator('img');
    expect(await images.count(), 'only the readable photo is an image').to.equal(1);
    // The server tsconfig has no DOM types: the element is described by what is used of it.
    type Img = { decode(): Promise<void>; naturalWidth: number };
    await images.first().evaluate((img) => (img as unknown as Img).decode());
    expect(await images.first().evaluate((img) => (img as unknown as Img).naturalWidth)).to.be.greaterThan(0);
    await screenshot(page, 'work-order-unreadable-photo');
    await ctx.close();
  });
});
