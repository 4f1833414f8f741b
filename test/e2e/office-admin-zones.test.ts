/** Admin screens of issue 8's last gaps: zones drawn on the map, a category's questions edited, a crew's leave day. */
import { expect } from 'chai';
import { DESKTOP, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

/** The admin map's centre (client/src/components/map.tsx DEFAULT_CENTRE): Kensington, outside the demo's zone 1. */
const CENTRE = { lat: 53.4084, lng: -2.9616 };

describe('office e2e: admin zones, category editing, crew leave', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When an admin draws a zone on the map, then it is listed and a report inside it gets that zone; the admin can change and delete it', async () => {
    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/zones');
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
});
