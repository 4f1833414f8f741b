import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { WorkOrderEventEntity } from '../../server/work-orders/work-order.entity.js';
import { login, testApp, type TestApp } from '../support/app.js';
import { CREW1, CREW2, crewId, jobFor, photoFile, send } from './crew-job-builders.js';

const BEFORE = () => photoFile('orientation/pillow_hopper.jpg');
const AFTER = () => photoFile('orientation/pillow_hopper_orientation_3.jpg');

describe('crew jobs: the crew lead’s tablet API', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const events = async (id: string) => t.deps.workOrders.eventsOf(id);

  describe('GET /api/crew/today', () => {
    it('When the crew lead asks, then their crew’s jobs come in route order with offline details, and others’ do not', async () => {
      const second = await jobFor(t.deps, { crew: CREW1, position: 2, category: 'sharps' });
      const first = await jobFor(t.deps, { crew: CREW1, position: 1 });
      const other = await jobFor(t.deps, { crew: CREW2 });
      const yesterdayInHand = await jobFor(t.deps, { crew: CREW1, status: 'in_progress', routeDate: '2026-11-23', position: 5 });
      await t.deps.photos.ingest(BEFORE(), { ownerKey: `wo:${second.id}`, workOrderId: second.id, kind: 'before' });
      const requestId = randomUUID();
      await t.deps.db.manager.getRepository(ServiceRequestEntity).insert({
        id: requestId, reference: `KB-26-9${Date.now() % 100000}`, trackingToken: randomUUID(), categoryCode: 'sharps', workOrderId: second.id, source: 'public',
        apiClientId: null, externalId: null, lat: second.lat, lng: second.lng, postcode: 'L6 3AE', address: 'Sheil Road', description: 'Needles by the school gate',
        publicSummary: null, answers: { count: 3, near_play_area: true }, wardCode: second.wardCode, zone: 2, createdAt: t.clock.now().toISOString(),
      } as never);
      const reportPhoto = await t.deps.photos.ingest(AFTER(), { ownerKey: `sr:${requestId}`, requestId, kind: 'report' });
      await t.deps.db.transaction((em) => t.deps.workOrders.addEvent(em, second.id, { type: 'note', note: 'Gate code 1234', actor: { userId: null, label: 'Dispatcher Dana' } }));
      const res = await (await t.as('crew_lead')).get('/api/crew/today');
      expect(res.status).to.equal(200);
      expect(res.body.date).to.equal('2026-11-24');
      expect(res.body.crew.name).to.equal(CREW1);
      const ids = res.body.jobs.map((j: { id: string }) => j.id);
      expect(ids).not.to.include(other.id);
      expect(ids).to.include(yesterdayInHand.id);
      expect(ids.indexOf(first.id)).to.be.lessThan(ids.indexOf(second.id));
      const job = res.body.jobs.find((j: { id: string }) => j.id === second.id);
      expect(job.location).to.include({ address: 'Sheil Road', postcode: 'L6 3AE' });
      expect(job.category).to.include({ code: 'sharps', requiresBeforePhoto: true });
      expect(job.category.quantities.map((q: { code: string }) => q.code)).to.deep.equal(['sharps_count']);
      expect(job.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['before']);
      expect(job.reportPhotos.map((p: { id: string; thumbUrl: string }) => [p.id, p.thumbUrl])).to.deep.equal([[reportPhoto.id, `/api/photos/${reportPhoto.id}?size=thumb`]]);
      expect(job.answers).to.deep.equal({ count: 3, near_play_area: true });
      expect(job.description).to.equal('Needles by the school gate');
      expect(job.notes).to.deep.equal([{ at: t.clock.now().toISOString(), by: 'Dispatcher Dana', text: 'Gate code 1234' }]);
      expect(JSON.stringify(job)).not.to.match(/@|reporter/i);
      expect(job).to.have.property('dueAt');
    });

    it('When a crew lead has no crew, then 403 NOT_YOUR_CREW rather than someone else’s day', async () => {
      await t.deps.users.create({ email: 'spare-lead@kerbside.test', name: 'Spare lead', role: 'crew_lead', password: 'spare-lead-pw', crewId: null });
      const res = await (await login(t.app, 'spare-lead@kerbside.test', 'spare-lead-pw')).get('/api/crew/today');
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('NOT_YOUR_CREW');
    });

    it('When the list has not changed, then If-None-Match gets 304; after a change, a new ETag', async () => {
      const crew = await t.as('crew_lead');
      const first = await crew.get('/api/crew/today');
      const etag = first.headers.etag;
      expect(etag).to.match(/^"/);
      expect((await crew.get('/api/crew/today').set('If-None-Match', etag)).status).to.equal(304);
      await jobFor(t.deps, { crew: CREW1 });
      const changed = await crew.get('/api/crew/today').set('If-None-Match', etag);
      expect(changed.status).to.equal(200);
      expect(changed.headers.etag).not.to.equal(etag);
    });
  });

  describe('start, complete, not completed, partial, photos', () => {
    it('When starting without a before photo, then 422 PHOTO_REQUIRED and nothing changes', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const res = await send(await t.as('crew_lead'), wo.id, 'start');
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('PHOTO_REQUIRED');
      expect((await t.deps.workOrders.get(wo.id)).status).to.equal('assigned');
    });

    it('When starting with a before photo, then in_progress, startedAt set, the photo listed as before and a started event', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const res = await send(await t.as('crew_lead'), wo.id, 'start', { photo: BEFORE() });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ id: wo.id, status: 'in_progress', startedAt: t.clock.now().toISOString() });
      expect(res.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['before']);
      expect(res.body.photos[0].flags).to.have.members(['no_gps', 'no_timestamp']);
      // Counted on the work order for the dispatcher and the councillor PDF.
      expect(res.body.evidenceFlags).to.have.members(['no_gps', 'no_timestamp']);
      const started = (await events(wo.id)).filter((e) => e.type === 'started');
      expect(started).to.have.length(1);
      expect(started[0]!.toStatus).to.equal('in_progress');
    });

    it('When the category needs no before photo, then start and complete work without one before the after photo', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, category: 'overflowing-bin' });
      const crew = await t.as('crew_lead');
      expect((await send(crew, wo.id, 'start')).status).to.equal(200);
      const done = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { bags: 2 } } });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.status).to.equal('completed');
    });

    it('When completing, then the after photo, quantities, note and times are recorded', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, category: 'sharps' });
      const crew = await t.as('crew_lead');
      await send(crew, wo.id, 'start', { photo: BEFORE() });
      t.clock.advance(25 * 60_000);
      const res = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { sharps_count: 7 }, note: 'Behind the bins' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ status: 'completed', completedAt: t.clock.now().toISOString(), outcomeNote: 'Behind the bins' });
      expect(res.body.quantities).to.deep.equal({ sharps_count: 7 });
      expect(res.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['before', 'after']);
      const completed = (await events(wo.id)).find((e) => e.type === 'completed')!;
      expect(completed.data).to.include({ timeOnSiteMinutes: 25, timeToClearMinutes: 205 });
      // The answer is the work order exactly as the office API gives it.
      expect(res.body).to.deep.equal((await crew.get(`/api/work-orders/${wo.id}`)).body);
    });

    it('When the after photo is the before photo sent again, then 422 AFTER_SAME_AS_BEFORE and the job stays open', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const crew = await t.as('crew_lead');
      await send(crew, wo.id, 'start', { photo: BEFORE() });
      const res = await send(crew, wo.id, 'complete', { photo: BEFORE(), data: { quantities: { bags: 1 } } });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('AFTER_SAME_AS_BEFORE');
      expect((await t.deps.workOrders.get(wo.id)).status).to.equal('in_progress');
    });

    it('When completing without an after photo, then 422 PHOTO_REQUIRED: closing as fixed needs evidence', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const res = await send(await t.as('crew_lead'), wo.id, 'complete', { data: { quantities: { bags: 1 } } });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('PHOTO_REQUIRED');
    });

    it('When quantities are not the category’s or out of range, then 400 with the field named', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress', category: 'sharps' });
      const crew = await t.as('crew_lead');
      const unknown = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { bags: 3 } } });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.details.fields[0].field).to.equal('quantities.bags');
      const range = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { sharps_count: -1 } } });
      expect(range.status).to.equal(400);
      expect((await t.deps.workOrders.get(wo.id)).status).to.equal('in_progress');
    });

    it('When a fly-tip is closed, then Defra size/waste/land are required from Defra’s lists and the correction is stored', async () => {
      const wo = await jobFor(t.deps, { crew: CREW2, status: 'in_progress', category: 'fly-tipping' });
      const crew = await t.as('crew2@kerbside.test');
      const missing = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { bags: 4 } } });
      expect(missing.status).to.equal(400);
      expect(missing.body.error.code).to.equal('WASTE_DATA_INVALID');
      const wrong = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { wasteData: { size: 'huge', wasteType: 'white_goods', landType: 'back_alleyway' } } });
      expect(wrong.status).to.equal(400);
      const ok = await send(crew, wo.id, 'complete', {
        photo: AFTER(),
        data: { quantities: { bags: 4, estimated_kg: 60 }, wasteData: { size: 'small_van_load', wasteType: 'white_goods', landType: 'back_alleyway' } },
      });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect(ok.body.wasteData).to.deep.equal({ size: 'small_van_load', wasteType: 'white_goods', landType: 'back_alleyway' });
    });

    it('When a step cannot succeed (not started, bad Defra data), then it is refused before any photo is processed or stored', async () => {
      const storedFiles = () => {
        try {
          return readdirSync(path.join(t.dataDir, 'photos'), { recursive: true }).length;
        } catch {
          return 0;
        }
      };
      const before = storedFiles();
      const notStarted = await jobFor(t.deps, { crew: CREW1, category: 'sharps' });
      const res = await send(await t.as('crew_lead'), notStarted.id, 'complete', { photo: photoFile('gps/exifr_issue-exifr-59.jpg') });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('NOT_STARTED');
      const flyTip = await jobFor(t.deps, { crew: CREW2, status: 'in_progress', category: 'fly-tipping' });
      const bad = await send(await t.as('crew2@kerbside.test'), flyTip.id, 'complete', { photo: photoFile('gps/exifr_issue-exifr-59.jpg'), data: { wasteData: { size: 'enormous' } } });
      expect(bad.status).to.equal(400);
      expect(storedFiles()).to.equal(before);
    });

    it('When the job cannot be done, then not_completed with the reason; "other" needs a note', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const crew = await t.as('crew_lead');
      const noNote = await send(crew, wo.id, 'not-completed', { data: { reason: 'other' } });
      expect(noNote.status).to.equal(400);
      const badReason = await send(crew, wo.id, 'not-completed', { data: { reason: 'tea_break' } });
      expect(badReason.status).to.equal(400);
      const res = await send(crew, wo.id, 'not-completed', { data: { reason: 'vehicle_blocking', note: 'Van parked over it' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ status: 'not_completed', outcomeReason: 'vehicle_blocking', outcomeNote: 'Van parked over it' });
      expect((await events(wo.id)).filter((e) => e.type === 'not_completed')).to.have.length(1);
    });

    it('When part of the job is done, then partially_completed with the quantities so far, and it can be completed later', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const crew = await t.as('crew_lead');
      const part = await send(crew, wo.id, 'partial', { photo: BEFORE(), data: { quantities: { bags: 3 }, reason: 'needs_specialist', note: 'Needs the van' } });
      expect(part.status, JSON.stringify(part.body)).to.equal(200);
      expect(part.body).to.include({ status: 'partially_completed', outcomeReason: 'needs_specialist' });
      const done = await send(crew, wo.id, 'complete', { photo: AFTER(), data: { quantities: { bags: 5 } } });
      expect(done.body.status).to.equal('completed');
      expect(done.body.quantities).to.deep.equal({ bags: 5 });
    });

    it('When an extra photo is sent, then it is stored with its kind and an event, status unchanged', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const res = await send(await t.as('crew_lead'), wo.id, 'photos', { photo: AFTER(), data: { note: 'Wider view' } });
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('in_progress');
      expect(res.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['extra']);
      expect((await events(wo.id)).filter((e) => e.type === 'photo')).to.have.length(1);
    });

    it('When a crew lead touches another crew’s job, then 403 NOT_YOUR_CREW and nothing is stored', async () => {
      const wo = await jobFor(t.deps, { crew: CREW2 });
      const res = await send(await t.as('crew_lead'), wo.id, 'start', { photo: BEFORE() });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('NOT_YOUR_CREW');
      expect(await t.deps.photos.ofWorkOrder(wo.id)).to.deep.equal([]);
    });
  });

  describe('conflicts after working offline keep the evidence', () => {
    const completion = { quantities: { bags: 6 }, note: 'Cleared it all' };

    /** A photo for a job that is already closed is kept as a staff-only extra: the proof was fixed at closure. */
    async function expectEvidenceKept(woId: string, code: string, kind: 'after' | 'extra' = 'extra') {
      const photos = await t.deps.photos.ofWorkOrder(woId);
      expect(photos.map((p) => p.kind)).to.deep.equal([kind]);
      const kept = (await events(woId)).filter((e) => e.type === 'crew_evidence');
      expect(kept).to.have.length(1);
      expect(kept[0]!.data).to.deep.include({ action: 'complete', refusedWith: code, quantities: { bags: 6 }, note: 'Cleared it all', photoIds: [photos[0]!.id] });
    }

    it('When the job went to another crew, then 409 JOB_REASSIGNED naming that crew, and the photo and quantities are kept', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const crew2 = await crewId(t.deps, CREW2);
      await t.deps.workOrders.changeById(wo.id, {
        patch: { crewId: crew2 },
        event: { type: 'assigned', data: { crewId: crew2, crewName: CREW2, from: { crewId: wo.crewId } } },
        actor: { userId: null, label: 'Dispatcher' },
      });
      const res = await send(await t.as('crew_lead'), wo.id, 'complete', { photo: AFTER(), data: completion });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('JOB_REASSIGNED');
      expect(res.body.error.message).to.contain(CREW2);
      expect((await t.deps.workOrders.get(wo.id)).status).to.equal('in_progress');
      await expectEvidenceKept(wo.id, 'JOB_REASSIGNED', 'after');
    });

    it('When the job was cancelled, then 409 JOB_CANCELLED and the evidence is kept', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      await t.deps.workOrders.changeById(wo.id, { to: 'cancelled', event: { type: 'status' }, actor: { userId: null, label: 'Dispatcher' } });
      const res = await send(await t.as('crew_lead'), wo.id, 'complete', { photo: AFTER(), data: completion });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('JOB_CANCELLED');
      await expectEvidenceKept(wo.id, 'JOB_CANCELLED');
    });

    it('When someone else already completed it, then 409 ALREADY_COMPLETED and the evidence is kept', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      await t.deps.workOrders.changeById(wo.id, { to: 'completed', patch: { completedAt: t.clock.now().toISOString() }, event: { type: 'completed' }, actor: { userId: null, label: 'Dispatcher Dana' } });
      const res = await send(await t.as('crew_lead'), wo.id, 'complete', { photo: AFTER(), data: completion });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('ALREADY_COMPLETED');
      expect(res.body.error.message).to.contain('Dispatcher Dana');
      await expectEvidenceKept(wo.id, 'ALREADY_COMPLETED');
      expect((await events(wo.id)).filter((e) => e.toStatus === 'completed')).to.have.length(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('When a write has no Idempotency-Key, then 400 IDEMPOTENCY_KEY_REQUIRED and nothing changes', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const res = await send(await t.as('crew_lead'), wo.id, 'start', { photo: BEFORE(), key: null });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('IDEMPOTENCY_KEY_REQUIRED');
      expect(await t.deps.photos.ofWorkOrder(wo.id)).to.deep.equal([]);
    });

    it('When the same completion is sent 10 times, then one completion, one after photo, one event, and the same answer each time', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1 });
      const crew = await t.as('crew_lead');
      await send(crew, wo.id, 'start', { photo: BEFORE() });
      const key = randomUUID();
      const answers = [];
      for (let i = 0; i < 10; i++) {
        const res = await send(crew, wo.id, 'complete', { key, photo: AFTER(), data: { quantities: { bags: 2 } } });
        answers.push({ status: res.status, body: res.body, replayed: res.headers['idempotent-replayed'] ?? null });
        t.clock.advance(60_000);
      }
      expect(answers.map((a) => a.status)).to.deep.equal(new Array(10).fill(200));
      for (const a of answers.slice(1)) expect(a.body).to.deep.equal(answers[0]!.body);
      expect(answers[0]!.replayed).to.equal(null);
      expect(answers[9]!.replayed).to.equal('true');
      expect((await t.deps.photos.ofWorkOrder(wo.id)).map((p) => p.kind)).to.deep.equal(['before', 'after']);
      const all = await events(wo.id);
      expect(all.filter((e) => e.type === 'completed')).to.have.length(1);
      expect(all.filter((e) => e.type === 'photo' || e.type === 'crew_evidence')).to.have.length(0);
    });

    it('When identical requests race each other, then the work is done once and all get the same answer', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, category: 'overflowing-bin' });
      const crew = await t.as('crew_lead');
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 5 }, () => send(crew, wo.id, 'start', { key, photo: BEFORE() })));
      expect(results.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);
      for (const r of results) expect(r.body).to.deep.equal(results[0]!.body);
      expect((await events(wo.id)).filter((e) => e.type === 'started')).to.have.length(1);
      expect(await t.deps.db.manager.getRepository(WorkOrderEventEntity).countBy({ workOrderId: wo.id, type: 'photo' })).to.equal(0);
    });

    it('When a refusal is replayed, then the same error comes back without doing anything again', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      await t.deps.workOrders.changeById(wo.id, { to: 'cancelled', event: { type: 'status' }, actor: { userId: null, label: 'Dispatcher' } });
      const crew = await t.as('crew_lead');
      const key = randomUUID();
      const first = await send(crew, wo.id, 'complete', { key, photo: AFTER(), data: { quantities: { bags: 1 } } });
      const again = await send(crew, wo.id, 'complete', { key, photo: AFTER(), data: { quantities: { bags: 1 } } });
      expect(first.status).to.equal(409);
      expect(again.status).to.equal(409);
      expect(again.body).to.deep.equal(first.body);
      expect((await events(wo.id)).filter((e) => e.type === 'crew_evidence')).to.have.length(1);
    });

    it('When a key is reused for a different request, then 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const crew = await t.as('crew_lead');
      const key = randomUUID();
      expect((await send(crew, wo.id, 'photos', { key, photo: AFTER() })).status).to.equal(200);
      const other = await send(crew, wo.id, 'photos', { key, photo: BEFORE() });
      expect(other.status).to.equal(422);
      expect(other.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
      expect(await t.deps.photos.ofWorkOrder(wo.id)).to.have.length(1);
    });

    it('When the key is not a UUID, then 400 IDEMPOTENCY_KEY_INVALID', async () => {
      const wo = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const res = await send(await t.as('crew_lead'), wo.id, 'photos', { key: 'tap-1', photo: AFTER() });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('IDEMPOTENCY_KEY_INVALID');
    });
  });
});
