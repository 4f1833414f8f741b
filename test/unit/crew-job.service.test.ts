import { expect } from 'chai';
import { cameToCrewAt, stepTime, believableTap } from '../../server/crew-jobs/crew-job.rules.js';
import type { CrewActionInput } from '../../server/crew-jobs/crew-job.service.js';
import { AppError } from '../../server/errors.js';
import { CREW_A, CREW_B, crewJobHarness, crewLead, image } from './crew-job.fakes.js';

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (e) {
    expect(e).to.be.instanceOf(AppError);
    return e as AppError;
  }
  return expect.fail('expected the step to be refused');
}

describe('crew-job service (in-memory fakes)', () => {
  const lead = crewLead(CREW_A);
  const step = (over: Partial<CrewActionInput> & Pick<CrewActionInput, 'action' | 'workOrderId'>): CrewActionInput => ({ user: lead, photo: null, ...over });

  it('When the crew starts an assigned job with a before photo, then it is in progress from now, with one public "started" event carrying the photo', async () => {
    const h = crewJobHarness();
    const wo = await h.job();
    const started = await h.service.act(step({ action: 'start', workOrderId: wo.id, photo: image('before') }));
    expect(started).to.include({ status: 'in_progress', startedAt: h.clock.now().toISOString(), version: 2 });
    const events = h.repo.events.filter((e) => e.type === 'started');
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ fromStatus: 'assigned', toStatus: 'in_progress', isPublic: true, actorLabel: 'Lead Lou' });
    expect(events[0]!.data).to.deep.include({ photoIds: [h.photos.saved[0]!.id] });
    expect(h.photos.saved.map((p) => p.kind)).to.deep.equal(['before']);
  });

  it('When the crew completes a started job, then it is completed and closed at the step time, quantities added and the note kept as the outcome', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'in_progress', startedAt: '2026-03-02T09:30:00.000Z', quantities: { bags: 1 } });
    const done = await h.service.act(step({ action: 'complete', workOrderId: wo.id, photo: image('after'), quantities: { bags: 3 }, note: 'All clear' }));
    const now = h.clock.now().toISOString();
    expect(done).to.include({ status: 'completed', completedAt: now, closedAt: now, outcomeReason: null, outcomeNote: 'All clear' });
    expect(done.quantities).to.deep.equal({ bags: 3 });
    const completed = h.repo.events.find((e) => e.type === 'completed')!;
    expect(completed.data).to.deep.include({ timeOnSiteMinutes: 30, timeToClearMinutes: 180, wasteDataCorrected: false });
  });

  it('When an offline completion carries an earlier tap time, then the job is closed at that time, not when it arrived', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'in_progress', startedAt: '2026-03-02T09:00:00.000Z' });
    const done = await h.service.act(step({ action: 'complete', workOrderId: wo.id, photo: image('after'), capturedAt: '2026-03-02T09:40:00.000Z' }));
    expect(done).to.include({ closedAt: '2026-03-02T09:40:00.000Z', completedAt: '2026-03-02T09:40:00.000Z' });
  });

  it('When the crew says the job could not be done, then it closes as not_completed with the reason and note', async () => {
    const h = crewJobHarness();
    const wo = await h.job();
    const closed = await h.service.act(step({ action: 'not_completed', workOrderId: wo.id, reason: 'no_access', note: 'Gate locked' }));
    expect(closed).to.include({ status: 'not_completed', closedAt: h.clock.now().toISOString(), outcomeReason: 'no_access', outcomeNote: 'Gate locked' });
  });

  it('When someone else changes the work order between the read and the write, then 409 STALE_VERSION and nothing is written', async () => {
    const h = crewJobHarness();
    const wo = await h.job();
    h.repo.beforeUpdate = (id) => {
      const row = h.repo.rows.get(id)!;
      h.repo.rows.set(id, { ...row, priority: 'urgent', version: row.version + 1 });
    };
    const e = await refusal(h.service.act(step({ action: 'start', workOrderId: wo.id, photo: image('before') })));
    expect(e.status).to.equal(409);
    expect(e.code).to.equal('STALE_VERSION');
    expect(h.repo.rows.get(wo.id)).to.include({ status: 'assigned', version: 2 });
    expect(h.repo.events.map((ev) => ev.type)).to.deep.equal(['assigned']);
  });

  it('When the job is not in a status the crew can start from, then 409 INVALID_TRANSITION and the job is unchanged', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'scheduled' });
    const e = await refusal(h.service.act(step({ action: 'start', workOrderId: wo.id, photo: image('before') })));
    expect(e.status).to.equal(409);
    expect(e.code).to.equal('INVALID_TRANSITION');
    expect(h.repo.rows.get(wo.id)).to.include({ status: 'scheduled', version: 1 });
  });

  it('When the office cancelled the job, then 409 JOB_CANCELLED and the photo and numbers are kept with a crew_evidence event', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'cancelled' });
    const e = await refusal(h.service.act(step({ action: 'complete', workOrderId: wo.id, photo: image('after'), quantities: { bags: 2 } })));
    expect(e.code).to.equal('JOB_CANCELLED');
    const kept = h.repo.events.find((ev) => ev.type === 'crew_evidence')!;
    expect(kept.data).to.deep.include({ action: 'complete', refusedWith: 'JOB_CANCELLED', quantities: { bags: 2 }, photoIds: [h.photos.saved[0]!.id] });
    expect(h.repo.rows.get(wo.id)!.version).to.equal(1);
  });

  it('When a job never was this crew\'s, then 403 NOT_YOUR_CREW before any photo work', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ crewId: CREW_B });
    const e = await refusal(h.service.act(step({ action: 'start', workOrderId: wo.id, photo: image('before') })));
    expect(e.code).to.equal('NOT_YOUR_CREW');
    expect(h.photos.prepared).to.equal(0);
  });

  it('When a fly-tip is completed without Defra\'s fields, then 422 WASTE_DATA_INVALID before the photo is processed', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'in_progress', categoryCode: 'fly-tipping' });
    const e = await refusal(h.service.act(step({ action: 'complete', workOrderId: wo.id, photo: image('after') })));
    expect(e.code).to.equal('WASTE_DATA_INVALID');
    expect(h.photos.prepared).to.equal(0);
  });

  it('When a fly-tip is completed, then the reported Defra fields are confirmed with the crew\'s corrections', async () => {
    const h = crewJobHarness();
    const wo = await h.job({ status: 'in_progress', categoryCode: 'fly-tipping', wasteData: { size: 'single_item', wasteType: 'white_goods' } });
    h.requests.push({ workOrderId: wo.id, answers: { land_type: 'highway' } } as never);
    const done = await h.service.act(step({ action: 'complete', workOrderId: wo.id, photo: image('after'), wasteData: { size: 'small_van_load' } }));
    expect(done.wasteData).to.deep.equal({ size: 'small_van_load', wasteType: 'white_goods', landType: 'highway' });
    expect(h.repo.events.find((e) => e.type === 'completed')!.data).to.deep.include({ wasteDataCorrected: true });
  });
});

