/**
 * Writes and reads that wait a little for company (`gatherMs`): what arrives within the wait shares one
 * batch, what arrives while a batch is being written starts the next wait. A fake database records the
 * batches; the waits are real timers, long enough that turns of the event loop between arrivals fit in them.
 */
import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import { GroupedReads } from '../../server/on-call/grouped-reads.js';
import { GroupCommit } from '../../server/platform/group-commit.js';

const EM = {} as EntityManager;
const GATHER_MS = 1000; // long enough that a stalled turn of a loaded machine still falls inside it
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('gathered writes and reads (gatherMs)', () => {
  it('When writes arrive over several turns of the event loop within the wait, then they share one batch, and one arriving while it is written waits for the next', async () => {
    const batches: string[][] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    const commits = new GroupCommit<string, string>(
      {
        transactionSyncedOffLoop: () => Promise.reject(new Error('one statement, no transaction')),
        statementSyncedOffLoop: async (work) => ({ value: await work(EM), durable: Promise.resolve() }),
      },
      async (_em, inputs) => {
        batches.push([...inputs]);
        if (batches.length === 1) await firstHeld;
        return inputs.map((i) => `wrote ${i}`);
      },
      { oneStatement: true, gatherMs: GATHER_MS },
    );
    const first = [commits.run('a')];
    await turns(3);
    first.push(commits.run('b'));
    await turns(3);
    first.push(commits.run('c'));
    expect(batches, 'nothing written before the wait is over').to.deep.equal([]);
    while (batches.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(batches).to.deep.equal([['a', 'b', 'c']]);

    const later = commits.run('d');
    releaseFirst();
    expect(await Promise.all(first)).to.deep.equal(['wrote a', 'wrote b', 'wrote c']);
    expect(await later).to.equal('wrote d');
    expect(batches).to.deep.equal([['a', 'b', 'c'], ['d']]);
    expect(commits.stats).to.include({ batches: 2, items: 4 });
  });

  it('When ids are asked for over several turns within the wait, then one read answers them all, an id asked twice is read once', async () => {
    const reads: string[][] = [];
    const rows = new GroupedReads<string>(async (ids) => {
      reads.push([...ids]);
      return new Map(ids.filter((id) => id !== 'missing').map((id) => [id, `row ${id}`]));
    }, GATHER_MS);
    const asked = [rows.read('x')];
    await turns(3);
    asked.push(rows.read('y'), rows.read('x'));
    await turns(3);
    asked.push(rows.read('missing'));
    expect(await Promise.all(asked)).to.deep.equal(['row x', 'row y', 'row x', null]);
    expect(reads).to.deep.equal([['x', 'y', 'missing']]);
    expect(rows.stats).to.deep.equal({ reads: 1, ids: 3 });
  });
});
