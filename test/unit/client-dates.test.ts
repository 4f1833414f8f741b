import { expect } from 'chai';
import { formatDateTime } from '../../client/src/dates.js';

describe('client dates', () => {
  it('When a date is not in this year, then it shows the year; this year’s dates do not need one', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(formatDateTime('2024-10-03T09:15:00Z', now)).to.equal('Thu 3 Oct 2024, 10:15');
    expect(formatDateTime('2026-06-12T11:00:00Z', now)).to.equal('Fri 12 Jun, 12:00');
  });
});
