import { expect } from 'chai';
import { computeAreaIndex, direction, isSlipping, wilsonInterval, type GradedTransect, type TranchePoint } from '../../server/inspections/cleanliness-index.js';
import type { Grade } from '../../server/inspections/grades.js';
import { allocate, assignVisits, drawSample, tranchePeriod, type SampleFrameRow } from '../../server/inspections/sampling.js';

/** Ten transects: four main retail, six high-density housing, none in recreation (an empty stratum). */
function trancheOne(): GradedTransect[] {
  const litter: Grade[] = ['A', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D', 'A', 'B'];
  return litter.map((l, i) => ({
    transectId: `t${i}`,
    landUse: i < 4 ? 'main_retail' : 'high_density_housing',
    grades: { litter: l, detritus: i === 7 ? 'D' : 'A', graffiti: i < 2 ? null : i === 2 ? 'C' : 'A', flyPosting: 'A' },
  }));
}

function point(name: string, rows: GradedTransect[]): TranchePoint {
  return { trancheId: name, trancheName: name, startsOn: `2026-0${name.length}-01`, index: computeAreaIndex(rows) };
}

describe('cleanliness index (pure)', () => {
  it('When a tranche is graded, then each element is the share below B (B- or worse) of the transects graded for it, with a 95 % Wilson interval', () => {
    const idx = computeAreaIndex(trancheOne());
    expect(idx.surveyed).to.equal(10);
    // litter: B-, C+, C, C-, D are below → 5 of 10
    expect(idx.elements.litter).to.deep.equal({ surveyed: 10, below: 5, percent: 50, low: 23.7, high: 76.3 });
    expect(idx.elements.detritus).to.deep.equal({ surveyed: 10, below: 1, percent: 10, low: 1.8, high: 40.4 });
    // graffiti was not graded on two transects: they do not count for it
    expect(idx.elements.graffiti).to.deep.equal({ surveyed: 8, below: 1, percent: 12.5, low: 2.2, high: 47.1 });
    expect(idx.elements.flyPosting).to.deep.equal({ surveyed: 10, below: 0, percent: 0, low: 0, high: 27.8 });
  });

  it('When a land-use stratum has no transect in the sample, then it shows n = 0 and no percentage (not 0 %, not NaN) and the others are exact', () => {
    const idx = computeAreaIndex(trancheOne());
    const by = Object.fromEntries(idx.strata.map((s) => [s.landUse, s]));
    expect(by.recreation.surveyed).to.equal(0);
    expect(by.recreation.elements.litter).to.deep.equal({ surveyed: 0, below: 0, percent: null, low: null, high: null });
    // main retail t0..t3: A, B+, B, B- → 1 of 4; housing t4..t9: C+, C, C-, D, A, B → 4 of 6
    expect(by.main_retail.elements.litter).to.include({ surveyed: 4, below: 1, percent: 25 });
    expect(by.high_density_housing.elements.litter).to.include({ surveyed: 6, below: 4, percent: 66.7 });
    expect(idx.strata.reduce((s, x) => s + x.surveyed, 0)).to.equal(10);
  });

  it('When nothing at all was graded, then the index is empty rather than zero', () => {
    const idx = computeAreaIndex([]);
    expect(idx.surveyed).to.equal(0);
    expect(idx.elements.litter.percent).to.equal(null);
    expect(wilsonInterval(0, 0)).to.equal(null);
  });

  it('When litter improves and detritus worsens by 5 points or more, then the trend says so and the ward is slipping', () => {
    const second = trancheOne().map((r, i) => ({ ...r, grades: { ...r.grades, litter: (i < 2 ? 'C' : 'A') as Grade, detritus: (i < 3 ? 'B-' : 'A') as Grade } }));
    const series = [point('T', trancheOne()), point('TT', second)];
    expect(direction(series, 'litter')).to.deep.equal({ direction: 'better', change: -30 });
    expect(direction(series, 'detritus')).to.deep.equal({ direction: 'worse', change: 20 });
    expect(direction(series, 'flyPosting')).to.deep.equal({ direction: 'same', change: 0 });
    expect(direction(series.slice(0, 1), 'litter').direction).to.equal('unknown');
    expect(isSlipping(series)).to.equal(true);
    expect(isSlipping(series, 25)).to.equal(false);
  });
});

describe('survey sampling (pure)', () => {
  const frame: SampleFrameRow[] = [
    ...Array.from({ length: 3 }, (_, i) => ({ id: `r${i}`, wardCode: 'W1', landUse: 'main_retail' as const })),
    ...Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, wardCode: 'W1', landUse: 'high_density_housing' as const })),
    { id: 'i0', wardCode: 'W1', landUse: 'industry' as const },
    { id: 'x0', wardCode: 'W2', landUse: 'recreation' as const },
    { id: 'x1', wardCode: 'W2', landUse: 'main_roads' as const },
  ];

  it('When a sample is allocated, then each land use gets its proportional share by largest remainder and an empty class gets none', () => {
    expect(allocate({ main_retail: 3, high_density_housing: 6, industry: 1, recreation: 0 }, 5)).to.deep.equal({ main_retail: 2, high_density_housing: 3 });
    expect(allocate({ main_retail: 3, high_density_housing: 6, industry: 1 }, 50)).to.deep.equal({ main_retail: 3, high_density_housing: 6, industry: 1 });
    expect(allocate({}, 5)).to.deep.equal({});
  });

  it('When the same frame is drawn with the same seed in any order, then the sample is the same; a ward smaller than the sample is surveyed whole', () => {
    const a = drawSample(frame, 5, 'seed-1');
    const b = drawSample([...frame].reverse(), 5, 'seed-1');
    expect(a).to.deep.equal(b);
    expect(a.filter((t) => t.wardCode === 'W1').map((t) => t.landUse).sort()).to.deep.equal(['high_density_housing', 'high_density_housing', 'high_density_housing', 'main_retail', 'main_retail']);
    // in land-use order: main roads before recreation
    expect(a.filter((t) => t.wardCode === 'W2').map((t) => t.id)).to.deep.equal(['x1', 'x0']);
    const seeds = new Set(['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => drawSample(frame, 5, s).map((t) => t.id).join()));
    expect(seeds.size, 'different seeds give different samples').to.be.greaterThan(1);
  });

  it('When a sample is handed out, then each ward goes to one inspector in turn, on working days, no more than the daily number each', () => {
    const sample = drawSample(frame, 5, 'seed-1');
    // 2026-12-04 is a Friday
    const plan = assignVisits(sample, ['insp-b', 'insp-a'], '2026-12-04', 3);
    const w1 = plan.filter((p) => p.transectId.match(/^[rhi]/));
    expect(new Set(w1.map((p) => p.inspectorId))).to.deep.equal(new Set(['insp-a']));
    expect(w1.map((p) => p.dueOn)).to.deep.equal(['2026-12-04', '2026-12-04', '2026-12-04', '2026-12-07', '2026-12-07']);
    expect(plan.filter((p) => p.transectId.startsWith('x')).every((p) => p.inspectorId === 'insp-b' && p.dueOn === '2026-12-04')).to.equal(true);
    expect(assignVisits(sample, [], '2026-12-04', 3)).to.deep.equal([]);
  });

  it('When a date is given, then it falls in the survey year\'s tranche (April–July, August–November, December–March)', () => {
    expect(tranchePeriod('2026-05-10')).to.deep.equal({ name: '2026/27 tranche 1', startsOn: '2026-04-01', endsOn: '2026-07-31' });
    expect(tranchePeriod('2026-11-30').name).to.equal('2026/27 tranche 2');
    expect(tranchePeriod('2026-12-06')).to.deep.equal({ name: '2026/27 tranche 3', startsOn: '2026-12-01', endsOn: '2027-03-31' });
    expect(tranchePeriod('2027-02-01').name).to.equal('2026/27 tranche 3');
  });
});
