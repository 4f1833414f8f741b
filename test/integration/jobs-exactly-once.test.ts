import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { openAppDatabase } from '../../server/entities.js';
import { JobRunEntity } from '../../server/jobs/job-run.entity.js';
import { freshDatabaseTarget, TEST_DB_KIND } from '../support/test-env.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function runChild(target: unknown, startAt: number, slots: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'jobs-claim-child.ts'), JSON.stringify(target), String(startAt), String(slots)], {
      cwd: path.resolve(here, '../..'),
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

describe(`jobs: exactly once across two processes on one ${TEST_DB_KIND} database`, function () {
  this.timeout(120_000);

  it('When two server processes race for the same 40 slots and the same cron minute, then every slot runs exactly once', async () => {
    const target = await freshDatabaseTarget();
    const startAt = Date.now() + 6000; // both children are up (tsx start-up) before the race begins
    const [a, b] = await Promise.all([runChild(target, startAt, 40), runChild(target, startAt, 40)]);
    const all = [...a, ...b];
    const probe = all.filter((r) => r.startsWith('probe@'));
    expect(probe).to.have.length(40);
    expect(new Set(probe).size).to.equal(40);
    const cron = all.filter((r) => r.startsWith('probe-cron@'));
    // 2.5 s of an every-second task: one or two scheduled minutes, each run by one process only.
    expect(cron.length).to.be.within(1, 2);
    expect(new Set(cron).size).to.equal(cron.length);

    const db = await openAppDatabase(target, { migrate: false });
    try {
      const rows = await db.manager.getRepository(JobRunEntity).findBy({ jobName: 'probe' });
      expect(rows).to.have.length(40);
      expect(rows.every((r) => r.status === 'succeeded')).to.equal(true);
    } finally {
      await db.close();
    }
  });
});
