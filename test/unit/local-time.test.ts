import { expect } from 'chai';
import { localParts, offsetMs } from '../../server/sla/local-time.js';

/** What Intl says, with no caching: the reference the cached offsets must match. */
function intlOffset(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant.getTime() / 1000) * 1000;
}

describe('local time: zone offsets cached per quarter-hour', () => {
  for (const zone of ['Europe/London', 'Australia/Adelaide', 'America/St_Johns', 'Asia/Kathmandu']) {
    it(`When every 47 min 11 s of 2026 is checked in ${zone}, then the offset always equals Intl's`, () => {
      const start = Date.parse('2026-01-01T00:00:00Z');
      const end = Date.parse('2027-01-01T00:00:00Z');
      let mismatches = 0;
      for (let t = start; t < end; t += 2_831_000) {
        const d = new Date(t);
        if (offsetMs(d, zone) !== intlOffset(d, zone)) mismatches++;
      }
      expect(mismatches).to.equal(0);
    });
  }

  it('When the clocks go forward in London (29 March 2026, 01:00 UTC), then the minute either side reads 00:59 GMT and 02:00 BST', () => {
    expect(localParts(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).to.deep.equal({ date: '2026-03-29', minutes: 59, isoWeekday: 7 });
    expect(localParts(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).to.deep.equal({ date: '2026-03-29', minutes: 120, isoWeekday: 7 });
  });
});
