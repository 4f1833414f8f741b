// `npm start` runs this first: build the server (tsc) and the client (vite)
// when their output is missing or older than the sources, so a fresh clone's
// `npm install && npm start` just works and a rebuilt checkout never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir, exts) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const serverSrc = Math.max(newest('server', ['.ts']), newest('db', ['.ts']), newest('reports', ['.ts']), mtime('tsconfig.json'));
if (mtime('dist/server/main.js') < serverSrc) {
  console.log('Building the server (tsc)…');
  run('npx', ['tsc', '-p', 'tsconfig.json']);
}
if (existsSync('client/vite.config.ts')) {
  const clientSrc = Math.max(newest('client', ['.ts', '.tsx', '.css', '.html', '.svg', '.json']));
  if (mtime('client/dist/index.html') < clientSrc) {
    console.log('Building the web client (vite)…');
    run('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn']);
  }
}
