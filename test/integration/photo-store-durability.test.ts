/**
 * A photo whose upload was answered 2xx must survive a power cut, like its
 * database row: the store fsyncs the file before renaming it into place and
 * then fsyncs the directory holding the new name (and any directory it had
 * to create). Checked on the real system calls with strace, where it can run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { tmpRoot } from '../support/test-env.js';

const SHA = 'ab'.padEnd(64, '0');

/** fsync and rename calls touching `root`, in order, with file descriptors shown as their paths (-y). */
function traceOfPut(root: string): string[] | null {
  const probe = spawnSync('strace', ['-o', '/dev/null', 'true']);
  if (probe.error || probe.status !== 0) return null;
  const run = spawnSync('strace', ['-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync,/^rename', process.execPath, '--import', 'tsx', 'test/integration/photo-store-put-child.ts', root, SHA], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`child failed (${run.status}):\n${run.stderr}`);
  return run.stderr.split('\n').filter((line) => line.includes(root) && /(fsync|fdatasync|rename\w*)\(/.test(line) && / = 0$/.test(line));
}

describe('photo store durability', function () {
  this.timeout(60_000);

  it('When a photo is stored, then its file is fsynced before the rename into place, and its directories after', function () {
    const root = path.join(tmpRoot, 'durable-photos', 'photos');
    const calls = traceOfPut(root);
    if (!calls) return this.skip(); // no strace (or no ptrace) on this machine
    const fanOut = path.join(root, 'ab');
    const final = path.join(fanOut, `${SHA}.full.jpg`);
    expect(existsSync(final)).to.equal(true);

    const index = (what: RegExp) => calls.findIndex((line) => what.test(line));
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const fileSynced = index(new RegExp(`^(\\[pid +\\d+\\] )?f(data)?sync\\(\\d+<${esc(fanOut)}/${SHA}\\.full\\.jpg\\.[^>]*\\.part>\\)`));
    const renamed = index(new RegExp(`rename\\w*\\(.*\\.part", .*"${esc(final)}"`));
    const dirSynced = index(new RegExp(`f(data)?sync\\(\\d+<${esc(fanOut)}>\\)`));
    const rootSynced = index(new RegExp(`f(data)?sync\\(\\d+<${esc(root)}>\\)`));
    expect(fileSynced, calls.join('\n')).to.be.at.least(0);
    expect(renamed, calls.join('\n')).to.be.greaterThan(fileSynced);
    expect(dirSynced, calls.join('\n')).to.be.greaterThan(renamed);
    // The fan-out directory was new, so the entry naming it in the root must reach the disk too.
    expect(rootSynced, calls.join('\n')).to.be.greaterThan(renamed);
  });
});
