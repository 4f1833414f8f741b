import { expect } from 'chai';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { PhotoEntity } from '../../server/photos/photo.entity.js';
import { seedHistory } from '../../server/seed/history.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import { historySeedDeps } from '../../server/composition-root.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, TEST_START } from '../support/fixtures.js';

describe('demo history seed', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('When the history is seeded, then weeks of reports across Kensington and its neighbouring wards exist: most cleared, some closed-not-fixed, only recent work still open', async () => {
    const started = Date.now();
    const result = await seedHistory(historySeedDeps(t.deps), { now: new Date(TEST_START) });
    console.log(`      (history seed: ${result.created} reports in ${Date.now() - started} ms)`);
    expect(result.created).to.be.greaterThan(100);
    const wos = await t.deps.db.manager.getRepository(WorkOrderEntity).find();
    const by = (s: string) => wos.filter((w) => w.status === s).length;
    // Several wards, Kensington the busiest (the councillor's demo ward).
    const wards = new Map<string, number>();
    for (const w of wos) wards.set(w.wardCode, (wards.get(w.wardCode) ?? 0) + 1);
    expect(wards.size).to.be.greaterThan(3);
    expect(Math.max(...wards.values())).to.equal(wards.get(KENSINGTON));
    expect(by('completed')).to.be.greaterThan(wos.length / 2);
    expect(by('not_completed')).to.be.greaterThan(0);
    expect(wos.filter((w) => ['new', 'accepted', 'assigned', 'in_progress'].includes(w.status)).length).to.be.greaterThan(0);
    // What is still open is the last few days' work, not jobs left overdue for a week.
    const weekAgo = new Date(Date.parse(TEST_START) - 7 * 86_400_000).toISOString();
    expect(wos.filter((w) => ['new', 'accepted', 'assigned', 'in_progress'].includes(w.status)).every((w) => w.openedAt > weekAgo)).to.equal(true);
    expect(new Set(wos.map((w) => w.categoryCode)).size).to.be.greaterThan(5);
    expect(wos.filter((w) => w.status === 'completed').every((w) => w.completedAt && w.completedAt <= TEST_START && w.completedAt > w.openedAt)).to.equal(true);
    const requests = await t.deps.db.manager.getRepository(ServiceRequestEntity).find();
    expect(new Set(requests.map((r) => r.source))).to.include.members(['public', 'partner', 'open311', 'staff']);
    expect(requests.length).to.be.greaterThan(wos.length); // some duplicates joined
    expect(requests.every((r) => r.createdAt < TEST_START && r.createdAt > '2026-10-26')).to.equal(true);
  });

  it('When a cleared job from the history is tracked, then its before and after photos are there and the public can open them', async () => {
    const completed = await t.deps.db.manager.getRepository(WorkOrderEntity).findBy({ status: 'completed' });
    const photos = await t.deps.db.manager.getRepository(PhotoEntity).find();
    for (const wo of completed) expect(photos.filter((p) => p.workOrderId === wo.id).map((p) => p.kind).sort(), wo.reference).to.deep.equal(['after', 'before']);
    const request = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ workOrderId: completed[0].id });
    const track = await t.anon().get(`/api/track/${request.trackingToken}`);
    expect(track.body.fixed).to.equal(true);
    const after = track.body.photos.find((p: { kind: string }) => p.kind === 'after');
    const image = await t.anon().get(after.url);
    expect(image.status).to.equal(200);
    expect(image.headers['content-type']).to.equal('image/jpeg');
  });

  it('When it is seeded again, then nothing new is created', async () => {
    const before = await t.deps.db.manager.getRepository(ServiceRequestEntity).count();
    const again = await seedHistory(historySeedDeps(t.deps), { now: new Date(TEST_START) });
    expect(again.skipped).to.equal(true);
    expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(before);
  });
});
