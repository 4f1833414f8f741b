/** Journey 2: the dispatcher sees a new report arrive live, accepts it and drags it onto a crew. */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, screenshot, type BrowserHandle } from './support/browser.js';
import { loginThroughForm } from './support/login.js';
import type { LiveApp } from './support/server.js';
import { liveBrowserSuite } from './support/suite.js';

const FLY_TIP = {
  categoryCode: 'fly-tipping',
  postcode: 'L6 3AE',
  description: 'Mattress and bags in the alley',
  answers: { size: 'car_boot_or_less', waste_type: 'other_household' },
};

async function crewId(live: LiveApp, namePrefix: string): Promise<string> {
  const agent = await live.as('dispatcher');
  const crews = (await agent.get('/api/crews')).body as { id: string; name: string }[];
  return crews.find((c) => c.name.startsWith(namePrefix))!.id;
}

async function openBoard(browser: BrowserHandle, live: LiveApp, opts: { withoutLiveUpdates?: boolean } = {}): Promise<Page> {
  const ctx = await browser.context(DESKTOP, live.clock.now());
  const page = await ctx.newPage();
  if (opts.withoutLiveUpdates) {
    // A board that missed the other dispatcher's change: the stream is cut before it opens.
    browser.allow(/\/api\/live/);
    await page.route('**/api/live', (route) => route.abort());
  }
  await loginThroughForm(page, live.baseUrl, 'dispatcher');
  await page.waitForURL('**/dispatch');
  if (!opts.withoutLiveUpdates) await page.getByRole('status').filter({ hasText: /^\s*Live$/ }).waitFor();
  return page;
}

