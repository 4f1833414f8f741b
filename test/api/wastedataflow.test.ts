/**
 * The monthly WasteDataFlow fly-tipping return against hand-built months:
 * month edges in UK time across both clock changes, counts by land type ×
 * waste type × size, enforcement actions recorded by the office (version
 * checked), clearance costs from the council's own prices, and an incident
 * missing its land type listed apart until the office fixes it.
 */
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { insertWorkOrder } from '../support/builders-reports.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON } from '../support/fixtures.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { monthBounds } from '../../server/exports/wastedataflow.js';

const VAN = { size: 'small_van_load', wasteType: 'other_household', landType: 'back_alleyway' };
const BAG = { size: 'single_black_bag', wasteType: 'black_bags_household', landType: 'highway' };

const asBuffer = (req: import('supertest').Test) => req.buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});

describe('exports: the WasteDataFlow fly-tipping return', () => {
  let t: TestApp;
  const made: Record<string, WorkOrder> = {};
  const flyTip = async (name: string, completedAt: string, wasteData: Record<string, string> | null, over: Partial<WorkOrder> = {}) => {
    made[name] = await insertWorkOrder(t.deps.db, {
      categoryCode: 'fly-tipping', wardCode: KENSINGTON, status: 'completed', openedAt: new Date(Date.parse(completedAt) - 20 * 3600_000).toISOString(),
      dueAt: new Date(Date.parse(completedAt) + 3600_000).toISOString(), completedAt, closedAt: completedAt, wasteData, ...over,
    });
  };

  before(async () => {
    t = await testApp();
    // March 2026: the clocks go forward at 01:00 UTC on Sunday 29 March, so March ends at 23:00 UTC on the 31st.
    await flyTip('lastOfFebruary', '2026-02-28T23:30:00.000Z', VAN); // 23:30 GMT on 28 Feb: February
    await flyTip('firstOfMarch', '2026-03-01T00:10:00.000Z', VAN); // 00:10 GMT on 1 March
    await flyTip('duringChange', '2026-03-29T01:30:00.000Z', BAG); // 02:30 BST, just after the change
    await flyTip('lastOfMarch', '2026-03-31T22:30:00.000Z', BAG); // 23:30 BST on 31 March: still March
    await flyTip('firstOfApril', '2026-03-31T23:30:00.000Z', VAN); // 00:30 BST on 1 April: April though the UTC date says March
    await flyTip('noLandType', '2026-03-15T12:00:00.000Z', { size: 'single_item', wasteType: 'white_goods' });
    await flyTip('notCleared', '2026-03-10T12:00:00.000Z', VAN, { status: 'not_completed' });
    await flyTip('notAFlyTip', '2026-03-10T12:00:00.000Z', VAN, { categoryCode: 'litter' });
    // October 2026: the clocks go back at 01:00 UTC on Sunday 25 October, so October starts at 23:00 UTC on 30 September.
    await flyTip('firstOfOctober', '2026-09-30T23:30:00.000Z', VAN); // 00:30 BST on 1 October
    await flyTip('lastOfOctober', '2026-10-31T23:30:00.000Z', BAG); // 23:30 GMT on 31 October
    await flyTip('firstOfNovember', '2026-11-01T00:30:00.000Z', BAG);
  });
  after(() => t.close());

  it('When a month spans a clock change, then its edges are UK midnights', () => {
    expect(monthBounds('2026-03', 'Europe/London')).to.deep.equal({ firstDay: '2026-03-01', lastDay: '2026-03-31', start: '2026-03-01T00:00:00.000Z', end: '2026-03-31T23:00:00.000Z' });
    expect(monthBounds('2026-10', 'Europe/London')).to.deep.equal({ firstDay: '2026-10-01', lastDay: '2026-10-31', start: '2026-09-30T23:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
    expect(monthBounds('2026-12', 'Europe/London').lastDay).to.equal('2026-12-31');
  });

  it('When the office records enforcement actions, then each is version-checked and only fly-tips take them', async () => {
    const office = await t.as('dispatcher');
    const wo = made.duringChange;
    const first = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: wo.version, action: 'investigation', takenOn: '2026-03-30' });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.actions.map((a: { action: string }) => a.action)).to.deep.equal(['investigation']);
    const stale = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: wo.version, action: 'warning_letter', takenOn: '2026-03-31' });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('STALE_VERSION');
    const second = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: first.body.version, action: 'fixed_penalty_notice', takenOn: '2026-03-31' });
    expect(second.status).to.equal(201);
    // Taken in April: counted in April's return, not March's.
    const april = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: second.body.version, action: 'prosecution', takenOn: '2026-04-01' });
    expect(april.status).to.equal(201);
    const wrong = await office.post(`/api/work-orders/${made.notAFlyTip.id}/enforcement-actions`).send({ version: 1, action: 'investigation', takenOn: '2026-03-30' });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.code).to.equal('NOT_A_FLY_TIP');
    const future = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: april.body.version, action: 'investigation', takenOn: '2027-01-01' });
    expect(future.status).to.equal(400);
    const unknown = await office.post(`/api/work-orders/${wo.id}/enforcement-actions`).send({ version: april.body.version, action: 'stern_look', takenOn: '2026-03-30' });
    expect(unknown.status).to.equal(400);
    // A mistake removed: the return no longer counts it.
    const mistake = await office.post(`/api/work-orders/${made.lastOfMarch.id}/enforcement-actions`).send({ version: 1, action: 'statutory_notice', takenOn: '2026-03-31' });
    const removed = await office.delete(`/api/work-orders/${made.lastOfMarch.id}/enforcement-actions/${mistake.body.actions[0].id}`).send({ version: mistake.body.version });
    expect(removed.status).to.equal(200);
    expect(removed.body.actions).to.deep.equal([]);
    const history = await office.get(`/api/work-orders/${wo.id}`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'enforcement')).to.have.length(3);
  });

  it('When March 2026 (clocks forward) is returned, then the grid, the actions and the costs are exactly the hand count, and the incident without a land type is listed apart', async () => {
    const admin = await t.as('admin');
    const costs = await admin.put('/api/settings/wasteDataFlow').send({ clearanceCostPerSize: { single_black_bag: 25, small_van_load: 160.5 } });
    expect(costs.status, JSON.stringify(costs.body)).to.equal(200);
    const office = await t.as('dispatcher');
    const json = (await office.get('/api/exports/wastedataflow?month=2026-03&format=json')).body;
    expect(json.incidentsCounted).to.equal(3); // firstOfMarch, duringChange, lastOfMarch
    expect(json.counts.back_alleyway.other_household.small_van_load).to.equal(1);
    expect(json.counts.highway.black_bags_household.single_black_bag).to.equal(2);
    expect(json.bySize).to.include({ small_van_load: 1, single_black_bag: 2, single_item: 0 });
    expect(json.enforcement).to.deep.equal({ investigation: 1, warning_letter: 0, fixed_penalty_notice: 1, prosecution: 0, statutory_notice: 0, duty_of_care_inspection: 0 });
    expect(json.estimatedCost.total).to.equal(210.5);
    expect(json.incomplete).to.deep.equal([{ id: made.noLandType.id, reference: made.noLandType.reference, ward: 'Kensington and Fairfield', completedAt: '2026-03-15T12:00:00.000Z', missing: ['Land type'] }]);

    const res = await asBuffer(office.get('/api/exports/wastedataflow?month=2026-03'));
    expect(res.status).to.equal(200);
    expect(res.headers['content-disposition']).to.contain('wastedataflow-fly-tipping-2026-03.csv');
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parse(buf, { bom: true, record_delimiter: '\r\n' }) as string[][];
    expect(new Set(rows.map((r) => r.length)).size, 'one field count throughout').to.equal(1);
    const find = (a: string, b?: string) => rows.find((r) => r[0] === a && (b === undefined || r[1] === b))!;
    expect(find('Month')[1]).to.equal('2026-03');
    expect(find('Incidents counted')[1]).to.equal('3');
    const header = find('Land type', 'Waste type');
    expect(header.slice(2, 10)).to.deep.equal(['Single black bag', 'Single item', 'Car boot or less', 'Small van load', 'Transit van load', 'Tipper lorry load', 'Significant / multi loads', 'Total']);
    expect(find('Highway', 'Black bags – household').slice(2, 10)).to.deep.equal(['2', '0', '0', '0', '0', '0', '0', '2']);
    expect(find('Back alleyway', 'Other household').slice(2, 10)).to.deep.equal(['0', '0', '0', '1', '0', '0', '0', '1']);
    expect(find('All land types', 'All waste types')[9]).to.equal('3');
    expect(rows.filter((r) => FLY_LAND_ROWS.includes(r[0]) && r[1] !== 'All waste types')).to.have.length(10 * 15);
    expect(find('Fixed penalty notice')[1]).to.equal('1');
    expect(find('Single black bag', '2').slice(2, 4)).to.deep.equal(['25.00', '50.00']);
    expect(find('Single item', '0')[2]).to.equal('not entered');
    expect(find('All sizes')[3]).to.equal('210.50');
    const fix = rows.findIndex((r) => r[0] === 'Incidents to fix before submitting');
    expect(rows[fix + 2].slice(0, 4)).to.deep.equal([made.noLandType.reference, '2026-03-15 12:00', 'Kensington and Fairfield', 'Land type']);
  });

  it('When the office fixes the missing land type, then the incident is counted and no longer listed apart', async () => {
    const office = await t.as('dispatcher');
    const wo = made.noLandType;
    const fixed = await office.put(`/api/work-orders/${wo.id}/fly-tip-details`).send({ version: wo.version, landType: 'council_land' });
    expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
    expect(fixed.body.wasteData).to.deep.equal({ size: 'single_item', wasteType: 'white_goods', landType: 'council_land' });
    const bad = await office.put(`/api/work-orders/${wo.id}/fly-tip-details`).send({ version: fixed.body.version, landType: 'the moon' });
    expect(bad.status).to.equal(400);
    const json = (await office.get('/api/exports/wastedataflow?month=2026-03&format=json')).body;
    expect(json.incidentsCounted).to.equal(4);
    expect(json.counts.council_land.white_goods.single_item).to.equal(1);
    expect(json.incomplete).to.deep.equal([]);
  });

  it('When February, April and October 2026 (clocks back) are returned, then each incident falls in its UK month', async () => {
    const office = await t.as('dispatcher');
    const month = async (m: string) => (await office.get(`/api/exports/wastedataflow?month=${m}&format=json`)).body;
    const feb = await month('2026-02');
    expect(feb.incidentsCounted).to.equal(1);
    expect(feb.counts.back_alleyway.other_household.small_van_load).to.equal(1);
    const april = await month('2026-04');
    expect(april.incidentsCounted).to.equal(1);
    expect(april.enforcement.prosecution).to.equal(1);
    const october = await month('2026-10');
    expect(october.incidentsCounted).to.equal(2);
    expect(october.bySize).to.include({ small_van_load: 1, single_black_bag: 1 });
    const november = await month('2026-11');
    expect(november.counts.highway.black_bags_household.single_black_bag).to.be.at.least(1);
  });

  it('When the month is malformed, then 400 with the field named', async () => {
    const office = await t.as('dispatcher');
    for (const m of ['2026-13', '2026-3', 'march']) {
      const res = await office.get(`/api/exports/wastedataflow?month=${m}`);
      expect(res.status).to.equal(400);
      expect(res.body.error.details.fields[0].field).to.equal('month');
    }
  });
});

const FLY_LAND_ROWS = ['Highway', 'Footpath / bridleway', 'Back alleyway', 'Railway', 'Council land', 'Agricultural', 'Private / residential', 'Commercial / industrial', 'Watercourse / bank', 'Other (unidentified)'];
