import { expect } from 'chai';
import { dutyCover, nextStep } from '../../server/intake/next-step.js';

const TZ = 'Europe/London';
const weekdays = { shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' }, exceptions: [], active: true };
const when = (iso: string) => iso;

describe('what happens next, from the crews’ duty hours', () => {
  it('When a crew is on shift now, then the resident is told crews are on duty and the deadline', () => {
    const step = nextStep({ status: 'new', dueAt: '2026-11-25T18:00:00.000Z', crewId: null, routeDate: null, plannedStartAt: null }, [weekdays], new Date('2026-11-24T10:00:00Z'), TZ, when);
    expect(step).to.deep.include({ onDutyNow: true, nextDutyAt: null, by: '2026-11-25T18:00:00.000Z' });
    expect(step.text).to.contain('Crews are on duty now.').and.contain('We aim to deal with it by 2026-11-25T18:00:00.000Z');
  });

  it('When nobody is on duty (Saturday night), then it says when the next duty period starts, and that the target falls before it', () => {
    const step = nextStep({ status: 'new', dueAt: '2026-11-29T12:00:00.000Z', crewId: null, routeDate: null, plannedStartAt: null }, [weekdays], new Date('2026-11-28T22:00:00Z'), TZ, when);
    expect(step.onDutyNow).to.equal(false);
    expect(step.nextDutyAt).to.equal('2026-11-30T07:00:00.000Z');
    expect(step.text).to.contain('the next duty period starts 2026-11-30T07:00:00.000Z');
    expect(step.text).to.contain('no crew is on duty before then');
  });

  it('When a crew has a day off (an exception) or no crew is active, then it is not counted as cover', () => {
    const off = { ...weekdays, exceptions: [{ date: '2026-11-30', available: false, reason: 'training' }] };
    expect(dutyCover([off], new Date('2026-11-28T22:00:00Z'), TZ).nextStart).to.equal('2026-12-01T07:00:00.000Z');
    const none = nextStep(null, [{ ...weekdays, active: false }], new Date('2026-11-28T22:00:00Z'), TZ, when);
    expect(none.text).to.contain('No crew duty period is planned in the next two weeks');
  });

  it('When the job is cleared, then the next step is to say if it is still there', () => {
    expect(nextStep({ status: 'completed', dueAt: 'x', crewId: null, routeDate: null, plannedStartAt: null }, [weekdays], new Date(), TZ, when).text).to.contain('still there');
  });
});
