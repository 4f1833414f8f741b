/**
 * Writing a file so that it survives a power cut, in one hop off the event
 * loop. The steps (write a uniquely named partial file, fsync it, rename it
 * into place, fsync the directory and any directory created for it) would be
 * ten separate thread-pool calls with fs/promises, each waiting its turn of a
 * busy event loop under load. Here a worker thread runs them with synchronous
 * calls and answers once; the durability test reads the steps and their order
 * back with strace.
 */
import { Worker } from 'node:worker_threads';

// Plain JS evaluated in the worker: no loader or build step between it and the files.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const UNSUPPORTED = new Set(['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP']);
function syncDirectory(dir) {
  // Some filesystems cannot open or fsync a directory; the file itself is already synced then.
  let fd;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    if (!UNSUPPORTED.has(e.code)) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
function write(file, data) {
  const dir = path.dirname(file);
  const firstCreated = fs.mkdirSync(dir, { recursive: true });
  const partial = file + '.' + crypto.randomUUID() + '.part';
  try {
    const fd = fs.openSync(partial, 'wx');
    try {
      let off = 0;
      while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  // The new name lives in the directory; directories made just now live in their parents.
  for (let d = dir; ; d = path.dirname(d)) {
    syncDirectory(d);
    if (!firstCreated || d === path.dirname(firstCreated) || d === path.dirname(d)) break;
  }
}
parentPort.on('message', ({ id, file, data }) => {
  try {
    write(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e.message, code: e.code } });
  }
});
`;

interface Waiting {
  resolve: () => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, Waiting>();

function failAll(error: Error): void {
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
  worker = null;
}

function writer(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true, name: 'durable-file' });
  w.on('message', (m: { id: number; error?: { message: string; code?: string } }) => {
    const entry = waiting.get(m.id);
    if (!entry) return;
    waiting.delete(m.id);
    if (waiting.size === 0) w.unref();
    if (!m.error) return entry.resolve();
    entry.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
  });
  w.on('error', (e) => failAll(e));
  w.on('exit', (code) => failAll(new Error(`durable-file worker exited (${code})`)));
  worker = w;
  return w;
}

/** Resolves once `data` is under `file` and both survive a power cut. The bytes are copied, not transferred. */
export function writeFileDurably(file: string, data: Buffer): Promise<void> {
  const w = writer();
  const id = nextId++;
  return new Promise<void>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Held open only while a write is outstanding, so an idle worker never keeps the process alive.
    w.ref();
    w.postMessage({ id, file, data });
  });
}
