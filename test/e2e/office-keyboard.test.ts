/** Journey 5: the report form completed with the keyboard alone, and every control has a label. */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DESKTOP, screenshot, type BrowserHandle } from './support/browser.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const PHOTO = path.resolve('test/fixtures/office/fly-tip.jpg');

/** What the focused element is: id, name, type and value (string evaluation: the test tsconfig has no DOM types). */
async function focused(page: Page): Promise<{ id: string; name: string; tag: string; type: string; value: string; checked: boolean; text: string }> {
  return page.evaluate(`(() => { const e = document.activeElement; return { id: e.id || '', name: e.getAttribute('name') || '', tag: e.tagName.toLowerCase(), type: e.getAttribute('type') || '', value: e.value ?? '', checked: !!e.checked, text: (e.textContent || '').trim() }; })()`);
}

/** Presses Tab until the focused element matches; fails after 80 presses. */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

/** Every input, select, textarea and button on the page, with its accessible label (empty when it has none). */
async function controlLabels(page: Page): Promise<{ control: string; label: string }[]> {
  return page.evaluate(`(() => [...document.querySelectorAll('input, select, textarea, button')].map((e) => {
    const byId = (ids) => ids.split(/\\s+/).map((i) => document.getElementById(i)?.textContent || '').join(' ');
    const label = (e.getAttribute('aria-label') || '') || (e.getAttribute('aria-labelledby') ? byId(e.getAttribute('aria-labelledby')) : '')
      || [...(e.labels || [])].map((l) => l.textContent).join(' ') || (e.tagName === 'BUTTON' ? e.textContent : '');
    return { control: e.tagName.toLowerCase() + (e.id ? '#' + e.id : e.name ? '[name=' + e.name + ']' : ''), label: (label || '').trim() };
  }))()`);
}

describe('office e2e: the report form by keyboard alone', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When a resident uses only the keyboard, then they can complete and send the report, and every control on the form has a label', async () => {
    const ctx = await browser.context(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(live.baseUrl + '/');
    await page.getByText('Fly-tipping', { exact: true }).waitFor();

    await tabTo(page, (f) => f.name === 'category', 'the category choices');
    for (let i = 0; i < 12 && (await focused(page)).value !== 'fly-tipping'; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).to.include({ value: 'fly-tipping', checked: true });

    await tabTo(page, (f) => f.id === 'q-size', 'the size question');
    for (let i = 0; i < 10 && (await focused(page)).value !== 'small_van_load'; i++) await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.id === 'q-waste_type', 'the waste type question');
    for (let i = 0; i < 20 && (await focused(page)).value !== 'other_household'; i++) await page.keyboard.press('ArrowDown');

    await tabTo(page, (f) => f.id === 'postcode', 'the postcode box');
    await page.keyboard.type('L6 3AE');
    await page.keyboard.press('Enter');
    await page.getByText('Location set from postcode L6 3AE').waitFor();

    // Listen before the key press: Playwright turns on file-chooser interception asynchronously.
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, (f) => f.id === 'photo', 'the photo button');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(PHOTO);
    await page.getByAltText('Preview of your photo').waitFor();

    await tabTo(page, (f) => f.id === 'description', 'the description');
    await page.keyboard.type('Old sofa and bags in the back alley');

    const unlabelled = (await controlLabels(page)).filter((c) => !c.label);
    expect(unlabelled, 'controls without a label').to.deep.equal([]);
    await screenshot(page, 'public-report-keyboard');

    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send report', 'the send button');
    await page.keyboard.press('Enter');
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference).to.match(/^KB-\d{2}-\d{6}$/);
    await page.waitForFunction(`document.activeElement?.tagName === 'H1'`, null, { timeout: 5_000 }).catch(() => undefined);
    expect(await focused(page), 'focus moves to the confirmation').to.include({ tag: 'h1' });

    const office = await live.as('dispatcher');
    const items = (await office.get('/api/work-orders').query({ category: 'fly-tipping' })).body.items;
    const wo = (await office.get(`/api/work-orders/${items[0].id}`)).body;
    expect(wo.reports[0].answers).to.deep.equal({ size: 'small_van_load', waste_type: 'other_household' });
    expect(wo.photos).to.have.length(1);
    await ctx.close();
  });
});
