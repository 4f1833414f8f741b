import { expect } from 'chai';
import type { SlaPolicy } from '../../server/categories/category.entity.js';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../server/sla/bank-holidays.js';
import { atRiskFrom, deadlineStateAt, dueAt } from '../../server/sla/deadline.js';
import { isoWeekday, localParts, zonedInstant } from '../../server/sla/local-time.js';
import { defaultCalendarSpec, WorkingCalendar } from '../../server/sla/working-calendar.js';

const calendar = new WorkingCalendar(defaultCalendarSpec('Europe/London'));
const ZONE: SlaPolicy = { kind: 'zone' };
const due = (policy: SlaPolicy, openedAt: string, zone = 2, cal = calendar) => dueAt(policy, new Date(openedAt), zone, cal).toISOString();

describe('SLA deadlines (Europe/London, stored UTC)', () => {
  describe('fixed hours', () => {
    it('When sharps (2 h) are reported on a winter morning, then they are due two hours later', () => {
      expect(due({ kind: 'hours', hours: 2 }, '2026-11-24T10:00:00.000Z')).to.equal('2026-11-24T12:00:00.000Z');
    });
    it('When reported at 00:30 on the March 2026 clock-change night, then it is due two real hours later (03:30 BST)', () => {
      const d = due({ kind: 'hours', hours: 2 }, '2026-03-29T00:30:00.000Z');
      expect(d).to.equal('2026-03-29T02:30:00.000Z');
      expect(localParts(new Date(d), 'Europe/London').minutes).to.equal(3 * 60 + 30);
    });
    it('When reported at 01:30 BST on the October 2026 clock-change night, then it is due two real hours later (02:30 GMT)', () => {
      const d = due({ kind: 'hours', hours: 2 }, '2026-10-25T00:30:00.000Z');
      expect(d).to.equal('2026-10-25T02:30:00.000Z');
      expect(localParts(new Date(d), 'Europe/London').minutes).to.equal(2 * 60 + 30);
    });
  });

  describe('zone 1 (half a day, cut-offs 13:00 and 18:00)', () => {
    it('When reported before 13:00 on a duty day, then it is due 18:00 the same day', () => {
      expect(due(ZONE, '2026-11-24T10:00:00.000Z', 1)).to.equal('2026-11-24T18:00:00.000Z');
      expect(due(ZONE, '2026-11-24T12:59:00.000Z', 1)).to.equal('2026-11-24T18:00:00.000Z');
    });
    it('When reported before 13:00 in summer time, then 18:00 BST is 17:00 UTC', () => {
      expect(due(ZONE, '2026-06-16T08:00:00.000Z', 1)).to.equal('2026-06-16T17:00:00.000Z');
    });
    it('When reported at 13:00 exactly, then it is due 13:00 the next duty day', () => {
      expect(due(ZONE, '2026-11-24T13:00:00.000Z', 1)).to.equal('2026-11-25T13:00:00.000Z');
    });
    it('When reported at 17:59 in summer (16:59 UTC), then it is due 13:00 BST next day', () => {
      expect(due(ZONE, '2026-06-16T16:59:00.000Z', 1)).to.equal('2026-06-17T12:00:00.000Z');
    });
    it('When reported on a Friday afternoon, then the next duty day is Monday', () => {
      expect(due(ZONE, '2026-11-27T15:00:00.000Z', 1)).to.equal('2026-11-30T13:00:00.000Z');
    });
    it('When reported after 18:00, then it counts from the next duty morning: 18:00 next duty day', () => {
      expect(due(ZONE, '2026-11-24T18:30:00.000Z', 1)).to.equal('2026-11-25T18:00:00.000Z');
    });
    it('When reported on a Saturday, then it is due 18:00 on Monday', () => {
      expect(due(ZONE, '2026-11-28T10:00:00.000Z', 1)).to.equal('2026-11-30T18:00:00.000Z');
    });
    it('When reported Friday 27 March 2026 14:00 GMT, then it is due Monday 13:00 BST, across the clock change (12:00 UTC)', () => {
      expect(due(ZONE, '2026-03-27T14:00:00.000Z', 1)).to.equal('2026-03-30T12:00:00.000Z');
    });
    it('When reported Friday 23 October 2026 14:00 BST, then it is due Monday 13:00 GMT (13:00 UTC)', () => {
      expect(due(ZONE, '2026-10-23T13:00:00.000Z', 1)).to.equal('2026-10-26T13:00:00.000Z');
    });
    it('When reported on Good Friday 2027 morning (a bank holiday), then it is due 18:00 BST on the Tuesday after Easter Monday', () => {
      expect(due(ZONE, '2027-03-26T09:00:00.000Z', 1)).to.equal('2027-03-30T17:00:00.000Z');
    });
  });

  describe('zone 2 (18:00 the following duty day)', () => {
    it('When reported on a Tuesday, then it is due Wednesday 18:00', () => {
      expect(due(ZONE, '2026-11-24T10:00:00.000Z', 2)).to.equal('2026-11-25T18:00:00.000Z');
    });
    it('When reported the day before Good Friday 2026, then Good Friday and Easter Monday are skipped', () => {
      expect(due(ZONE, '2026-04-02T09:00:00.000Z', 2)).to.equal('2026-04-07T17:00:00.000Z');
    });
    it('When reported on Christmas Eve 2026, then Christmas Day and the Boxing Day substitute (Mon 28th) are skipped', () => {
      expect(due(ZONE, '2026-12-24T11:00:00.000Z', 2)).to.equal('2026-12-29T18:00:00.000Z');
    });
    it('When reported on Saturday 27 March 2027 (clocks change that night), then it is due Tuesday 30 March 18:00 BST after Easter Monday', () => {
      expect(due(ZONE, '2027-03-27T10:00:00.000Z', 2)).to.equal('2027-03-30T17:00:00.000Z');
    });
    it('When reported Friday 29 October 2027 in BST, then it is due Monday 1 November 18:00 GMT', () => {
      expect(due(ZONE, '2027-10-29T11:00:00.000Z', 2)).to.equal('2027-11-01T18:00:00.000Z');
    });
  });

  describe('zones 3 and 4 (14 and 28 calendar days)', () => {
    it('When a zone 3 report spans the March 2026 change, then it is due at the same local time 14 days later', () => {
      expect(due(ZONE, '2026-03-20T10:00:00.000Z', 3)).to.equal('2026-04-03T09:00:00.000Z');
    });
    it('When a zone 4 report spans the October 2026 change, then it is due at the same local time 28 days later', () => {
      expect(due(ZONE, '2026-10-10T09:00:00.000Z', 4)).to.equal('2026-11-07T10:00:00.000Z');
    });
  });

  describe('working days', () => {
    const two: SlaPolicy = { kind: 'working_days', days: 2 };
    it('When a fly-tip is reported on a Tuesday morning, then it is due at the end of duty on Thursday', () => {
      expect(due(two, '2026-11-24T10:00:00.000Z')).to.equal('2026-11-26T18:00:00.000Z');
    });
    it('When reported after the end of duty, then the clock starts next duty day', () => {
      expect(due(two, '2026-11-24T19:00:00.000Z')).to.equal('2026-11-27T18:00:00.000Z');
    });
    it('When reported on a Saturday, then the clock starts on Monday', () => {
      expect(due(two, '2026-11-28T10:00:00.000Z')).to.equal('2026-12-02T18:00:00.000Z');
    });
    it('When reported on Thursday before Easter 2027, then Good Friday and Easter Monday do not count and the deadline is in BST', () => {
      expect(due(two, '2027-03-25T10:00:00.000Z')).to.equal('2027-03-31T17:00:00.000Z');
    });
    it('When reported the Friday before the October 2027 change, then one working day ends Monday 18:00 GMT', () => {
      expect(due({ kind: 'working_days', days: 1 }, '2027-10-29T11:00:00.000Z')).to.equal('2027-11-01T18:00:00.000Z');
    });
    it('When reported on the last working day of 2027, then the substitute holidays and New Year are skipped', () => {
      // Fri 24 Dec 2027 → Mon 27 and Tue 28 are substitute days → Wed 29 (1), Thu 30 (2)
      expect(due(two, '2027-12-24T10:00:00.000Z')).to.equal('2027-12-30T18:00:00.000Z');
    });
  });

  describe('configurable calendar', () => {
    it('When the council works seven days with no holidays and ends at 16:00, then deadlines follow that calendar', () => {
      const cal = new WorkingCalendar({ ...defaultCalendarSpec(), dutyDays: [1, 2, 3, 4, 5, 6, 7], holidays: [], dayEnd: '16:00' });
      expect(due(ZONE, '2026-11-27T10:00:00.000Z', 2, cal)).to.equal('2026-11-28T18:00:00.000Z');
      expect(due({ kind: 'working_days', days: 1 }, '2026-12-24T10:00:00.000Z', 2, cal)).to.equal('2026-12-25T16:00:00.000Z');
    });
  });

  describe('at risk', () => {
    it('When less than a quarter of the response time remains, then it is at risk; at the deadline it is overdue', () => {
      const opened = '2026-11-24T10:00:00.000Z';
      const d = '2026-11-24T12:00:00.000Z';
      expect(atRiskFrom(opened, d, 0.25)).to.equal('2026-11-24T11:30:00.000Z');
      expect(deadlineStateAt(opened, d, new Date('2026-11-24T11:29:59.000Z'), 0.25)).to.equal('on_time');
      expect(deadlineStateAt(opened, d, new Date('2026-11-24T11:30:00.000Z'), 0.25)).to.equal('at_risk');
      expect(deadlineStateAt(opened, d, new Date('2026-11-24T12:00:00.000Z'), 0.25)).to.equal('overdue');
    });
  });

  describe('local time and data', () => {
    it('When a wall time falls in the spring-forward gap, then it lands an hour later on the clock', () => {
      expect(zonedInstant('2026-03-29', '01:30', 'Europe/London').toISOString()).to.equal('2026-03-29T01:30:00.000Z');
      expect(zonedInstant('2026-10-25', '12:00', 'Europe/London').toISOString()).to.equal('2026-10-25T12:00:00.000Z');
      expect(zonedInstant('2026-10-24', '12:00', 'Europe/London').toISOString()).to.equal('2026-10-24T11:00:00.000Z');
    });
    it('When the bank-holiday data is read, then 2026–2028 each have eight, all on weekdays', () => {
      for (const year of ['2026', '2027', '2028']) {
        const days = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(year));
        expect(days, year).to.have.length(8);
        for (const h of days) expect(isoWeekday(h.date), h.date).to.be.lessThan(6);
      }
    });
  });
});
