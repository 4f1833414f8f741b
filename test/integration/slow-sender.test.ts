/**
 * A client that sends its request slower than the configured timeouts must not
 * keep the socket: the real server process is started with one-second timeouts,
 * and a slow body and slow headers are each cut (408, or the socket ended).
 */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { exitOf, startServerProcess, type RunningServer } from '../support/server-process.js';
import { emptyDatabaseTarget, TEST_DB_KIND, tmpRoot } from '../support/test-env.js';

/** Sends `head`, then one byte of `trickle` every 200 ms; resolves with what the server answered once it closed the socket. */
function slowSender(url: string, head: string, trickle: string): Promise<{ answer: string; ended: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.writable) return;
      socket.write(trickle[i % trickle.length]!);
      i += 1;
    }, 200);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (b) => (answer += b.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A reset after the server gave up counts as cut too.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return;
      clearInterval(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, ended: true });
    });
  });
}

describe(`slow senders against the server process (${TEST_DB_KIND})`, function () {
  this.timeout(20_000);
  let server: RunningServer;

  before(async function () {
    this.timeout(90_000);
    const env: Record<string, string> = {
      DATA_DIR: mkdtempSync(path.join(tmpRoot, 'slow-')),
      SEED_DEMO: 'false',
      REQUEST_TIMEOUT_SECONDS: '1',
      HEADERS_TIMEOUT_SECONDS: '1',
    };
    if (TEST_DB_KIND === 'postgres') {
      const target = await emptyDatabaseTarget();
      if (target.kind === 'postgres') env.DATABASE_URL = target.url;
    }
    server = await startServerProcess(env);
  });

  after(async () => {
    server?.child.kill('SIGTERM');
    if (server) await exitOf(server.child);
  });

  it('When a request body trickles in slower than the request timeout, then the server answers 408 or closes the socket', async () => {
    const head = 'POST /api/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"description":"';
    const { answer, ended } = await slowSender(server.url, head, 'x');
    expect(ended).to.equal(true);
    if (answer) expect(answer).to.match(/^HTTP\/1\.1 408 /);
  });

  it('When request headers trickle in slower than the headers timeout, then the server answers 408 or closes the socket', async () => {
    const { answer, ended } = await slowSender(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: y\r\n');
    expect(ended).to.equal(true);
    if (answer) expect(answer).to.match(/^HTTP\/1\.1 408 /);
  });

  it('When the server is asked normally, then it still answers', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
  });
});
