import { expect } from 'chai';
import { z } from 'zod';
import { newRowId, newTimeLedToken, secureRandomBytes } from '../../server/platform/ids.js';

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

  it('When tracking tokens are made, then they are 32 base64url characters whose first six bytes are the time and the other eighteen differ', async () => {
    const before = Date.now();
    const tokens = Array.from({ length: 200 }, () => newTimeLedToken());
    await new Promise((r) => setTimeout(r, 5));
    const later = newTimeLedToken();
    const after = Date.now();
    for (const t of [...tokens, later]) {
      expect(t).to.match(/^[A-Za-z0-9_-]{32}$/);
      const ms = Buffer.from(t, 'base64url').readUIntBE(0, 6);
      expect(ms).to.be.within(before, after);
    }
    const secrets = new Set(tokens.map((t) => Buffer.from(t, 'base64url').subarray(6).toString('hex')));
    expect(secrets.size).to.equal(tokens.length);
    // Made moments apart, they share their leading characters (they sit together in the unique index).
    expect(later.slice(0, 4)).to.equal(tokens[0]!.slice(0, 4));
  });
});
