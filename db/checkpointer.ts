/**
 * WAL checkpoints on a second SQLite connection in a worker thread.
 *
 * SQLite folds the WAL back into the database file every 1000 pages, inside
 * the COMMIT of whichever write happens to cross the mark, on our one
 * better-sqlite3 connection, which is the event loop: under a burst of
 * reports that was 7–8 ms of standing still every few dozen commits, and the
 * slowest answers. A PASSIVE checkpoint from another connection runs
 * alongside readers and the writer (that is what WAL mode is for) and syncs
 * the WAL before and the database after copying, as an automatic one does.
 * The main connection keeps a far larger automatic limit as a safety net in
 * case this worker stops.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000 });
db.pragma('synchronous = FULL');
let timer = null;
let stopping = false;
function tick() {
  if (stopping) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    // SQLITE_BUSY and the like: the next tick tries again.
  }
  timer = setTimeout(tick, workerData.intervalMs);
}
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
tick();
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 200): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'sqlite-checkpoint', workerData: { file, driver, intervalMs } });
  worker.unref();
  let stopped: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  worker.on('message', (m: { stopped?: boolean }) => {
    if (m.stopped) stopped();
  });
  worker.on('error', () => stopped());
  worker.on('exit', () => stopped());
  return {
    async stop() {
      worker.postMessage('stop');
      await done;
      await worker.terminate();
    },
  };
}
