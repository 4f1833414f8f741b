import { expect } from 'chai';
import { PostcodeService } from '../../server/postcodes/postcode.service.js';
import type { PostcodeRepository } from '../../server/postcodes/postcode.repository.js';
import type { WardLocator } from '../../server/wards/ward-locator.js';

/** A made-up grid of postcodes around Kensington, Liverpool, denser in the middle as a city is. */
function points(): { display: string; lat: number; lng: number }[] {
  const out: { display: string; lat: number; lng: number }[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 3000; i++) {
    const spread = i < 2000 ? 0.01 : 0.05;
    out.push({ display: `L${i}`, lat: 53.41 + (random() - 0.5) * spread, lng: -2.95 + (random() - 0.5) * spread * 1.7 });
  }
  return out;
}

function bruteForce(all: { display: string; lat: number; lng: number }[], lat: number, lng: number): string | null {
  const k = Math.cos((lat * Math.PI) / 180);
  let best: string | null = null;
  let bestD = Infinity;
  for (const p of all) {
    // The same limit as the service: about 450 m north-south, the same east-west.
    if (Math.abs(p.lat - lat) > 0.004 || Math.abs(p.lng - lng) * k > 0.004) continue;
    const d = (p.lat - lat) ** 2 + ((p.lng - lng) * k) ** 2;
    if (d < bestD) [best, bestD] = [p.display, d];
  }
  return best;
}

describe('nearest postcode', () => {
  it('When asked for points in dense streets, sparse outskirts and beyond, then it names the same postcode a search of every postcode finds', async () => {
    const all = points();
    const service = new PostcodeService({ points: async () => all } as unknown as PostcodeRepository, {} as WardLocator);
    let seed = 11;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    let named = 0;
    for (let i = 0; i < 2000; i++) {
      const lat = 53.41 + (random() - 0.5) * 0.08;
      const lng = -2.95 + (random() - 0.5) * 0.14;
      const expected = bruteForce(all, lat, lng);
      expect(await service.nearest(lat, lng), `at ${lat}, ${lng}`).to.equal(expected);
      if (expected) named++;
    }
    // Both kinds of answer were asked for: a postcode, and none within reach.
    expect(named).to.be.within(500, 1999);
  });
});
