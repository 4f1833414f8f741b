/** The on-call rota's slots over the API: a slot has a length when it is added and when it is changed. */
import { expect } from 'chai';
import { testApp, type TestApp } from '../support/app.js';

interface Slot {
  id: string;
  start: string;
  end: string;
  version: number;
}

describe('on-call rota (API)', () => {
  let t: TestApp;

  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const addSlot = async (start: string, end: string): Promise<Slot> => {
    const admin = await t.as('admin');
    return (await admin.post('/api/on-call').send({ contactName: 'Olu Okafor', email: 'olu@council.test', days: [1, 2, 3], start, end }).expect(201)).body as Slot;
  };

  it('When a slot is added that starts and ends at the same time, then 400 VALIDATION_FAILED says so', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/on-call').send({ contactName: 'Olu Okafor', email: 'olu@council.test', days: [1], start: '09:00', end: '09:00' });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('VALIDATION_FAILED');
    expect(res.body.error.message).to.contain('must not start and end at the same time');
  });

  it('When a slot is changed to end when it starts, then 400 VALIDATION_FAILED says so and the slot is unchanged', async () => {
    const slot = await addSlot('15:00', '07:00');
    const admin = await t.as('admin');
    for (const patch of [{ end: '15:00' }, { start: '07:00' }, { start: '12:30', end: '12:30' }]) {
      const res = await admin.patch(`/api/on-call/${slot.id}`).send({ version: slot.version, ...patch });
      expect(res.status, JSON.stringify(patch)).to.equal(400);
      expect(res.body.error.code, JSON.stringify(patch)).to.equal('VALIDATION_FAILED');
      expect(res.body.error.message, JSON.stringify(patch)).to.contain('must not start and end at the same time');
    }
    const stored = ((await admin.get('/api/on-call').expect(200)).body.slots as Slot[]).find((s) => s.id === slot.id);
    expect(stored).to.include({ start: '15:00', end: '07:00', version: slot.version });
  });

  it('When a slot is changed to end before it starts, then it is kept as one running past midnight', async () => {
    const slot = await addSlot('08:00', '17:00');
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/on-call/${slot.id}`).send({ version: slot.version, start: '22:00', end: '06:00' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ start: '22:00', end: '06:00', version: slot.version + 1 });
  });

  it("When a slot's days are changed with a day twice and out of order, then it keeps each day once, in order, as adding one does", async () => {
    const slot = await addSlot('18:00', '08:00');
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/on-call/${slot.id}`).send({ version: slot.version, days: [7, 5, 6, 5] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.days).to.deep.equal([5, 6, 7]);
    const stored = ((await admin.get('/api/on-call').expect(200)).body.slots as (Slot & { days: number[] })[]).find((s) => s.id === slot.id);
    expect(stored?.days).to.deep.equal([5, 6, 7]);
  });
});
