import { expect } from 'chai';
import { z } from 'zod';
import { newRowId, secureRandomBytes } from '../../server/platform/ids.js';

describe('row ids', () => {
  it('When ids are made one after another, within and across milliseconds, then they sort in the order they were made, are distinct and pass as UUIDv7', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      ids.push(newRowId());
      if (i % 1000 === 999) await new Promise((r) => setTimeout(r, 2));
    }
    // Thousands fall in one millisecond here: the counter must keep even those in order.
    expect([...ids].sort()).to.deep.equal(ids);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids.slice(0, 200)) expect(z.uuid({ version: 'v7' }).safeParse(id).success, id).to.equal(true);
    const ms = Number.parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).to.be.below(5_000);
  });

  it('When random bytes are drawn across pool refills, then no two draws repeat and each has the length asked for', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const b = secureRandomBytes(24);
      expect(b.length).to.equal(24);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).to.equal(1000);
    expect(secureRandomBytes(10_000).length).to.equal(10_000);
  });
});
