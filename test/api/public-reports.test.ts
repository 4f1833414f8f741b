/**
 * Public reports: nearby, the public page, following by email, "still there?",
 * and that no reporter's personal data ever reaches a public answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { listeningUrl, loadConfig } from '../../server/config.js';
import type { MailMessage } from '../../server/mail/mailer.js';
import { ReportFollowerEntity } from '../../server/public-reports/follower.entity.js';
import { SYSTEM_ACTOR } from '../../server/work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { testApp, type MemoryMailer, type TestApp } from '../support/app.js';
import { testConfigEnv } from '../support/fixtures.js';

const BASE_URL = 'https://streets.example.gov.uk';
const PHOTO = readFileSync(path.resolve('test/fixtures/office/fly-tip.jpg'));
const AFTER = readFileSync(path.resolve('test/fixtures/office/after.jpg'));

/** What a reporter told us that must never appear in public. */
const SECRETS = {
  name: 'Annabel Quickfox-Smith',
  email: 'annabel.quickfox@example.org',
  phone: '07700 900461',
  address: 'Behind number 14, by Annabel’s blue gate',
  description: 'My neighbour Dennis Wobbleton dumped it again',
};

describe('public reports: nearby, the public page, following, still there', () => {
  let t: TestApp;
  let spot = 0;
  // Each test works at its own spot in Kensington and Fairfield, far enough apart (over 300 m) that "nearby" never mixes them.
  const place = () => ({ lat: 53.4125 - (spot % 3) * 0.003, lng: -2.9420 - Math.floor(spot++ / 3) * 0.005 });
  const PUBLIC_PLACE = /^(L\d+ \d[A-Z]{2}|.+ ward)$/;
  const mail = () => (t.mailer as MemoryMailer).sent;
  const mailTo = (to: string): MailMessage[] => mail().filter((m) => m.to === to);

  before(async () => {
    t = await testApp({ env: { PUBLIC_BASE_URL: BASE_URL, REPORT_RATE_PER_MINUTE: '1000' } });
  });
  after(() => t.close());

  const report = async (at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) =>
    (await t.anon().post('/api/reports').send({ categoryCode: 'fly-tipping', ...at, answers: { size: 'car_boot_or_less', waste_type: 'black_bags_household' }, description: SECRETS.description, name: SECRETS.name, email: SECRETS.email, phone: SECRETS.phone, address: SECRETS.address, ...extra }).expect(201)).body as {
      reference: string;
      trackingToken: string;
      workOrderId: string;
    };

  const walk = async (id: string, statuses: WorkOrderStatus[]) => {
    for (const to of statuses) await t.deps.workOrders.changeById(id, { to, actor: SYSTEM_ACTOR, event: { type: 'status', isPublic: true } });
    await t.deps.notifications.settled();
  };

  const complete = async (id: string) => {
    await walk(id, ['accepted', 'assigned', 'in_progress']);
    await t.deps.photos.ingest(AFTER, { ownerKey: `wo:${id}`, workOrderId: id, kind: 'after' });
    await walk(id, ['completed']);
  };

  const expectNoPersonalData = (text: string) => {
    for (const [what, secret] of Object.entries(SECRETS)) expect(text, what).to.not.contain(secret);
    for (const fragment of ['Annabel', 'Quickfox', 'quickfox', '900461', 'blue gate', 'Wobbleton']) expect(text).to.not.contain(fragment);
  };

  it('When someone asks for reports near a point, then they get the open ones nearby with public fields only, and the point’s postcode and ward', async () => {
    const at = place();
    const a = await report(at);
    const closed = await report({ lat: at.lat + 0.0004, lng: at.lng }, { categoryCode: 'litter', answers: {} });
    await walk(closed.workOrderId, ['rejected']);
    const res = await t.anon().get('/api/nearby').query({ lat: at.lat + 0.0002, lng: at.lng }).expect(200);
    expect(res.body.point.ward).to.deep.equal({ code: 'E05000899', name: 'Kensington and Fairfield' });
    expect(res.body.point.postcode).to.match(/^L\d+ \d[A-Z]{2}$/);
    expect(res.body.reports.map((r: { reference: string }) => r.reference)).to.deep.equal([a.reference]);
    const [r] = res.body.reports;
    expect(Object.keys(r).sort()).to.deep.equal(['categoryCode', 'categoryName', 'distanceM', 'lat', 'lng', 'place', 'reference', 'reportedAt', 'status', 'statusText'].sort());
    expect(r).to.deep.include({ categoryName: 'Fly-tipping', status: 'new', statusText: 'Received' });
    expect(r.distanceM).to.be.within(15, 30);
    // No reviewed place yet: the nearest postcode, never the resident's landmark text.
    expect(r.place).to.match(PUBLIC_PLACE);
    expectNoPersonalData(res.text);
    expect(res.text).to.not.contain('"address"');
  });

  it('When the point or the numbers are wrong, then nearby answers 400 with a code, and far from any report it answers an empty list', async () => {
    const bad = await t.anon().get('/api/nearby').query({ lat: 'abc', lng: '-2.9' }).expect(400);
    expect(bad.body.error.code).to.be.a('string');
    await t.anon().get('/api/nearby').query({ lat: 91, lng: 0 }).expect(400);
    const far = await t.anon().get('/api/nearby').query({ lat: 51.5, lng: -0.12 }).expect(200);
    expect(far.body).to.deep.equal({ point: { postcode: null, ward: null }, reports: [] });
  });

  it('When a report is cleared, then its public page shows category, place, the history in words and the after photo, and no personal data', async () => {
    const r = await report(place());
    const open = await t.anon().get(`/api/public/reports/${r.reference}`).expect(200);
    expect(open.body).to.deep.include({ reference: r.reference, categoryName: 'Fly-tipping', status: 'new', open: true, fixed: false, afterPhoto: null });
    expect(open.body.ward.name).to.be.a('string').and.not.equal('');
    expectNoPersonalData(open.text);

    await complete(r.workOrderId);
    const res = await t.anon().get(`/api/public/reports/${r.reference.toLowerCase()}`).expect(200);
    expect(res.body.history.map((h: { text: string }) => h.text)).to.deep.equal(['Reported', 'Accepted: a crew will be sent', 'A crew has it on today’s list', 'A crew is on site', 'Cleared']);
    expect(res.body.fixed).to.equal(true);
    expect(res.body.afterPhoto.url).to.match(/^\/api\/photos\/[0-9a-f-]{36}\?size=full$/);
    await t.anon().get(res.body.afterPhoto.url).expect(200).expect('Content-Type', 'image/jpeg');
    expectNoPersonalData(res.text);

    // Once the office has reviewed the place, that is what the public sees.
    await t.deps.workOrders.changeById(r.workOrderId, { patch: { publicPlace: 'Sheil Road, by the shops' }, actor: SYSTEM_ACTOR, event: { type: 'place' } });
    expect((await t.anon().get(`/api/public/reports/${r.reference}`).expect(200)).body.place).to.equal('Sheil Road, by the shops');

    const missing = await t.anon().get('/api/public/reports/KB-26-999999').expect(404);
    expect(missing.body.error.code).to.equal('REPORT_NOT_FOUND');
    await t.anon().get('/api/public/reports/nonsense').expect(404);
  });

  it('When a resident follows a nearby report, then no new report is filed, they are told, they hear when it closes, and they can unsubscribe', async () => {
    const r = await report(place());
    const before = await t.deps.db.manager.query('SELECT COUNT(*) AS n FROM service_request');
    const follower = 'neighbour@example.org';
    const res = await t.anon().post(`/api/public/reports/${r.reference}/follow`).send({ email: follower }).expect(200);
    expect(res.body).to.deep.equal({ reference: r.reference, following: true });
    await t.anon().post(`/api/public/reports/${r.reference}/follow`).send({ email: follower }).expect(200);
    expect(await t.deps.db.manager.query('SELECT COUNT(*) AS n FROM service_request')).to.deep.equal(before);
    expect(await t.deps.db.manager.getRepository(ReportFollowerEntity).countBy({ email: follower })).to.equal(1);

    const [hello] = mailTo(follower);
    expect(mailTo(follower)).to.have.length(1);
    expect(hello.subject).to.equal(`You are following report ${r.reference}`);
    expect(hello.text).to.contain(`${BASE_URL}/reports/${r.reference}`);
    const token = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(hello.text)![1];

    // The follower's address is office-only: never on the public page or nearby.
    const page = await t.anon().get(`/api/public/reports/${r.reference}`).expect(200);
    expect(page.text).to.not.contain('neighbour');

    await complete(r.workOrderId);
    const cleared = mailTo(follower).find((m) => m.subject.startsWith('Cleared'))!;
    expect(cleared.subject).to.equal(`Cleared: report ${r.reference} you follow`);
    expect(cleared.text).to.contain(`${BASE_URL}/unsubscribe/${token}`);
    expectNoPersonalData(cleared.text);

    expect((await t.anon().post(`/api/unsubscribe/${token}`).expect(200)).body).to.deep.equal({ reference: r.reference, unsubscribed: true });
    await t.anon().post(`/api/unsubscribe/${token}`).expect(200);
    const count = mailTo(follower).length;
    await walk(r.workOrderId, ['reopened', 'rejected']);
    expect(mailTo(follower)).to.have.length(count);
    expect((await t.anon().post('/api/unsubscribe/not-a-real-token-at-all-xx').expect(404)).body.error.code).to.equal('UNSUBSCRIBE_NOT_FOUND');
  });

  it('When the followed report is merged into another, then the follower hears when that one is cleared', async () => {
    const at = place();
    const followed = await report(at);
    const survivor = await report({ lat: at.lat + 0.0001, lng: at.lng }, { categoryCode: 'litter', answers: {} });
    await t.anon().post(`/api/public/reports/${followed.reference}/follow`).send({ email: 'merged@example.org' }).expect(200);
    const office = await t.as('dispatcher');
    const wo = (await office.get(`/api/work-orders/${followed.workOrderId}`).expect(200)).body;
    await office.post(`/api/work-orders/${followed.workOrderId}/merge`).send({ version: wo.version, intoId: survivor.workOrderId }).expect(200);
    await complete(survivor.workOrderId);
    const cleared = mailTo('merged@example.org').filter((m) => m.subject.startsWith('Cleared'));
    expect(cleared).to.have.length(1);
    expect(cleared[0].text).to.contain(`${BASE_URL}/reports/${followed.reference}`);
  });

  it('When following makes no sense (closed report, bad address), then it is refused with a code and a message', async () => {
    const r = await report(place());
    const bad = await t.anon().post(`/api/public/reports/${r.reference}/follow`).send({ email: 'not an address' }).expect(400);
    expect(bad.body.error.code).to.equal('INVALID_EMAIL');
    await walk(r.workOrderId, ['rejected']);
    const closed = await t.anon().post(`/api/public/reports/${r.reference}/follow`).send({ email: 'late@example.org' }).expect(409);
    expect(closed.body.error.code).to.equal('REPORT_CLOSED');
    expect(closed.body.error.message).to.contain('already closed');
  });

  it('When the reporter says a cleared job is still there, then the same job reopens at the top of the dispatcher’s pile with the note and photo, and the public sees only words', async () => {
    const r = await report(place());
    const open = await t.anon().post(`/api/track/${r.trackingToken}/still-there`).send({ note: 'Still here' }).expect(409);
    expect(open.body.error.code).to.equal('STILL_OPEN');
    expect(open.body.error.message).to.match(/still open/);
    expect((await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body.stillThere).to.deep.include({ allowed: false, code: 'STILL_OPEN' });

    await complete(r.workOrderId);
    const clearedMail = mailTo(SECRETS.email).find((m) => m.subject === `Cleared: your report ${r.reference}`)!;
    expect(clearedMail.text).to.contain(`${BASE_URL}/track/${r.trackingToken}#still-there`);
    expect(clearedMail.text).to.contain(`${BASE_URL}/reports/${r.reference}`);
    expect((await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body.stillThere).to.deep.equal({ allowed: true, code: null, message: null });

    const empty = await t.anon().post(`/api/track/${r.trackingToken}/still-there`).send({ note: '  ' }).expect(400);
    expect(empty.body.error.code).to.equal('NOTE_REQUIRED');

    t.clock.advance(2 * 3600_000);
    const res = await t
      .anon()
      .post(`/api/track/${r.trackingToken}/still-there`)
      .field('note', 'Two bags are back by the gate')
      .attach('photo', PHOTO, { filename: 'still.jpg', contentType: 'image/jpeg' })
      .expect(200);
    expect(res.body).to.deep.include({ reference: r.reference, decision: 'reopened', status: 'reopened' });
    expect(Date.parse(res.body.dueAt)).to.be.greaterThan(t.clock.now().getTime());

    const office = await t.as('dispatcher');
    const list = (await office.get('/api/work-orders').query({ status: 'reopened' }).expect(200)).body.items as { id: string }[];
    expect(list.map((w) => w.id)).to.include(r.workOrderId);
    const wo = (await office.get(`/api/work-orders/${r.workOrderId}`).expect(200)).body;
    expect(wo).to.deep.include({ status: 'reopened', priority: 'high' });
    expect(wo.crew ?? wo.crewId ?? null).to.equal(null);
    const notes = (wo.events as { type: string; note: string | null; isPublic: boolean }[]).filter((e) => e.type === 'note');
    expect(notes.at(-1)).to.deep.include({ note: 'Resident says it is still there: Two bags are back by the gate', isPublic: false });

    const publicPage = await t.anon().get(`/api/public/reports/${r.reference}`).expect(200);
    expect(publicPage.body.history.at(-1).text).to.equal('Reopened');
    expect(publicPage.body.history.map((h: { text: string }) => h.text)).to.not.include('Two bags are back by the gate');
    expect(publicPage.text).to.not.contain('Two bags');

    // The reporter sees their own photos (report and "still there") through their link; nobody else does.
    const tracking = (await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body;
    expect(tracking.ownPhotos).to.have.length(1);
    await t.anon().get(tracking.ownPhotos[0].url).expect(200).expect('Content-Type', 'image/jpeg');
    const other = await report(place());
    await t.anon().get(`/api/track/${other.trackingToken}/photos/${tracking.ownPhotos[0].id}`).expect(404);
    await t.anon().get(`/api/photos/${tracking.ownPhotos[0].id}`).expect(404);

    // Saying it twice: the job is open again, so the second is refused in words.
    expect((await t.anon().post(`/api/track/${r.trackingToken}/still-there`).send({ note: 'again' }).expect(409)).body.error.code).to.equal('STILL_OPEN');
  });

  it('When the job closed more than four weeks ago, then "still there?" asks for a new report instead', async () => {
    const r = await report(place());
    await complete(r.workOrderId);
    t.clock.advance(29 * 86_400_000);
    const res = await t.anon().post(`/api/track/${r.trackingToken}/still-there`).send({ note: 'Back again' }).expect(409);
    expect(res.body.error.code).to.equal('CLOSED_TOO_LONG_AGO');
    expect(res.body.error.message).to.contain('make a new report');
    await t.anon().post('/api/track/not-a-real-token-at-all-xx/still-there').send({ note: 'x' }).expect(404);
  });

  it('When the tracking page asks, then it gets the place, what happens next and by when, and the public page’s address', async () => {
    const r = await report(place());
    const v = (await t.anon().get(`/api/track/${r.trackingToken}`).expect(200)).body;
    expect(v.location.place).to.match(PUBLIC_PLACE);
    expect(v.publicPath).to.equal(`/reports/${r.reference}`);
    expect(v.nextStep.by).to.equal(v.dueAt);
    expect(v.nextStep.text).to.contain('We aim to deal with it by');
    expectNoPersonalData(JSON.stringify({ ...v, description: '' }));
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('When it is not set, then links follow the address the server listens on', () => {
    const env = testConfigEnv('/tmp/kerbside-base-url-test', {});
    delete env.PUBLIC_BASE_URL;
    expect(loadConfig({ ...env, PORT: '3100' }).publicBaseUrl).to.equal('http://localhost:3100');
    expect(loadConfig({ ...env, PORT: '8080', HOST: '127.0.0.1' }).publicBaseUrl).to.equal('http://127.0.0.1:8080');
    expect(loadConfig({ ...env, PUBLIC_BASE_URL: 'https://streets.example.gov.uk/' }).publicBaseUrl).to.equal('https://streets.example.gov.uk');
    expect(listeningUrl('::', 3000)).to.equal('http://localhost:3000');
    expect(listeningUrl('::1', 3000)).to.equal('http://[::1]:3000');
  });
});
