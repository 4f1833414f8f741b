/** Admin screens of issue 8's last gaps: zones drawn on the map, a category's questions edited, a crew's leave day. */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DESKTOP, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

/** The admin map's centre (client/src/components/map.tsx DEFAULT_CENTRE): Kensington, outside the demo's zone 1. */
const CENTRE = { lat: 53.4084, lng: -2.9616 };

/** Controls with no accessible name, and ids used twice (which would tie a label to the wrong control). As in office-keyboard.test.ts. */
async function labelProblems(page: Page): Promise<{ unlabelled: string[]; duplicateIds: string[] }> {
  return page.evaluate(`(() => {
    const byId = (ids) => ids.split(/\\s+/).map((i) => document.getElementById(i)?.textContent || '').join(' ');
    const unlabelled = [...document.querySelectorAll('input, select, textarea, button')].filter((e) => {
      const label = (e.getAttribute('aria-label') || '') || (e.getAttribute('aria-labelledby') ? byId(e.getAttribute('aria-labelledby')) : '')
        || [...(e.labels || [])].map((l) => l.textContent).join(' ') || (e.tagName === 'BUTTON' ? e.textContent : '');
      return !(label || '').trim();
    }).map((e) => e.outerHTML.slice(0, 120));
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const duplicateIds = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    return { unlabelled, duplicateIds };
  })()`);
}