describe('crew-job step time', () => {
  const received = '2026-03-02T10:00:00.000Z';

  it('When the tablet\'s clock runs more than two minutes ahead, then its tap time is not believed', () => {
    expect(believableTap('2026-03-02T10:03:00.000Z', received)).to.equal(null);
    expect(believableTap('2026-03-02T10:01:00.000Z', received)).to.equal(Date.parse('2026-03-02T10:01:00.000Z'));
    expect(believableTap('not a time', received)).to.equal(null);
  });

  it('When the tap is earlier than the job came to the crew, then the step counts from when it arrived', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(stepTime(at('2026-03-02T09:00:00.000Z'), received, ['2026-03-02T08:00:00.000Z', '2026-03-02T09:30:00.000Z'])).to.equal(received);
    expect(stepTime(at('2026-03-02T09:45:00.000Z'), received, ['2026-03-02T08:00:00.000Z', null, '2026-03-02T09:30:00.000Z'])).to.equal('2026-03-02T09:45:00.000Z');
    expect(stepTime(at('2026-03-02T10:01:00.000Z'), received, [])).to.equal(received);
  });

  it('When a job went to another crew and came back, then it came to this crew at the return', () => {
    const ev = (type: string, createdAt: string, data: Record<string, unknown>) =>
      ({ id: 0, workOrderId: 'w', type, fromStatus: null, toStatus: null, actorUserId: null, actorLabel: 'x', note: null, isPublic: false, data, createdAt });
    const events = [
      ev('assigned', '2026-03-02T08:00:00.000Z', { crewId: CREW_A }),
      ev('route_position', '2026-03-02T08:10:00.000Z', { position: 2 }),
      ev('assigned', '2026-03-02T08:30:00.000Z', { crewId: CREW_B }),
      ev('assigned', '2026-03-02T09:00:00.000Z', { crewId: CREW_A }),
    ];
    expect(cameToCrewAt(events, CREW_A)).to.equal('2026-03-02T09:00:00.000Z');
    expect(cameToCrewAt(events.slice(0, 2), CREW_A)).to.equal('2026-03-02T08:00:00.000Z');
  });
});
