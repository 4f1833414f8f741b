#!/usr/bin/env node
// `npm test`: type-check and dependency check, then unit + integration + api tiers on the database
// TEST_DATABASE_URL names (SQLite when unset), then the browser tests when
// Chromium is installed (skipped, saying so, when it is not). Ends with one
// line "N passed, N failed, N skipped" over everything that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const e2eOnly = args.has('--e2e-only');
const totals = { passed: 0, failed: 0, skipped: 0 };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kb-run-'));
let exitCode = 0;

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function mocha(label, specs, env = {}) {
  const summary = path.join(tmp, `${label}.json`);
  const status = run('npx', ['mocha', ...specs], { ...env, KB_SUMMARY_FILE: summary, TZ: 'UTC' });
  if (existsSync(summary)) {
    const c = JSON.parse(readFileSync(summary, 'utf8'));
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    console.log(`[${label}] ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  } else {
    totals.failed += 1; // mocha died before reporting
    console.log(`[${label}] mocha exited ${status} without a summary`);
  }
  if (status !== 0) exitCode = 1;
}

const dbLabel = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

if (!e2eOnly) {
  // The server's and the client's type-checks (vite build does not type-check).
  for (const project of ['tsconfig.json', 'client/tsconfig.json']) {
    console.log(`> type-check ${project} (tsc --noEmit)`);
    if (run('npx', ['tsc', '-p', project, '--noEmit']) !== 0) {
      console.log(`type-check of ${project} failed`);
      totals.failed += 1;
      exitCode = 1;
    }
  }
  // The import rules (.dependency-cruiser.cjs): no cycles, no layer importing one above it.
  console.log('> dependency check (npm run depcheck)');
  if (run('node', ['test/dependency-check.mjs']) !== 0) {
    console.log('dependency check failed');
    totals.failed += 1;
    exitCode = 1;
  } else {
    totals.passed += 1;
  }
  console.log(`> unit, integration and api tests on ${dbLabel}`);
  mocha(dbLabel, ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/api/**/*.test.ts']);
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasE2e = existsSync('test/e2e') && readdirSafe('test/e2e').some((f) => f.endsWith('.test.ts'));
if (args.has('--no-e2e') || process.env.KB_SKIP_E2E === '1') {
  console.log('> browser tests not run in this pass (--no-e2e / KB_SKIP_E2E=1)');
} else if (!hasE2e) {
  console.log('> no browser tests yet');
} else if (!existsSync(chromium)) {
  console.log(`> SKIPPED browser tests: Chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
} else {
  console.log('> building the client for the browser tests');
  if (run('npm', ['run', 'build:client', '--silent']) !== 0) {
    totals.failed += 1;
    exitCode = 1;
  } else {
    mocha('e2e', ['--timeout', '120000', 'test/e2e/**/*.test.ts'], { CHROMIUM_PATH: chromium });
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);

function readdirSafe(dir) {
  try {
    return spawnSync('ls', [dir]).stdout.toString().split('\n');
  } catch {
    return [];
  }
}