describe('office e2e: admin zones, category editing, crew leave', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  /** A fresh desktop context logged in as the admin, on one admin tab. */
  const adminAt = async (tab: string) => {
    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000); // a missing control fails with its locator, inside mocha's 30 s
    await loginThroughForm(page, live.baseUrl, 'admin', tab);
    return { ctx, page };
  };
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When an admin draws a zone on the map, then it is listed and a report inside it gets that zone; the admin can change and delete it', async () => {
    const { ctx, page } = await adminAt('/admin/zones');
    await page.getByRole('heading', { level: 1, name: 'Admin: Zones' }).waitFor();
    // The seeded demo zone is listed.
    await page.getByRole('row').filter({ hasText: 'Kensington and Sheil Road shops (demo)' }).waitFor();
    await page.getByText('work orders already filed keep the zone and deadline they were given').waitFor();

    // Pasted GeoJSON with an open ring: the server's refusal is shown next to the boundary.
    browser.allow(/status of 400 .*\/api\/zones$/);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add zone' }) });
    await form.getByLabel('Zone name').fill('Kensington Fields');
    await form.getByLabel('Or paste GeoJSON').fill(JSON.stringify({ type: 'Polygon', coordinates: [[[-2.965, 53.406], [-2.958, 53.406], [-2.958, 53.411], [-2.965, 53.411]]] }));
    await form.getByRole('button', { name: 'Add zone' }).click();
    await form.locator('[id$="-boundary-error"]').filter({ hasText: 'not closed' }).waitFor();
    expect(await form.getByLabel('Or paste GeoJSON').getAttribute('aria-invalid')).to.equal('true');
    await form.getByLabel('Or paste GeoJSON').fill('');

    // Drawn instead: four corners clicked around the map's centre.
    await form.getByRole('button', { name: 'Draw on the map' }).click();
    const map = page.getByRole('region', { name: /Zones map/ });
    const box = (await map.boundingBox())!;
    // The crosshair marks the point "Add the map's centre" adds: the map's own centre, whatever is drawn below it.
    const cross = (await page.locator('.crosshair').boundingBox())!;
    expect(Math.abs(cross.x + cross.width / 2 - (box.x + box.width / 2))).to.be.below(1.5);
    expect(Math.abs(cross.y + cross.height / 2 - (box.y + box.height / 2))).to.be.below(1.5);
    const cx = box.width / 2;
    const cy = box.height / 2;
    for (const [dx, dy] of [[-60, -50], [60, -50], [60, 50], [-60, 50]]) await map.click({ position: { x: cx + dx, y: cy + dy } });
    await form.getByText('4 corners placed').waitFor();
    await form.getByLabel('Code of Practice zone').selectOption('3');
    await form.getByLabel('Note (optional)').fill('Park edges, low use');
    await screenshot(page, 'admin-zones-drawing');
    await form.getByRole('button', { name: 'Add zone' }).click();
    await page.getByText('“Kensington Fields” added as zone 3').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Kensington Fields' });
    await row.waitFor();
    expect(await row.textContent()).to.contain('within 14 days');
    await screenshot(page, 'admin-zones');

    const admin = await live.as('admin');
    const stored = ((await admin.get('/api/zones').expect(200)).body.zones as { id: string; name: string; zone: number; boundary: { type: string; coordinates: number[][][] } }[]).find((z) => z.name === 'Kensington Fields')!;
    expect(stored.zone).to.equal(3);
    expect(stored.boundary.type).to.equal('Polygon');
    expect(stored.boundary.coordinates[0]).to.have.length(5);
    const report = await live.anon().post('/api/reports').send({ categoryCode: 'litter', ...CENTRE, description: 'Litter by the park gates' }).expect(201);
    expect((await admin.get(`/api/work-orders/${report.body.workOrderId}`).expect(200)).body.zone).to.equal(3);

    // Edit: zone 3 → zone 1 and a new name.
    await row.getByRole('button', { name: 'Edit Kensington Fields' }).click();
    const edit = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save zone' }) });
    expect(await labelProblems(page)).to.deep.equal({ unlabelled: [], duplicateIds: [] });
    await edit.getByLabel('Zone name').fill('Kensington Fields parade');
    await edit.getByLabel('Code of Practice zone').selectOption('1');
    await edit.getByRole('button', { name: 'Save zone' }).click();
    await page.getByText('“Kensington Fields parade” saved').waitFor();
    expect(((await admin.get('/api/zones').expect(200)).body.zones as { id: string; zone: number }[]).find((z) => z.id === stored.id)?.zone).to.equal(1);

    // Delete, after confirming.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Kensington Fields parade' }).click();
    await page.getByText('“Kensington Fields parade” deleted').waitFor();
    expect(((await admin.get('/api/zones').expect(200)).body.zones as { id: string }[]).some((z) => z.id === stored.id)).to.equal(false);
    // The work order filed while it was zone 3 keeps zone 3.
    expect((await admin.get(`/api/work-orders/${report.body.workOrderId}`).expect(200)).body.zone).to.equal(3);
    await ctx.close();
  });

  it('When an admin edits a category’s question and its choices, then the stored category has them and keeps the fixed codes and everything not edited', async () => {
    const { ctx, page } = await adminAt('/admin/categories');
    await page.getByRole('button', { name: 'Edit Dead animal' }).click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save category' }) });
    expect(await form.getByLabel(/^Code/).first().getAttribute('readonly')).not.to.equal(null);
    await form.getByLabel('Question', { exact: true }).fill('What kind of animal is it?');
    await form.getByLabel('Choice 3 of question 1', { exact: true }).fill('Fox or badger');
    expect(await form.getByLabel('Code (fixed) of choice 3 of question 1').getAttribute('readonly')).not.to.equal(null);
    await form.getByRole('button', { name: 'Remove choice 4 of question 1' }).click();
    await form.getByRole('button', { name: 'Add a choice to question 1' }).click();
    await form.getByLabel('Choice 4 of question 1', { exact: true }).fill('Rat');
    await form.getByLabel('Help for the reporter').fill('Do not touch it.');
    expect(await labelProblems(page)).to.deep.equal({ unlabelled: [], duplicateIds: [] });
    await form.getByLabel('Service level').selectOption('hours');
    await form.getByLabel('Hours').fill('24');
    await form.getByLabel('Accept reports without triage').check();
    // (A full-page screenshot resizes the viewport; taken before the last fill, so the click below lands where it aims.)
    await screenshot(page, 'admin-category-edit');
    await form.getByLabel('Duplicate radius (metres)').fill('40');
    await form.getByRole('button', { name: 'Save category' }).click();
    await page.getByText('“Dead animal” saved').waitFor();
    await screenshot(page, 'admin-categories-after-edit');

    const admin = await live.as('admin');
    const all = (await admin.get('/api/categories?all=true').expect(200)).body as Record<string, unknown>[];
    const dead = all.find((c) => c.code === 'dead-animal')!;
    expect(dead.questions).to.deep.equal([
      {
        code: 'animal', label: 'What kind of animal is it?', type: 'single', required: false, help: 'Do not touch it.',
        options: [{ key: 'cat_dog', label: 'Cat or dog' }, { key: 'bird', label: 'Bird' }, { key: 'fox', label: 'Fox or badger' }, { key: 'rat', label: 'Rat' }],
      },
    ]);
    expect(dead).to.deep.include({ slaPolicy: { kind: 'hours', hours: 24 }, autoAccept: true, dedupeRadiusM: 40, serviceMinutes: 20, active: true, name: 'Dead animal' });

    // Editing another category's description keeps its question's routing to offensive graffiti.
    await page.getByRole('button', { name: 'Edit Graffiti', exact: true }).click();
    const graffiti = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save category' }) });
    expect(await graffiti.getByLabel('A “yes” files the report under').inputValue()).to.equal('offensive-graffiti');
    await graffiti.getByLabel(/^Description/).fill('Graffiti on walls, shutters, bins or street furniture.');
    await graffiti.getByRole('button', { name: 'Save category' }).click();
    await page.getByText('“Graffiti” saved').waitFor();
    const g = ((await admin.get('/api/categories?all=true').expect(200)).body as { code: string; questions: { routesTo?: string }[]; description: string }[]).find((c) => c.code === 'graffiti')!;
    expect(g.description).to.equal('Graffiti on walls, shutters, bins or street furniture.');
    expect(g.questions[0].routesTo).to.equal('offensive-graffiti');

    // The public form offers the new choice.
    const resident = await (await browser.context(DESKTOP, live.clock.now())).newPage();
    await resident.goto(live.baseUrl + '/');
    await resident.getByText('Dead animal', { exact: true }).click();
    await resident.getByRole('group', { name: /What kind of animal is it\?/ }).getByText('Rat').waitFor();
    await resident.context().close();
    await ctx.close();
  });

  it('When an admin adds a leave day and a short day to a crew, then the crew is off that day and works the short hours the next; removing a day restores the shift', async () => {
    const { ctx, page } = await adminAt('/admin/crews');
    const crewName = 'Crew 1 – Sharps & hazards';
    const card = page.getByRole('region', { name: crewName });
    await card.getByText('No upcoming changes').waitFor();

    // Nothing typed: the problems are shown next to the fields, and nothing is sent.
    await card.getByRole('button', { name: `Add day for ${crewName}` }).click();
    await card.getByText('Choose a date.').waitFor();
    expect(await card.getByLabel('Reason').getAttribute('aria-invalid')).to.equal('true');

    await card.getByLabel('Date').fill('2026-12-01');
    await card.getByLabel('Reason').fill('Annual leave');
    await card.getByRole('button', { name: `Add day for ${crewName}` }).click();
    await page.getByText(`${crewName}: not working on Tue 1 Dec 2026 (Annual leave).`).waitFor();

    const card2 = page.getByRole('region', { name: crewName });
    await card2.getByLabel('Date').fill('2026-12-02');
    await card2.getByLabel('What happens').selectOption('hours');
    await card2.getByLabel('Until').fill('12:00');
    expect(await labelProblems(page)).to.deep.equal({ unlabelled: [], duplicateIds: [] });
    await card2.getByLabel('Reason').fill('Short day: depot training');
    await card2.getByRole('button', { name: `Add day for ${crewName}` }).click();
    await page.getByText(`${crewName}: working 07:00–12:00 on Wed 2 Dec 2026`).waitFor();
    const rows = page.getByRole('region', { name: crewName }).getByRole('row');
    await rows.filter({ hasText: 'Tue 1 Dec 2026' }).filter({ hasText: 'Not working' }).waitFor();
    await rows.filter({ hasText: 'Wed 2 Dec 2026' }).filter({ hasText: 'Working 07:00–12:00' }).waitFor();
    await screenshot(page, 'admin-crew-leave');

    const admin = await live.as('admin');
    const crew = ((await admin.get('/api/crews').expect(200)).body as { id: string; name: string; exceptions: unknown[] }[]).find((c) => c.name === crewName)!;
    expect(crew.exceptions).to.deep.equal([
      { date: '2026-12-01', available: false, reason: 'Annual leave' },
      { date: '2026-12-02', available: true, start: '07:00', end: '12:00', reason: 'Short day: depot training' },
    ]);
    expect((await admin.get(`/api/crews/${crew.id}/day?date=2026-12-01`).expect(200)).body.shift).to.equal(null);
    expect((await admin.get(`/api/crews/${crew.id}/day?date=2026-12-02`).expect(200)).body.shift).to.deep.equal({ start: '2026-12-02T07:00:00.000Z', end: '2026-12-02T12:00:00.000Z' });

    await page.getByRole('region', { name: crewName }).getByRole('button', { name: 'Remove Tue 1 Dec 2026' }).click();
    await page.getByText(`${crewName}: back to the regular shift on Tue 1 Dec 2026.`).waitFor();
    expect((await admin.get(`/api/crews/${crew.id}/day?date=2026-12-01`).expect(200)).body.shift).to.deep.equal({ start: '2026-12-01T07:00:00.000Z', end: '2026-12-01T15:00:00.000Z' });
    await ctx.close();
  });
});
