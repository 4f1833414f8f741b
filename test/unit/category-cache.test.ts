import { expect } from 'chai';
import type { Category } from '../../server/categories/category.entity.js';
import type { CategoryRepository } from '../../server/categories/category.repository.js';
import { CategoryService } from '../../server/categories/category.service.js';
import type { CacheChannel } from '../../server/platform/event-bus.js';

/** A channel that lets the test play the part of another instance announcing a change. */
function channel(): CacheChannel & { fromOtherInstance: (topic: string) => void } {
  const listeners = new Map<string, (() => void)[]>();
  return {
    announce: () => undefined,
    onAnnounced: (topic, listener) => {
      listeners.set(topic, [...(listeners.get(topic) ?? []), listener]);
      return () => undefined;
    },
    fromOtherInstance: (topic) => listeners.get(topic)?.forEach((l) => l()),
  };
}

describe('the categories read for hot paths', () => {
  it('When another instance changes the categories while a read is under way, then that read is not reused: the next one reads again', async () => {
    let name = 'Litter';
    let reads = 0;
    let release: (() => void) | null = null;
    const repo = {
      listCategories: async () => {
        reads++;
        const seen = name;
        if (reads === 1) await new Promise<void>((r) => (release = r));
        return [{ code: 'litter', name: seen } as Category];
      },
    } as unknown as CategoryRepository;
    const cache = channel();
    const service = new CategoryService(repo, { transaction: async () => undefined as never, lock: async () => undefined }, cache);

    const first = service.findCached('litter');
    await new Promise((r) => setImmediate(r));
    // The rename commits elsewhere after the read began.
    name = 'Litter and cans';
    cache.fromOtherInstance('categories');
    release!();
    expect((await first)?.name, 'the read that began before the change').to.equal('Litter');

    expect((await service.findCached('litter'))?.name).to.equal('Litter and cans');
    expect(reads).to.equal(2);
    // Then it is kept.
    await service.findCached('litter');
    expect(reads).to.equal(2);
  });
});
