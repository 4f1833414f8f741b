import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { IdempotencyRecordEntity } from '../../server/idempotency/idempotency-record.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD } from '../support/fixtures.js';
import { CREW1, CREW2, crewId, photoFile, send } from './crew-job-builders.js';

const BEFORE = () => photoFile('orientation/pillow_hopper.jpg');
const AFTER = () => photoFile('orientation/pillow_hopper_orientation_3.jpg');
const LATE = () => photoFile('gps/exifr_IMG_20180725_163423-tiny.jpg');
/** EXIF GPS and time from years ago, hundreds of miles from Liverpool. */
const FAR_AND_OLD = () => photoFile('gps/spatialite_DSCN0042.jpg');
const CONTACT = { name: 'Rita Reporter', email: 'rita.reporter@example.org', phone: '07700 900123' };
const MINUTE = 60_000;

describe('evidence a council can stand behind', () => {
  let t: TestApp;
  let key: string;
  let spot = 0;
  before(async () => {
    t = await testApp();
    key = (await t.deps.apiClients.create('FixMyStreet')).key;
  });
  after(() => t.close());

  /** A resident's report a few hundred metres from the last, accepted and on a crew's list for today. */
  async function reported(category = 'litter', crew = CREW1) {
    spot += 1;
    const place = { lat: SHEIL_ROAD.lat + spot * 0.003, lng: SHEIL_ROAD.lng };
    const answers = category === 'sharps' ? { item_count: 2, near_play_area: false } : {};
    const r = await t.deps.intake.submit({ categoryCode: category, ...place, description: 'Needs clearing', answers, source: 'public', contact: CONTACT }, { kind: 'anonymous', label: 'Member of the public' });
    const d = await t.as('dispatcher');
    let wo = await t.deps.workOrders.get(r.workOrderId);
    if (wo.status === 'new') {
      await d.post(`/api/work-orders/${wo.id}/accept`).send({ version: wo.version }).expect(200);
      wo = await t.deps.workOrders.get(wo.id);
    }
    const assigned = await d.post(`/api/work-orders/${wo.id}/assign`).send({ crewId: await crewId(t.deps, crew), version: wo.version });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
    return { id: r.workOrderId, reference: r.reference, token: r.trackingToken, place };
  }

  const onSpot = (place: { lat: number; lng: number }) => ({ lat: place.lat, lng: place.lng, accuracyM: 12, capturedAt: t.clock.now().toISOString() });

  async function startAndClose(job: { id: string; place: { lat: number; lng: number } }, after: Buffer, extra: Record<string, unknown> = {}, lead = 'crew_lead') {
    const crew = await t.as(lead);
    const started = await send(crew, job.id, 'start', { photo: BEFORE(), data: { device: onSpot(job.place) } });
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    t.clock.advance(20 * MINUTE);
    const done = await send(crew, job.id, 'complete', { photo: after, data: { quantities: {}, device: onSpot(job.place), ...extra } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    return done.body;
  }

  const open311Request = async (reference: string) => (await supertest(t.app).get(`/open311/v2/requests/${reference}.json`).expect(200)).body[0];
  const tracking = async (token: string) => (await t.anon().get(`/api/track/${token}`).expect(200)).body;
  const updates = async (since: string, reference: string) =>
    (await supertest(t.app).get('/open311/v2/servicerequestupdates.json').query({ api_key: key, start_date: since, end_date: t.clock.now().toISOString() }).expect(200)).body.filter(
      (u: { service_request_id: string }) => u.service_request_id === reference,
    );

  describe('evidence state and review', () => {
    it('When clean before/after photos come with the tablet’s position on the spot, then the evidence is accepted at once and says the position came from the tablet', async () => {
      const job = await reported();
      const body = await startAndClose(job, AFTER());
      expect(body.status).to.equal('completed');
      expect(body.evidence).to.deep.include({ status: 'accepted', flags: [] });
      expect(body.evidence.after.positionSource).to.equal('device');
      expect(body.evidence.after.flags).to.include('position_from_device');
      const fixed = await open311Request(job.reference);
      expect(fixed.status).to.equal('closed');
      expect(fixed.media_url).to.match(new RegExp(`/api/photos/${body.evidence.after.id}\\?size=full$`));
      expect((await tracking(job.token)).photos.map((p: { id: string }) => p.id)).to.deep.equal([body.evidence.before.id, body.evidence.after.id]);
    });

    it('When the office sends residents an update while the photos are being checked, then FixMyStreet hears it with the job still in progress, not fixed', async () => {
      const since = t.clock.now().toISOString();
      const job = await reported();
      const body = await startAndClose(job, FAR_AND_OLD(), { photoReason: 'Camera clock is wrong' });
      expect(body.evidence.status).to.equal('needs_review');
      const d = await t.as('dispatcher');
      await d.post(`/api/work-orders/${job.id}/public-updates`).send({ version: body.version, message: 'We are checking the crew’s photos.' }).expect(200);
      const mine = (await updates(since, job.reference)) as { status: string; description: string }[];
      const update = mine.find((u) => u.description === 'We are checking the crew’s photos.');
      expect(update, JSON.stringify(mine)).to.exist;
      expect(update!.status).to.equal('in_progress');
      expect(mine.map((u) => u.status)).to.not.include('fixed');
    });

    it('When the after photo was taken years ago far away, then evidence needs review and the tracking page, Open311 and the photo route show no fix until the office accepts it', async () => {
      const since = t.clock.now().toISOString();
      const job = await reported();
      const body = await startAndClose(job, FAR_AND_OLD(), { photoReason: 'Camera clock is wrong' });
      expect(body.status).to.equal('completed');
      expect(body.evidence.status).to.equal('needs_review');
      expect(body.evidence.flags).to.include.members(['far_from_job', 'taken_long_before']);
      expect(body.evidence.flagWords).to.include('taken far from the job');
      expect(body.evidence.after.positionSource).to.equal('exif');
      expect(body.evidence.after.crewReason).to.equal('Camera clock is wrong');

      const track = await tracking(job.token);
      expect(track).to.deep.include({ fixed: false, status: 'in_progress', photos: [] });
      const pending = await open311Request(job.reference);
      expect([pending.status, pending.media_url]).to.deep.equal(['open', null]);
      await t.anon().get(body.evidence.after.url).expect(404);
      expect((await updates(since, job.reference)).map((u: { status: string }) => u.status)).to.not.include('fixed');

      const d = await t.as('dispatcher');
      const queue = (await d.get('/api/evidence/queue').expect(200)).body.items;
      expect(queue.map((q: { id: string }) => q.id)).to.include(job.id);
      expect(queue.find((q: { id: string }) => q.id === job.id).evidence).to.deep.equal((await d.get(`/api/work-orders/${job.id}`).expect(200)).body.evidence);
      const stale = await d.post(`/api/work-orders/${job.id}/evidence-review`).send({ decision: 'accept', note: 'Checked with the crew', version: body.version - 1 });
      expect([stale.status, stale.body.error.code]).to.deep.equal([409, 'STALE_VERSION']);

      t.clock.advance(30 * MINUTE);
      const accepted = await d.post(`/api/work-orders/${job.id}/evidence-review`).send({ decision: 'accept', note: 'Checked with the crew', version: body.version });
      expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
      expect(accepted.body.evidence).to.deep.include({ status: 'accepted' });
      expect(accepted.body.evidence.review).to.deep.include({ decision: 'accept', note: 'Checked with the crew' });
      expect(accepted.body.events.at(-1)).to.deep.include({ type: 'evidence_accepted', actorLabel: accepted.body.events.at(-1).actorLabel });
      expect((await tracking(job.token))).to.deep.include({ fixed: true, status: 'completed' });
      const fixed = await open311Request(job.reference);
      expect(fixed.status).to.equal('closed');
      expect(fixed.media_url).to.contain(`/api/photos/${body.evidence.after.id}`);
      const feed = await updates(since, job.reference);
      expect(feed.at(-1)).to.deep.include({ status: 'fixed' });
      expect(feed.at(-1).media_url).to.contain(body.evidence.after.id);
      await t.anon().get(body.evidence.after.url).expect(200);
      const again = await d.post(`/api/work-orders/${job.id}/evidence-review`).send({ decision: 'accept', version: accepted.body.version });
      expect([again.status, again.body.error.code]).to.deep.equal([409, 'EVIDENCE_NOT_UNDER_REVIEW']);
    });

    it('When the office rejects the evidence, then the job is reopened onto the same crew’s list for today as a revisit with the reason, and the public never saw it fixed', async () => {
      const since = t.clock.now().toISOString();
      const job = await reported();
      const body = await startAndClose(job, FAR_AND_OLD());
      const d = await t.as('dispatcher');
      const noReason = await d.post(`/api/work-orders/${job.id}/evidence-review`).send({ decision: 'reject', version: body.version });
      expect(noReason.status).to.equal(400);
      const rejected = await d.post(`/api/work-orders/${job.id}/evidence-review`).send({ decision: 'reject', note: 'Photo is not of this street', version: body.version });
      expect(rejected.status, JSON.stringify(rejected.body)).to.equal(200);
      expect(rejected.body).to.deep.include({ status: 'assigned', crewId: await crewId(t.deps, CREW1) });
      expect(rejected.body.evidence).to.deep.include({ status: 'rejected' });
      expect(rejected.body.evidence.review).to.deep.include({ decision: 'reject', note: 'Photo is not of this street' });
      expect(rejected.body.events.map((e: { type: string }) => e.type)).to.include.members(['evidence_rejected', 'assigned']);
      const today = (await (await t.as('crew_lead')).get('/api/crew/today').expect(200)).body;
      expect(JSON.stringify(today)).to.contain(job.id);
      expect((await open311Request(job.reference)).status).to.equal('open');
      expect((await updates(since, job.reference)).map((u: { status: string }) => u.status)).to.not.include.members(['fixed', 'reopen']);
      expect(await tracking(job.token)).to.deep.include({ fixed: false });

      // The revisit: clean photos this time, accepted at once.
      t.clock.advance(60 * MINUTE);
      const redone = await startAndClose(job, AFTER());
      expect(redone.evidence.status).to.equal('accepted');
      expect((await open311Request(job.reference)).status).to.equal('closed');
    });
  });

  describe('one proof per job, fixed at closure', () => {
    it('When a late complete (409 ALREADY_COMPLETED) or an "after" photo comes after closure, then the proof, Open311 media_url, tracking page and photo route do not change', async () => {
      const job = await reported();
      const body = await startAndClose(job, AFTER());
      const proofAfter = body.evidence.after.id;
      const crew = await t.as('crew_lead');
      t.clock.advance(5 * MINUTE);
      const late = await send(crew, job.id, 'complete', { photo: LATE(), data: { device: onSpot(job.place) } });
      expect([late.status, late.body.error.code]).to.deep.equal([409, 'ALREADY_COMPLETED']);
      const extra = await send(crew, job.id, 'photos', { photo: FAR_AND_OLD(), data: { kind: 'after' } });
      expect(extra.status, JSON.stringify(extra.body)).to.equal(200);

      const detail = (await (await t.as('dispatcher')).get(`/api/work-orders/${job.id}`).expect(200)).body;
      expect(detail.evidence.after.id).to.equal(proofAfter);
      expect(detail.evidence.status).to.equal('accepted');
      expect(detail.photos.filter((p: { kind: string }) => p.kind === 'after').map((p: { id: string }) => p.id)).to.deep.equal([proofAfter]);
      const extras = detail.photos.filter((p: { kind: string }) => p.kind === 'extra');
      expect(extras).to.have.length(2);
      expect((await open311Request(job.reference)).media_url).to.contain(proofAfter);
      expect((await tracking(job.token)).photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['before', 'after']);
      for (const p of extras) await t.anon().get(p.url).expect(404);
    });
  });

  describe('hazard closures record what was removed', () => {
    it('When a sharps job is closed as fixed with 0 removed, then 422 HAZARD_COUNT_REQUIRED; "none found" closes it as not completed; 1 or more closes it as fixed', async () => {
      const job = await reported('sharps');
      const crew = await t.as('crew_lead');
      await send(crew, job.id, 'start', { photo: BEFORE(), data: { device: onSpot(job.place) } }).expect(200);
      for (const quantities of [{}, { sharps_count: 0 }]) {
        const res = await send(crew, job.id, 'complete', { photo: AFTER(), data: { quantities, device: onSpot(job.place) } });
        expect([res.status, res.body.error?.code], JSON.stringify(quantities)).to.deep.equal([422, 'HAZARD_COUNT_REQUIRED']);
      }
      const ok = await send(crew, job.id, 'complete', { photo: AFTER(), data: { quantities: { sharps_count: 3 }, device: onSpot(job.place) } });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect(ok.body.quantities).to.deep.include({ sharps_count: 3 });

      const none = await reported('sharps');
      await send(crew, none.id, 'start', { photo: BEFORE(), data: { device: onSpot(none.place) } }).expect(200);
      const notFound = await send(crew, none.id, 'not-completed', { data: { reason: 'not_found' } });
      expect(notFound.status).to.equal(200);
      expect(notFound.body.status).to.equal('not_completed');
      expect((await open311Request(none.reference)).status).to.equal('closed');
      expect(await tracking(none.token)).to.deep.include({ fixed: false });
    });
  });

  describe('least privilege for crew leads', () => {
    it('When a crew lead opens their own job, then no reporter contact; another crew’s job is 403 and their list holds only their crew’s jobs', async () => {
      const mine = await reported('litter', CREW1);
      const theirs = await reported('litter', CREW2);
      const crew = await t.as('crew_lead');
      const own = await crew.get(`/api/work-orders/${mine.id}`).expect(200);
      expect(own.body.reports[0]).to.not.have.property('contact');
      for (const pii of [CONTACT.email, CONTACT.phone, CONTACT.name]) expect(JSON.stringify(own.body)).to.not.contain(pii);
      const other = await crew.get(`/api/work-orders/${theirs.id}`);
      expect([other.status, other.body.error.code]).to.deep.equal([403, 'NOT_YOUR_CREW']);
      const list = (await crew.get('/api/work-orders?pageSize=200').expect(200)).body.items;
      const crew1 = await crewId(t.deps, CREW1);
      expect(list.length).to.be.greaterThan(0);
      expect(list.every((w: { crewId: string }) => w.crewId === crew1)).to.equal(true);
      const asked = await crew.get(`/api/work-orders?crew=${await crewId(t.deps, CREW2)}`);
      expect(asked.status).to.equal(403);
    });

    it('When a crew lead’s step is answered, then the stored idempotency record holds no reporter contact', async () => {
      const job = await reported('litter', CREW1);
      const crew = await t.as('crew_lead');
      const idem = randomUUID();
      await send(crew, job.id, 'start', { photo: BEFORE(), data: { device: onSpot(job.place) }, key: idem }).expect(200);
      const records = await t.deps.db.manager.getRepository(IdempotencyRecordEntity).find();
      const text = JSON.stringify(records);
      expect(text).to.contain(job.id);
      for (const pii of [CONTACT.email, CONTACT.phone]) expect(text).to.not.contain(pii);
    });
  });

  describe('Open311 says only what is public', () => {
    it('When a job is started with a crew note and then closed as not completed, then status_notes is the not-completed sentence and the crew’s free text never appears', async () => {
      const since = t.clock.now().toISOString();
      const job = await reported();
      const crew = await t.as('crew_lead');
      await send(crew, job.id, 'start', { photo: BEFORE(), data: { note: 'Bins kicked over by the Smiths at no. 4', device: onSpot(job.place) } }).expect(200);
      await send(crew, job.id, 'not-completed', { data: { reason: 'no_access', note: 'Gate locked' } }).expect(200);
      const req = await open311Request(job.reference);
      expect(req).to.deep.include({ status: 'closed', status_notes: 'A crew visited but could not clear this.' });
      const feed = JSON.stringify(await updates(since, job.reference));
      for (const privateText of ['Smiths', 'Gate locked', 'Crew 1', 'Work started']) expect(feed).to.not.contain(privateText);
    });

    it('When a crew lead ticks "tell the resident", then their note is the public note', async () => {
      const job = await reported();
      const crew = await t.as('crew_lead');
      await send(crew, job.id, 'start', { photo: BEFORE(), data: { device: onSpot(job.place) } }).expect(200);
      await send(crew, job.id, 'not-completed', { data: { reason: 'no_access', note: 'The alley gate was locked; we will come back.', tellResident: true } }).expect(200);
      expect((await open311Request(job.reference)).status_notes).to.equal('The alley gate was locked; we will come back.');
    });

    it('When a sharps report is accepted on arrival, then the update feed says investigating', async () => {
      const since = t.clock.now().toISOString();
      t.clock.advance(MINUTE);
      spot += 1;
      const r = await t.deps.intake.submit(
        { categoryCode: 'sharps', lat: SHEIL_ROAD.lat + spot * 0.003, lng: SHEIL_ROAD.lng, description: 'Needles', answers: { item_count: 1, near_play_area: false }, source: 'public' },
        { kind: 'anonymous', label: 'Member of the public' },
      );
      expect((await t.deps.workOrders.get(r.workOrderId)).status).to.equal('accepted');
      t.clock.advance(MINUTE);
      expect((await updates(since, r.reference)).map((u: { status: string }) => u.status)).to.deep.equal(['investigating']);
    });

    it('When an update_id is reused with different text, then it is refused; the same update again is stored once; long text is capped; an impossible date is a 400', async () => {
      const job = await reported();
      const post = (fields: Record<string, string>) =>
        supertest(t.app).post('/open311/v2/servicerequestupdates.json').type('form').send({ api_key: key, service_request_id: job.reference, status: 'OPEN', updated_datetime: '2026-11-24T10:00:00Z', ...fields });
      const first = await post({ update_id: 'u-1', description: 'Still there' });
      expect(first.status, first.text).to.equal(200);
      const same = await post({ update_id: 'u-1', description: 'Still there' });
      expect(same.body).to.deep.equal(first.body);
      const different = await post({ update_id: 'u-1', description: 'Now it is gone' });
      expect(different.status).to.equal(409);
      const long = await post({ update_id: 'u-2', description: 'x'.repeat(5000) });
      expect(long.status).to.equal(200);
      const stored = (await t.deps.workOrders.eventsOf(job.id)).filter((e) => e.type === 'resident_update').at(-1)!;
      expect(stored.note!.length).to.equal(2000);
      const impossible = await post({ update_id: 'u-3', description: 'Hello', updated_datetime: '2026-02-30T10:00:00Z' });
      expect(impossible.status).to.equal(400);
    });
  });

  describe('public place', () => {
    it('When the dispatcher sets the public place, then it is stored with an event and a stale version is 409', async () => {
      const job = await reported();
      const d = await t.as('dispatcher');
      const wo = await t.deps.workOrders.get(job.id);
      const res = await d.post(`/api/work-orders/${job.id}/public-place`).send({ version: wo.version, publicPlace: 'Back alley behind Sheil Road shops' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.publicPlace).to.equal('Back alley behind Sheil Road shops');
      const stale = await d.post(`/api/work-orders/${job.id}/public-place`).send({ version: wo.version, publicPlace: 'x' });
      expect(stale.status).to.equal(409);
      const crew = await (await t.as('crew_lead')).post(`/api/work-orders/${job.id}/public-place`).send({ version: res.body.version, publicPlace: 'x' });
      expect(crew.status).to.equal(403);
    });
  });
});
