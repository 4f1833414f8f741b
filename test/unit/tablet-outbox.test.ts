/** The crew tablet's outbox rules (client/src/crew/queue.ts) with an in-memory store and a scripted server. */
import { expect } from 'chai';
import {
  applyResult,
  backoffMs,
  MemoryStore,
  nextToSend,
  Outbox,
  recoverAfterRestart,
  summarise,
  syncHeadline,
  type OutboxItem,
  type SendResult,
} from '../../client/src/crew/queue.js';

function item(p: Partial<OutboxItem> & Pick<OutboxItem, 'id' | 'seq' | 'jobId'>): OutboxItem {
  return { jobLabel: p.jobId, kind: 'start', data: {}, photo: null, status: 'waiting', attempts: 0, notBefore: 0, reason: null, errorCode: null, createdAt: 0, sentAt: null, ...p };
}

const ok: SendResult = { kind: 'ok', status: 200, body: {} };
const offline: SendResult = { kind: 'network', message: 'Failed to fetch' };
const reassigned: SendResult = { kind: 'http', status: 409, code: 'JOB_REASSIGNED', message: 'moved', details: { crewName: 'Crew 2 – Fly-tip van' } };
const invalid: SendResult = { kind: 'http', status: 422, code: 'PHOTO_REQUIRED', message: 'Take an after photo to close this job as fixed.' };

describe('tablet outbox rules', () => {
  it('When a send fails for lack of signal, then the item waits with a growing back-off and is not marked failed', () => {
    const a = applyResult(item({ id: 'a', seq: 1, jobId: 'j' }), offline, 1000, () => 0.5);
    expect(a.status).to.equal('waiting');
    expect(a.notBefore).to.equal(1000 + 2000);
    const b = applyResult(a, { kind: 'http', status: 503, code: 'HTTP_503', message: '' }, 5000, () => 0.5);
    expect(b.status).to.equal('waiting');
    expect(b.notBefore).to.equal(5000 + 4000);
    expect(backoffMs(30, () => 0.5)).to.equal(5 * 60_000);
  });

  it('When the job was given to another crew, then the item fails with the plain sentence naming the crew', () => {
    const a = applyResult(item({ id: 'a', seq: 1, jobId: 'j' }), reassigned, 1000);
    expect(a.status).to.equal('failed');
    expect(a.reason).to.equal('This job was given to Crew 2 – Fly-tip van — your photos were kept.');
  });

  it('When the head of the queue is backing off, then nothing behind it is sent (strict order)', () => {
    const items = [item({ id: 'a', seq: 1, jobId: 'j1', notBefore: 5000, errorCode: 'NETWORK' }), item({ id: 'b', seq: 2, jobId: 'j2' })];
    expect(nextToSend(items, 1000)).to.deep.equal({ item: null, wakeAt: 5000 });
    expect(nextToSend(items, 6000).item?.id).to.equal('a');
  });

  it('When a step is refused for a reason the crew must fix, then later steps of that job wait but other jobs go on', () => {
    const items = [item({ id: 'a', seq: 1, jobId: 'j1', status: 'failed', errorCode: 'PHOTO_REQUIRED' }), item({ id: 'b', seq: 2, jobId: 'j1' }), item({ id: 'c', seq: 3, jobId: 'j2' })];
    expect(nextToSend(items, 0).item?.id).to.equal('c');
  });

  it('When a job is gone to someone else, then its later steps are still sent so their photos reach the server', () => {
    const items = [item({ id: 'a', seq: 1, jobId: 'j1', status: 'failed', errorCode: 'JOB_REASSIGNED' }), item({ id: 'b', seq: 2, jobId: 'j1' })];
    expect(nextToSend(items, 0).item?.id).to.equal('b');
  });

  it('When the tab closed mid-send, then the item is sent again on the next start (its key makes that safe)', () => {
    expect(recoverAfterRestart(item({ id: 'a', seq: 1, jobId: 'j', status: 'sending' })).status).to.equal('waiting');
  });

  it('When items wait and fail, then the headline says how many of each; when all went, "All sent"', () => {
    const items = [item({ id: 'a', seq: 1, jobId: 'j' }), item({ id: 'b', seq: 2, jobId: 'j' }), item({ id: 'c', seq: 3, jobId: 'k', status: 'failed' })];
    expect(syncHeadline(summarise(items))).to.equal('2 waiting to send · 1 could not be sent');
    expect(syncHeadline(summarise([item({ id: 'd', seq: 1, jobId: 'j', status: 'done', sentAt: 5 })]))).to.equal('All sent');
  });

  it('When the outbox runs, then items go in tap order with their own keys, survive a restart, and a retry after a refusal uses a new key', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    const script: SendResult[] = [offline, ok, ok, invalid];
    let n = 0;
    let online = false;
    const env = { now: () => 0, newKey: () => `key-${++n}`, isOnline: () => online };
    const transport = { send: async (i: OutboxItem) => (sent.push(`${i.kind}:${i.id}`), script.shift() ?? ok) };
    const first = new Outbox(store, transport, env);
    await first.open();
    await first.enqueue({ jobId: 'j1', jobLabel: 'J1', kind: 'start', data: {}, photo: null });
    await first.enqueue({ jobId: 'j1', jobLabel: 'J1', kind: 'complete', data: { quantities: { bags: 2 } }, photo: null });
    await first.idle();
    expect(sent, 'nothing goes while offline').to.deep.equal([]);

    // Reload: a new Outbox over the same store.
    online = true;
    const second = new Outbox(store, transport, env);
    await second.open();
    await second.idle();
    expect(sent).to.deep.equal(['start:key-1']); // no signal after all: backing off
    second.kick({ skipBackoff: true });
    await second.idle();
    expect(sent).to.deep.equal(['start:key-1', 'start:key-1', 'complete:key-2']);
    expect(second.snapshot().map((i) => i.status)).to.deep.equal(['done', 'done']);

    await second.enqueue({ jobId: 'j2', jobLabel: 'J2', kind: 'photos', data: {}, photo: null });
    await second.idle();
    const refused = second.snapshot().find((i) => i.jobId === 'j2')!;
    expect(refused.status).to.equal('failed');
    await second.retry(refused.id);
    await second.idle();
    expect(sent.at(-1)).to.equal('photos:key-4');
    expect(second.snapshot().find((i) => i.jobId === 'j2')!.status).to.equal('done');
    second.stop();
  });
});
