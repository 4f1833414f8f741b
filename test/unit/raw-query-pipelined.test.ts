/**
 * A pipelined transaction's order of sending (db/raw-query.ts), against a fake node-postgres client that
 * records what is sent and answers when told: what may go before BEGIN has answered, what must wait for
 * it, and COMMIT travelling with the last write.
 */
import { expect } from 'chai';
import type { EntityManager, QueryRunner } from 'typeorm';
import { beginPipelined, committedWithLastWrite, rawQuery } from '../../db/raw-query.js';

/** A client whose every statement waits until `answer(text)` or `fail(text)`; `sent` lists what went out, in order. */
function fakeClient() {
  const sent: string[] = [];
  const waiting = new Map<string, { resolve: (r: { rows: unknown[] }) => void; reject: (e: Error) => void }>();
  return {
    sent,
    query(q: { text: string }) {
      sent.push(q.text);
      return new Promise<{ rows: unknown[] }>((resolve, reject) => waiting.set(q.text, { resolve, reject }));
    },
    answer(text: string, rows: unknown[] = []) {
      waiting.get(text)!.resolve({ rows });
    },
    fail(text: string, message: string) {
      waiting.get(text)!.reject(new Error(message));
    },
  };
}

function transactionOn(client: ReturnType<typeof fakeClient>): { em: EntityManager; runner: QueryRunner } {
  const runner = { databaseConnection: client, isReleased: false } as unknown as QueryRunner;
  const em = { connection: { options: { type: 'postgres' } }, queryRunner: runner } as unknown as EntityManager;
  return { em, runner };
}

const tick = () => new Promise((r) => setImmediate(r));

/** A pipelined transaction whose BEGIN has answered and whose last write, carrying the commit, has been sent. */
async function lastWriteSent() {
  const client = fakeClient();
  const { em, runner } = transactionOn(client);
  void beginPipelined(runner, 'BEGIN; SELECT lock');
  client.answer('BEGIN; SELECT lock');
  const write = rawQuery(em, 'WITH rows', [1], { commit: true });
  await tick();
  return { client, runner, write };
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('pipelined transactions (raw-query)', () => {
  it('When BEGIN has not answered, then pipelined reads are sent behind it at once and a write waits; when BEGIN fails, the write is never sent and fails with its error', async () => {
    const client = fakeClient();
    const { em, runner } = transactionOn(client);
    void beginPipelined(runner, 'BEGIN; SELECT lock');
    const read = rawQuery(em, 'SELECT boxes', [1], { pipelined: true });
    const write = rawQuery(em, 'INSERT rows', [2]);
    await tick();
    expect(client.sent).to.deep.equal(['BEGIN; SELECT lock', 'SELECT boxes']);

    client.fail('BEGIN; SELECT lock', 'canceling statement due to user request');
    client.fail('SELECT boxes', 'current transaction is aborted');
    expect((await rejection(write)).message).to.match(/canceling statement/);
    expect((await rejection(read)).message).to.match(/transaction is aborted/);
    expect(client.sent, 'the write never left').to.deep.equal(['BEGIN; SELECT lock', 'SELECT boxes']);
    expect(committedWithLastWrite(runner)).to.equal(false);
  });

  it('When the last write carries the commit, then COMMIT is sent right behind it before either answers, and the transaction counts as committed only once both have', async () => {
    const { client, runner, write } = await lastWriteSent();
    expect(client.sent).to.deep.equal(['BEGIN; SELECT lock', 'WITH rows', 'COMMIT']);
    expect(committedWithLastWrite(runner)).to.equal(false);
    client.answer('WITH rows', [{ id: 1 }]);
    client.answer('COMMIT');
    expect(await write).to.deep.equal([{ id: 1 }]);
    expect(committedWithLastWrite(runner)).to.equal(true);
  });

  it('When the write that carries the commit fails, then the caller gets its error and the transaction does not count as committed (PostgreSQL answered that COMMIT with a rollback)', async () => {
    const { client, runner, write } = await lastWriteSent();
    client.fail('WITH rows', 'duplicate key value violates unique constraint');
    client.answer('COMMIT');
    expect((await rejection(write)).message).to.match(/duplicate key/);
    expect(committedWithLastWrite(runner)).to.equal(false);
  });

  it('When no pipelined transaction is open, then `commit` sends no COMMIT (the transaction commits as it always does)', async () => {
    const client = fakeClient();
    const { em } = transactionOn(client);
    const write = rawQuery(em, 'INSERT rows', [1], { commit: true });
    await tick();
    client.answer('INSERT rows');
    await write;
    expect(client.sent).to.deep.equal(['INSERT rows']);
  });
});
