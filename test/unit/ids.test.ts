import { expect } from 'chai';
import { z } from 'zod';
import { newRowId } from '../../server/platform/ids.js';

describe('row ids', () => {
  it('When ids are made one after another, then they sort in the order they were made, are distinct and pass as UUIDs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(newRowId());
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 2));
    }
    // Within one millisecond the order is random; across milliseconds it follows time, which is what keeps index inserts at the end.
    const firsts = ids.filter((_, i) => i % 10 === 0);
    expect([...firsts].sort()).to.deep.equal(firsts);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(z.string().uuid().safeParse(id).success, id).to.equal(true);
    expect(ids[0][14]).to.equal('7');
  });
});
