/**
 * IndexedDB on the tablet: the outbox (actions + photo Blobs, keyed by their
 * Idempotency-Key) and a small key-value area for what the app needs to open
 * with no signal (the crew lead, today's route, the CSRF token). Survives tab
 * closes and reboots; the browser is asked to keep it (persistent storage).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem, OutboxStore } from './queue.ts';

interface CrewDb extends DBSchema {
  outbox: { key: string; value: OutboxItem };
  kv: { key: string; value: unknown };
}

const DB_NAME = 'kerbside-crew';

let dbPromise: Promise<IDBPDatabase<CrewDb>> | null = null;

function db(): Promise<IDBPDatabase<CrewDb>> {
  dbPromise ??= openDB<CrewDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'id' });
      d.createObjectStore('kv');
    },
  });
  return dbPromise;
}

export const idbOutboxStore: OutboxStore = {
  async all() {
    return (await db()).getAll('outbox');
  },
  async put(item) {
    await (await db()).put('outbox', item);
  },
  async delete(id) {
    await (await db()).delete('outbox', id);
  },
};

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('kv', key)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await db()).put('kv', value, key);
}

export async function kvDelete(key: string): Promise<void> {
  await (await db()).delete('kv', key);
}

/** Ask the browser not to evict the queue under storage pressure (best effort; installed PWAs usually get it). */
export async function askForPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Not supported: IndexedDB is still kept unless the device runs out of space.
  }
}
