import { expect } from 'chai';
import { findJob } from '../../server/jobs/registry.js';
import { drawSample } from '../../server/inspections/sampling.js';
import { testApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

describe('survey-sampling job: plans the current tranche, draws it from its seed and hands it out', () => {
  let t: TestApp;
  const now = new Date('2026-12-07T05:30:00Z'); // a Monday in tranche 3 (December–March)

  before(async () => {
    t = await testApp({ now: now.toISOString() });
    await t.deps.users.create({ email: 'ines@kerbside.test', name: 'Ines Inspector', role: 'inspector', password: TEST_PASSWORD });
    const uses = ['high_density_housing', 'high_density_housing', 'main_retail', 'main_roads', 'recreation', 'high_density_housing'] as const;
    for (const [i, landUse] of uses.entries()) {
      const lng = -2.94 + i * 0.0009;
      await t.deps.inspections.createTransect({ name: `Job test ${i}`, landUse, geometry: { type: 'LineString', coordinates: [[lng, 53.413], [lng + 0.0006, 53.4131]] } });
    }
    await t.deps.settings.update('inspections', { samplePerWard: 4, visitsPerDay: 3, slippingPoints: 10 });
  });
  after(() => t.close());

  it('When the job runs as a dry run, then it says what it would plan and changes nothing', async () => {
    const job = findJob(t.deps.jobs, 'survey-sampling')!;
    const summary = await job.run({ now, slot: now.toISOString(), dryRun: true });
    expect(summary).to.deep.equal({ today: '2026-12-07', planTranche: '2026/27 tranche 3', toDraw: ['2026/27 tranche 3'] });
    expect(await t.deps.inspections.listTranches()).to.deep.equal([]);
  });

  it('When the job runs, then this period’s tranche is planned and drawn exactly as its seed says, due from today on working days; a second run draws nothing', async () => {
    const job = findJob(t.deps.jobs, 'survey-sampling')!;
    const first = await job.run({ now, slot: now.toISOString(), dryRun: false });
    const [tranche] = await t.deps.inspections.listTranches();
    expect(tranche).to.include({ name: '2026/27 tranche 3', startsOn: '2026-12-01', endsOn: '2027-03-31', status: 'drawn' });
    const size = tranche.samplePerWard;
    expect(first).to.deep.include({ today: '2026-12-07', drawn: { '2026/27 tranche 3': 4 }, reinspections: 0 });
    const frame = await t.deps.inspections.listTransects();
    const expected = drawSample(frame, size, tranche.seed).map((x) => x.id).sort();
    const csv = await t.deps.inspections.exportCsv({ trancheId: tranche.id });
    const drawnIds = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[4]).sort();
    expect(drawnIds).to.deep.equal(expected);
    // one inspector, three a working day from today
    expect(csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[8]).sort()).to.deep.equal(['2026-12-07', '2026-12-07', '2026-12-07', '2026-12-08']);
    const again = await job.run({ now, slot: now.toISOString(), dryRun: false });
    expect(again).to.deep.include({ drawn: {} });
  });
});
