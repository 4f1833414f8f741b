/** Journey 4 and the admin screens: categories with questions, partner keys shown once, councillors' wards. */
import { expect } from 'chai';
import { DESKTOP, PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

describe('office e2e: admin', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When an admin adds a category with a question, then residents see it and its question on the public form', async () => {
    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/categories');
    // Sent without a name first: the server's refusal is shown next to the field, not only in a banner.
    browser.allow(/status of 400 .*\/api\/categories$/);
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.locator('#cat-name-error').filter({ hasText: 'is required' }).waitFor();
    expect(await page.getByLabel('Name (as residents will see it)').getAttribute('aria-describedby')).to.equal('cat-name-error');
    await page.getByLabel('Name (as residents will see it)').fill('Abandoned shopping trolley');
    await page.getByLabel('Group').fill('Dumped rubbish');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question', { exact: true }).fill('Is it blocking the pavement?');
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.getByText('“Abandoned shopping trolley” added').waitFor();
    await screenshot(page, 'admin-categories');
    const stored = ((await live.anon().get('/api/categories').expect(200)).body as { code: string; slaPolicy: unknown; questions: unknown[] }[]).find(
      (c) => c.code === 'abandoned-shopping-trolley',
    );
    expect(stored?.slaPolicy).to.deep.equal({ kind: 'working_days', days: 2 });
    expect(stored?.questions).to.deep.equal([{ code: 'is_it_blocking_the_pavement', label: 'Is it blocking the pavement?', type: 'boolean', required: true }]);

    const resident = await (await browser.context(PHONE, live.clock.now())).newPage();
    await resident.goto(live.baseUrl + '/');
    await resident.getByText('Abandoned shopping trolley', { exact: true }).click();
    await resident.getByRole('group', { name: 'Is it blocking the pavement?' }).waitFor();
    await screenshot(resident, 'report-new-category');
    await resident.context().close();
    await ctx.close();
  });

  it('When an admin creates a partner API key, then it is shown once, works for reports, and the list shows only its prefix', async () => {
    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin/api-keys');
    await page.getByLabel('Partner name').fill('Merseyside Police');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByLabel('API key').inputValue();
    expect(key.length).to.be.greaterThan(20);
    await screenshot(page, 'admin-api-key-created');

    const row = page.getByRole('row').filter({ hasText: 'Merseyside Police' });
    expect(await row.textContent()).not.to.contain(key);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    await row.waitFor();
    expect(await page.locator('body').textContent()).not.to.contain(key);

    await live
      .anon()
      .post('/api/reports')
      .set('authorization', `Bearer ${key}`)
      .send({ categoryCode: 'litter', postcode: 'L6 3AE', description: 'Litter by the police station' })
      .expect(201);
    await ctx.close();
  });

  it('When an admin subscribes a new councillor to a ward, then that councillor lands on that ward’s dashboard', async () => {
    const ctx = await browser.context(DESKTOP, live.clock.now());
    const page = await ctx.newPage();
    await loginThroughForm(page, live.baseUrl, 'admin', '/admin');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add user' }) });
    await form.getByLabel('Name').fill('Cllr Riley Riverside');
    await form.getByLabel('Email address').fill('riley@kerbside.test');
    await form.getByLabel('Role').selectOption('councillor');
    await form.getByLabel(/^Password/).fill('riverside-pw-1');
    await form.getByLabel('Riverside').check();
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Cllr Riley Riverside can now log in').waitFor();
    await screenshot(page, 'admin-users');
    await ctx.close();

    const cllr = await (await browser.context(DESKTOP, live.clock.now())).newPage();
    await cllr.goto(live.baseUrl + '/login');
    await cllr.getByLabel('Email address').fill('riley@kerbside.test');
    await cllr.getByLabel('Password').fill('riverside-pw-1');
    await cllr.getByRole('button', { name: 'Log in' }).click();
    await cllr.getByRole('heading', { level: 1, name: 'Riverside ward' }).waitFor();
    await cllr.context().close();
  });
});
