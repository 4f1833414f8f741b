/** ISO report weeks in Europe/London: boundaries, clock changes and year ends. */
import { expect } from 'chai';
import { isWeekLabel, previousWeek, reportWeek, shiftWeek, weekContaining } from '../../reports/weekly/week.js';

const TZ = 'Europe/London';
const hours = (w: { start: string; end: string }) => (Date.parse(w.end) - Date.parse(w.start)) / 3_600_000;

describe('weekly report weeks', () => {
  it('When a summer week is asked for, then it starts at 23:00 UTC on the Sunday (midnight BST)', () => {
    expect(reportWeek('2026-W27', TZ)).to.include({ start: '2026-06-28T23:00:00.000Z', end: '2026-07-05T23:00:00.000Z', firstDay: '2026-06-29', lastDay: '2026-07-05' });
  });

  it('When the clocks go forward or back inside a week, then that week is 167 or 169 hours long', () => {
    expect(hours(reportWeek('2026-W13', TZ))).to.equal(167);
    expect(hours(reportWeek('2026-W43', TZ))).to.equal(169);
    expect(hours(reportWeek('2026-W48', TZ))).to.equal(168);
  });

  it('When a year has 53 ISO weeks, then W53 exists and runs into January; otherwise it is refused', () => {
    expect(reportWeek('2026-W53', TZ)).to.include({ firstDay: '2026-12-28', lastDay: '2027-01-03' });
    expect(isWeekLabel('2026-W53')).to.equal(true);
    expect(isWeekLabel('2027-W53')).to.equal(false);
    expect(isWeekLabel('2026-W00')).to.equal(false);
    expect(isWeekLabel('2026-48')).to.equal(false);
    expect(() => reportWeek('2027-W53', TZ)).to.throw(RangeError);
  });

  it('When an instant is just before or after local midnight, then it belongs to the local calendar week', () => {
    // Sunday 23:30 BST is 22:30 UTC: still the old week. Monday 00:30 BST is Sunday 23:30 UTC: the new one.
    expect(weekContaining('2026-06-28T22:30:00.000Z', TZ).label).to.equal('2026-W26');
    expect(weekContaining('2026-06-28T23:30:00.000Z', TZ).label).to.equal('2026-W27');
    expect(weekContaining('2027-01-01T12:00:00.000Z', TZ).label).to.equal('2026-W53');
  });

  it('When Monday morning comes, then the report covers the week before, also across a year end', () => {
    expect(previousWeek('2026-11-30T07:00:00.000Z', TZ).label).to.equal('2026-W48');
    expect(previousWeek('2027-01-04T07:00:00.000Z', TZ).label).to.equal('2026-W53');
    expect(shiftWeek('2026-W02', -3, TZ).label).to.equal('2025-W51');
    expect(shiftWeek('2026-W52', 2, TZ).label).to.equal('2027-W01');
  });
});
