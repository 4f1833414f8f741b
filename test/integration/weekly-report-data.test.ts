/**
 * The weekly report's numbers on hand-built weeks, checked exactly: a busy
 * week in Kensington and Fairfield, the week of the October 2026 clock change
 * and an empty week.
 */
import { expect } from 'chai';
import type { WeeklyReportData } from '../../reports/weekly/types.js';
import { median, percentile } from '../../server/weekly-reports/weekly-figures.js';
import { insertPhoto, insertRequest, insertWorkOrder, labelledJpeg } from '../support/builders-reports.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';

const ANFIELD = 'E05000887';

describe('weekly report data', () => {
  let t: TestApp;
  let data: WeeklyReportData;
  let sheilPostcode: string | null;
  const refs: Record<string, string> = {};

  before(async () => {
    t = await testApp({ now: '2026-11-30T07:00:00.000Z' });
    const db = t.deps.db;
    sheilPostcode = await t.deps.postcodes.nearest(SHEIL_ROAD.lat, SHEIL_ROAD.lng);

    // Service requests: four in the ward in W48, one just after, one just before, one in another ward.
    await insertRequest(db, { categoryCode: 'sharps', wardCode: KENSINGTON, source: 'public', createdAt: '2026-11-23T09:00:00.000Z', postcode: 'L7 0LG' });
    await insertRequest(db, { categoryCode: 'sharps', wardCode: KENSINGTON, source: 'partner', createdAt: '2026-11-24T10:00:00.000Z', postcode: 'L7 0LG' });
    await insertRequest(db, { categoryCode: 'fly-tipping', wardCode: KENSINGTON, source: 'open311', createdAt: '2026-11-25T12:00:00.000Z', ...SHEIL_ROAD });
    await insertRequest(db, { categoryCode: 'fly-tipping', wardCode: KENSINGTON, source: 'public', createdAt: '2026-11-29T23:59:59.999Z', ...SHEIL_ROAD });
    await insertRequest(db, { categoryCode: 'litter', wardCode: KENSINGTON, source: 'staff', createdAt: '2026-11-30T00:00:00.000Z' });
    await insertRequest(db, { categoryCode: 'condoms', wardCode: KENSINGTON, source: 'public', createdAt: '2026-11-22T23:59:59.999Z', postcode: 'L7 0LG' });
    await insertRequest(db, { categoryCode: 'graffiti', wardCode: ANFIELD, source: 'public', createdAt: '2026-11-25T12:00:00.000Z', lat: 53.4308, lng: -2.9608 });

    const wo = (p: Parameters<typeof insertWorkOrder>[1]) => insertWorkOrder(db, p);
    const a = await wo({ categoryCode: 'sharps', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-11-23T11:00:00.000Z', completedAt: '2026-11-23T10:00:00.000Z', quantities: { sharps_count: 5 }, evidenceFlags: ['no_gps'], evidenceStatus: 'accepted' });
    await wo({ categoryCode: 'sharps', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-24T10:00:00.000Z', dueAt: '2026-11-24T12:00:00.000Z', completedAt: '2026-11-24T15:00:00.000Z', quantities: { sharps_count: 3 } });
    await wo({ categoryCode: 'sharps', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-25T08:00:00.000Z', dueAt: '2026-11-25T10:00:00.000Z', completedAt: '2026-11-25T11:00:00.000Z', quantities: { sharps_count: 2 } });
    const d = await wo({ categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-25T12:00:00.000Z', dueAt: '2026-11-27T18:00:00.000Z', completedAt: '2026-11-26T12:00:00.000Z', quantities: { bags: 4 }, wasteData: { size: 'small_van_load' }, evidenceFlags: ['far_from_job', 'no_gps'], evidenceStatus: 'accepted' });
    await wo({ categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-20T10:00:00.000Z', dueAt: '2026-11-24T18:00:00.000Z', completedAt: '2026-11-29T10:00:00.000Z', quantities: { bags: 2 } });
    await wo({ categoryCode: 'condoms', wardCode: KENSINGTON, status: 'not_completed', outcomeReason: 'no_access', openedAt: '2026-11-26T09:00:00.000Z', dueAt: '2026-11-26T13:00:00.000Z', closedAt: '2026-11-26T14:00:00.000Z' });
    await wo({ categoryCode: 'litter', wardCode: KENSINGTON, status: 'cancelled', openedAt: '2026-11-27T09:00:00.000Z', dueAt: '2026-11-28T18:00:00.000Z', closedAt: '2026-11-27T10:00:00.000Z' });
    await wo({ categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'assigned', openedAt: '2026-11-28T09:00:00.000Z', dueAt: '2026-12-01T18:00:00.000Z' });
    await wo({ categoryCode: 'graffiti', wardCode: KENSINGTON, status: 'accepted', openedAt: '2026-11-10T09:00:00.000Z', dueAt: '2026-11-17T18:00:00.000Z' });
    await wo({ categoryCode: 'litter', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-16T08:00:00.000Z', dueAt: '2026-11-16T18:00:00.000Z', completedAt: '2026-11-16T09:00:00.000Z' });
    // Finished exactly when the week ended: still open at the end of the week, and overdue.
    await wo({ categoryCode: 'sharps', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-29T20:00:00.000Z', dueAt: '2026-11-29T22:00:00.000Z', completedAt: '2026-11-30T00:00:00.000Z' });
    const m = await wo({ categoryCode: 'condoms', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-11-27T08:00:00.000Z', dueAt: '2026-11-27T12:00:00.000Z', completedAt: '2026-11-27T10:00:00.000Z', quantities: { condoms_count: 12, bags: 1 } });
    await wo({ categoryCode: 'graffiti', wardCode: ANFIELD, status: 'completed', openedAt: '2026-11-25T12:00:00.000Z', dueAt: '2026-12-02T18:00:00.000Z', completedAt: '2026-11-26T12:00:00.000Z' });

    const jpeg = await labelledJpeg('x', { width: 64, height: 48 });
    for (const [job, at] of [[a, '2026-11-23T09:30:00.000Z'], [d, '2026-11-26T11:00:00.000Z'], [m, '2026-11-27T09:00:00.000Z']] as const) {
      await insertPhoto(db, t.dataDir, { workOrderId: job.id, kind: 'before', jpeg, createdAt: at });
      await insertPhoto(db, t.dataDir, { workOrderId: job.id, kind: 'after', jpeg: await labelledJpeg(`after ${job.reference}`, { width: 64, height: 48 }), createdAt: job.completedAt! });
    }
    refs.a = a.reference;
    refs.d = d.reference;
    refs.m = m.reference;

    data = await t.deps.weeklyReports.buildData(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString(), maxPairs: 2 });
  });
  after(() => t.close());

  it('When the week is 2026-W48, then it runs Monday 23 to Sunday 29 November, London midnight to midnight', () => {
    expect(data.week).to.include({ start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z', firstDay: '2026-11-23', lastDay: '2026-11-29' });
    expect(data.provisional).to.equal(false);
    expect(data.ward).to.deep.equal({ code: KENSINGTON, name: 'Kensington and Fairfield' });
  });

  it('When requests arrive across the week boundaries, then only those inside count, by category and by source', () => {
    expect(data.received).to.deep.equal({
      total: 4,
      byCategory: { sharps: 2, 'fly-tipping': 2 },
      bySource: { public: 2, partner: 1, open311: 1, staff: 0, sweep: 0 },
    });
  });

  it('When jobs are completed, closed unfixed or left open, then fixed, closed-not-fixed, open and overdue are counted apart', () => {
    expect(data.fixed).to.deep.equal({ total: 6, byCategory: { sharps: 3, 'fly-tipping': 2, condoms: 1 }, clearedLate: 3 });
    expect(data.closedNotFixed.total).to.equal(2);
    expect(data.closedNotFixed.byReason).to.deep.equal({ no_access: 1, cancelled: 1 });
    expect(data.closedNotFixed.items.map((i) => i.reasonLabel)).to.deep.equal(['No access', 'Cancelled']);
    expect(data.stillOpen).to.deep.equal({ total: 3, overdue: 2, byCategory: { 'fly-tipping': 1, graffiti: 1, sharps: 1 } });
  });

  it('When clearance times are 1, 2, 3, 5, 24 and 216 hours, then the median is 4 h and the 90th percentile 216 h', () => {
    expect(data.timeToClear.overall).to.deep.equal({ count: 6, onTime: 3, medianHours: 4, p90Hours: 216 });
    expect(data.timeToClear.byCategory).to.deep.equal({
      sharps: { count: 3, onTime: 1, medianHours: 3, p90Hours: 5 },
      'fly-tipping': { count: 2, onTime: 1, medianHours: 120, p90Hours: 216 },
      condoms: { count: 1, onTime: 1, medianHours: 2, p90Hours: 2 },
    });
    expect(data.withinDeadline).to.deep.equal({ fixed: 6, onTime: 3, share: 0.5 });
  });

  it('When crews record quantities, then sharps, condoms and bags are summed over jobs closed in the week', () => {
    expect(data.removed).to.deep.equal({ sharps: 10, condoms: 12, bags: 7 });
  });

  it('When fly-tips are cleared, then they are counted by Defra size band, with unrecorded sizes shown as such', () => {
    const counts = Object.fromEntries(data.flyTipsBySize.map((s) => [s.key, s.count]));
    expect(counts).to.deep.equal({
      single_black_bag: 0, single_item: 0, car_boot_or_less: 0, small_van_load: 1, transit_van_load: 0, tipper_lorry_load: 0,
      significant_multi_loads: 0, not_recorded: 1,
    });
    expect(data.evidenceFlags).to.deep.equal({ no_gps: 2, far_from_job: 1 });
  });

  it('When the trend is built, then it covers 12 weeks ending with this one and counts each week', () => {
    expect(data.trend).to.have.length(12);
    expect(data.trend[0].week).to.equal('2026-W37');
    expect(data.trend[11]).to.deep.equal({ week: '2026-W48', firstDay: '2026-11-23', received: 4, fixed: 6, closedNotFixed: 2 });
    expect(data.trend[10]).to.deep.equal({ week: '2026-W47', firstDay: '2026-11-16', received: 1, fixed: 1, closedNotFixed: 0 });
    expect(data.trend.slice(0, 10).every((w) => w.received === 0 && w.fixed === 0 && w.closedNotFixed === 0)).to.equal(true);
  });

  it('When requests repeat at a place, then it is a hotspot with this week’s and the 12-week count', () => {
    expect(sheilPostcode).to.be.a('string');
    expect(data.hotspots).to.deep.equal([
      { location: 'L7 0LG', requestsThisWeek: 2, requestsTrendWindow: 3, topCategoryCode: 'sharps' },
      { location: sheilPostcode, requestsThisWeek: 2, requestsTrendWindow: 2, topCategoryCode: 'fly-tipping' },
    ]);
  });

  it('When other wards have work, then the council-wide figures include it and the ward’s do not', () => {
    expect(data.headline).to.deep.equal({ received: 4, fixed: 6, closedNotFixed: 2, stillOpen: 3, overdue: 2, withinDeadlineShare: 0.5, medianHoursToClear: 4 });
    expect(data.council).to.include({ received: 5, fixed: 7, closedNotFixed: 2, stillOpen: 3, overdue: 2, wards: 30 });
    expect(data.council.withinDeadlineShare).to.equal(4 / 7);
  });

  it('When more jobs have photos than fit, then hazards come first, in order of clearing, and the rest are counted as omitted', () => {
    expect(data.pairs.map((p) => p.reference)).to.deep.equal([refs.a, refs.m]);
    expect(data.pairsOmitted).to.equal(1);
    const first = data.pairs[0];
    expect(first).to.include({ categoryName: 'Needles and sharps', hazard: true, hoursToClear: 1, withinDeadline: true, reportedAt: '2026-11-23T09:00:00.000Z', clearedAt: '2026-11-23T10:00:00.000Z' });
    expect(first.description).to.equal(`Needles and sharps, ${first.location}`);
    expect(first.location).to.match(/^near L\d+ \d[A-Z]{2}$/);
  });

  it('When the map is built, then it has one point per fixed, unfixed and still-open job', () => {
    const byOutcome = data.mapPoints.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.outcome]: (acc[p.outcome] ?? 0) + 1 }), {});
    expect(byOutcome).to.deep.equal({ fixed: 6, not_fixed: 2, open: 3 });
  });
});

describe('weekly report data at the edges', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ now: '2026-11-30T07:00:00.000Z' });
  });
  after(() => t.close());

  it('When the week holds the October 2026 clock change, then it is 169 hours long and times across the change are real elapsed hours', async () => {
    const db = t.deps.db;
    // Monday 00:30 BST (in), Sunday 23:30 BST the night before (out), Sunday 23:30 GMT at the end (in), Monday 00:00 GMT after (out).
    for (const createdAt of ['2026-10-18T23:30:00.000Z', '2026-10-18T22:30:00.000Z', '2026-10-25T23:30:00.000Z', '2026-10-26T00:00:00.000Z']) {
      await insertRequest(db, { categoryCode: 'litter', wardCode: KENSINGTON, createdAt });
    }
    // 01:30 BST to 02:30 GMT: one hour on the wall clock, two in reality.
    await insertWorkOrder(db, { categoryCode: 'litter', wardCode: KENSINGTON, status: 'completed', openedAt: '2026-10-25T00:30:00.000Z', dueAt: '2026-10-26T18:00:00.000Z', completedAt: '2026-10-25T02:30:00.000Z' });
    const data = await t.deps.weeklyReports.buildData(KENSINGTON, '2026-W43', { generatedAt: t.clock.now().toISOString() });
    expect(data.week).to.include({ start: '2026-10-18T23:00:00.000Z', end: '2026-10-26T00:00:00.000Z', firstDay: '2026-10-19', lastDay: '2026-10-25' });
    expect((Date.parse(data.week.end) - Date.parse(data.week.start)) / 3_600_000).to.equal(169);
    expect(data.received.total).to.equal(2);
    expect(data.timeToClear.overall).to.deep.equal({ count: 1, onTime: 1, medianHours: 2, p90Hours: 2 });
    expect(data.trend[11]).to.include({ week: '2026-W43', received: 2, fixed: 1 });
    expect(data.trend[10]).to.include({ week: '2026-W42', received: 1 });
  });

  it('When nothing happened in the week, then every count is zero and shares are empty rather than 0 %', async () => {
    const data = await t.deps.weeklyReports.buildData('E05000888', '2026-W30', { generatedAt: t.clock.now().toISOString() });
    expect(data.headline).to.deep.equal({ received: 0, fixed: 0, closedNotFixed: 0, stillOpen: 0, overdue: 0, withinDeadlineShare: null, medianHoursToClear: null });
    expect(data.timeToClear).to.deep.equal({ overall: null, byCategory: {} });
    expect(data.removed).to.deep.equal({ sharps: 0, condoms: 0, bags: 0 });
    expect(data.trend.every((w) => w.received === 0 && w.fixed === 0)).to.equal(true);
    expect(data.hotspots).to.deep.equal([]);
    expect(data.pairs).to.deep.equal([]);
    expect(data.categories).to.deep.equal([]);
  });

  it('When a report is built before its week ends, then it is marked provisional', async () => {
    const data = await t.deps.weeklyReports.buildData(KENSINGTON, '2026-W48', { generatedAt: '2026-11-26T12:00:00.000Z' });
    expect(data.provisional).to.equal(true);
  });

  it('When the median and 90th percentile are taken, then they follow the mean-of-middle and nearest-rank rules', () => {
    expect(median([1, 2, 3, 4])).to.equal(2.5);
    expect(median([7])).to.equal(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).to.equal(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).to.equal(10);
  });
});