describe('office e2e: the dispatcher board', function () {
  let live: LiveApp;
  let browser: BrowserHandle;
  liveBrowserSuite((l, b) => ((live = l), (browser = b)));

  it('When a resident reports a fly-tip, then the open board shows it without a reload, and the dispatcher accepts it and drags it onto the fly-tip crew', async () => {
    const page = await openBoard(browser, live);
    await page.getByRole('heading', { name: /New reports to check/ }).waitFor();
    await screenshot(page, 'dispatch-triage-empty');

    const created = await live.anon().post('/api/reports').send(FLY_TIP).expect(201);
    const office = await live.as('dispatcher');
    const wo = (await office.get(`/api/work-orders/${created.body.workOrderId}`)).body;

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(wo.reference) }) });
    await card.waitFor();
    await card.getByText('Mattress and bags in the alley').waitFor();
    await screenshot(page, 'dispatch-triage');

    await card.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(`${wo.reference} accepted.`).waitFor();
    await card.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Crews today' }).click();
    const job = page.getByTestId(`job-${wo.reference}`);
    await page.getByTestId('col-unassigned').getByTestId(`job-${wo.reference}`).waitFor();

    // Crew 3 has no fly-tip van: the server refuses and the board says why.
    const crew3 = await crewId(live, 'Crew 3');
    browser.allow(/status of 422 .*\/assign$/);
    await job.dragTo(page.getByTestId(`col-${crew3}`));
    await page.getByRole('alert').filter({ hasText: /needs the "fly-tip-van" skill/ }).waitFor();
    await screenshot(page, 'dispatch-crews-skill-refused');

    const crew2 = await crewId(live, 'Crew 2');
    await job.dragTo(page.getByTestId(`col-${crew2}`));
    await page.getByTestId(`col-${crew2}`).getByTestId(`job-${wo.reference}`).waitFor();
    const after = (await office.get(`/api/work-orders/${wo.id}`)).body;
    expect(after.crewId).to.equal(crew2);
    expect(after.status).to.equal('assigned');
    await screenshot(page, 'dispatch-crews');

    await page.getByTestId(`col-${crew2}`).getByRole('link', { name: wo.reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(wo.reference) }).waitFor();
    const history = page.locator('ol.timeline');
    expect(await history.textContent()).to.match(/Accepted/).and.match(/Dana Dispatcher/);
    await screenshot(page, 'work-order-detail');
    await page.context().close();
  });

  it('When another dispatcher changed the job first, then the board explains the stale edit and reloads instead of failing silently', async () => {
    const created = await live.anon().post('/api/reports').send({ ...FLY_TIP, postcode: 'L6 1AE', description: 'Bags by the bins' }).expect(201);
    const page = await openBoard(browser, live, { withoutLiveUpdates: true });
    const office = await live.as('dispatcher');
    const wo = (await office.get(`/api/work-orders/${created.body.workOrderId}`)).body;
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(wo.reference) }) });
    await card.waitFor();

    // The other dispatcher's change is a note: it bumps the version but keeps the job in the queue.
    await office.post(`/api/work-orders/${wo.id}/notes`).send({ version: wo.version, note: 'Checked on CCTV' }).expect(200);

    browser.allow(/status of 409 .*\/accept$/);
    await card.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this job' }).waitFor();
    await screenshot(page, 'dispatch-stale-edit');
    await card.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(`${wo.reference} accepted.`).waitFor();
    await page.context().close();
  });

  it('When two reports of one fly-tip land as separate jobs, then the board suggests the duplicate and the dispatcher merges them', async () => {
    const first = await live.anon().post('/api/reports').send({ ...FLY_TIP, postcode: 'L6 3BA', description: 'Fridge on the pavement' }).expect(201);
    const second = await live.anon().post('/api/reports').send({ ...FLY_TIP, lat: 53.41405, lng: -2.9412, postcode: undefined, description: 'A fridge dumped near the corner' }).expect(201);
    expect(second.body.workOrderId).not.to.equal(first.body.workOrderId);
    const office = await live.as('dispatcher');
    const [a, b] = await Promise.all([first, second].map(async (r) => (await office.get(`/api/work-orders/${r.body.workOrderId}`)).body));

    const page = await openBoard(browser, live);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(b.reference) }) });
    await card.getByText(`Possible duplicate of`).waitFor();
    expect(await card.getByRole('link', { name: a.reference }).count()).to.equal(1);
    await card.getByRole('button', { name: 'Merge…' }).click();
    expect(await card.getByLabel('Merge into').inputValue(), 'the nearest suggestion is preselected').to.equal(a.id);
    await card.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText(`${b.reference} merged into ${a.reference}.`).waitFor();
    await card.waitFor({ state: 'detached' });
    const merged = (await office.get(`/api/work-orders/${b.id}`)).body;
    expect(merged.status).to.equal('duplicate');
    expect(merged.mergedIntoId).to.equal(a.id);
    expect((await office.get(`/api/work-orders/${a.id}`)).body.reports).to.have.length(2);
    await page.context().close();
  });

  it('When the dispatcher plans the day and publishes it, then accepted jobs land on the crews’ columns', async () => {
    const created = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode: 'L6 1DZ', description: 'Cans along the railings' }).expect(201);
    const office = await live.as('dispatcher');
    const wo = (await office.get(`/api/work-orders/${created.body.workOrderId}`)).body;
    await office.post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200);

    const page = await openBoard(browser, live);
    await page.getByRole('link', { name: 'Crews today' }).click();
    await page.getByTestId('col-unassigned').getByTestId(`job-${wo.reference}`).waitFor();
    await page.getByRole('button', { name: 'Plan the day' }).click();
    const summary = page.getByTestId('plan-summary');
    await summary.getByText(/Draft plan/).waitFor();
    expect(await summary.textContent()).to.match(/\d+ of \d+ jobs planned/).and.contain(wo.reference);
    await screenshot(page, 'dispatch-plan-draft');
    await page.getByRole('button', { name: 'Publish routes' }).click();
    await summary.getByText('Published plan').waitFor();
    await page.getByTestId('col-unassigned').getByTestId(`job-${wo.reference}`).waitFor({ state: 'detached' });
    const after = (await office.get(`/api/work-orders/${wo.id}`)).body;
    expect(after.crewId).to.be.a('string');
    await page.getByTestId(`col-${after.crewId}`).getByTestId(`job-${wo.reference}`).waitFor();
    await page.context().close();
  });

  it('When the dispatcher drags a crew’s last stop onto its first, then it becomes stop 1, and the arrow buttons reorder without a mouse', async () => {
    const office = await live.as('dispatcher');
    const crew3 = await crewId(live, 'Crew 3');
    const refs: string[] = [];
    for (const postcode of ['L6 1EG', 'L6 1EH']) {
      const created = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode, description: 'Litter on the verge' }).expect(201);
      const wo = (await office.get(`/api/work-orders/${created.body.workOrderId}`)).body;
      const accepted = (await office.post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200)).body;
      await office.post(`/api/work-orders/${wo.id}/assign`).send({ version: accepted.version, crewId: crew3 }).expect(200);
      refs.push(wo.reference);
    }
    const stopOf = async (ref: string) =>
      ((await office.get('/api/work-orders').query({ crew: crew3 })).body.items as { reference: string; routePosition: number }[]).find((w) => w.reference === ref)!.routePosition;
    const before = await Promise.all(refs.map(stopOf));
    const last = refs[before[0] > before[1] ? 0 : 1];

    const page = await openBoard(browser, live);
    await page.getByRole('link', { name: 'Crews today' }).click();
    const column = page.getByTestId(`col-${crew3}`);
    const stops = column.locator('[data-testid^="job-"]');
    await column.getByTestId(`job-${last}`).waitFor();
    const count = await stops.count();
    expect(await stops.nth(count - 1).getAttribute('data-testid')).to.equal(`job-${last}`);

    await stops.nth(count - 1).dragTo(stops.nth(0));
    await page.getByText(`${last} given to Crew 3 – Graffiti & streets as stop 1.`).waitFor();
    expect(await stopOf(last)).to.equal(1);
    await stops.first().and(column.getByTestId(`job-${last}`)).waitFor();

    await column.getByRole('button', { name: `Move ${last} later` }).click();
    await page.getByText(`${last} is now stop 2`).waitFor();
    expect(await stopOf(last)).to.equal(2);
    await page.context().close();
  });

  it('When the dispatcher recategorises one report and rejects another, then the board and the reporter’s tracking page both show it', async () => {
    const graffiti = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode: 'L6 1BS', description: 'Paint all over the shutter' }).expect(201);
    const privateLand = await live.anon().post('/api/reports').send({ categoryCode: 'litter', postcode: 'L6 3AE', description: 'Rubbish in my neighbour’s garden' }).expect(201);
    const office = await live.as('dispatcher');
    const [a, b] = await Promise.all([graffiti, privateLand].map(async (r) => (await office.get(`/api/work-orders/${r.body.workOrderId}`)).body));

    const page = await openBoard(browser, live);
    const cardA = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(a.reference) }) });
    await cardA.getByRole('button', { name: 'Recategorise…' }).click();
    await cardA.getByLabel('New category').selectOption({ label: 'Graffiti' });
    await cardA.getByRole('button', { name: 'Change category' }).click();
    await page.getByText(`${a.reference} is now Graffiti`).waitFor();
    await cardA.getByRole('heading', { name: /^Graffiti/ }).waitFor();
    expect((await office.get(`/api/work-orders/${a.id}`)).body.categoryCode).to.equal('graffiti');

    const cardB = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(b.reference) }) });
    await cardB.getByRole('button', { name: 'Reject…' }).click();
    await cardB.getByLabel('Reason').selectOption('not_council_land');
    await screenshot(page, 'dispatch-reject');
    await cardB.getByRole('button', { name: 'Reject report' }).click();
    await page.getByText(`${b.reference} rejected; the reporter will be told.`).waitFor();
    await cardB.waitFor({ state: 'detached' });
    await page.context().close();

    const resident = await (await browser.context(PHONE, live.clock.now())).newPage();
    await resident.goto(`${live.baseUrl}/track/${privateLand.body.trackingToken}`);
    expect(await resident.getByTestId('status').textContent()).to.equal('Closed: no action');
    await resident.getByText('This is on private land, so the council cannot clear it.').waitFor();
    await resident.context().close();
  });
});
