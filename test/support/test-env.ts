/**
 * Which database the integration and API tiers run against: SQLite files by
 * default, PostgreSQL when TEST_DATABASE_URL is set. Each test file (or test)
 * gets a fresh database copied from a template that is migrated and seeded
 * once per run (Ghost's approach), so tests never share mutable rows.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database, DatabaseTarget } from '../../db/data-source.js';
import { openAppDatabase } from '../../server/entities.js';

export const TEST_DB_KIND: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
export const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'kerbside-test-'));

let templateTarget: DatabaseTarget | null = null;
let counter = 0;
const createdPgDatabases: string[] = [];

function pgUrlFor(database: string): string {
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Called once per run by the root hook: migrate + seed a template. */
export async function buildTemplate(seed: (db: Database) => Promise<void>): Promise<void> {
  if (TEST_DB_KIND === 'sqlite') {
    const file = path.join(tmpRoot, 'template.sqlite');
    const db = await openAppDatabase({ kind: 'sqlite', file });
    await seed(db);
    // Fold the WAL back into the main file so a plain file copy is complete.
    await db.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.close();
    templateTarget = { kind: 'sqlite', file };
  } else {
    const name = `kb_tpl_${runId}`;
    await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    createdPgDatabases.push(name);
    const db = await openAppDatabase({ kind: 'postgres', url: pgUrlFor(name) });
    await seed(db);
    await db.close();
    templateTarget = { kind: 'postgres', url: pgUrlFor(name) };
  }
}

/** A fresh, migrated, seeded database target for one suite. */
export async function freshDatabaseTarget(): Promise<DatabaseTarget> {
  if (!templateTarget) throw new Error('template not built (root hook missing?)');
  counter += 1;
  if (templateTarget.kind === 'sqlite') {
    const dir = path.join(tmpRoot, `db${counter}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'kerbside.sqlite');
    copyFileSync(templateTarget.file, file);
    return { kind: 'sqlite', file };
  }
  const name = `kb_t${counter}_${runId}`;
  const tpl = new URL(templateTarget.url).pathname.slice(1);
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`));
  createdPgDatabases.push(name);
  return { kind: 'postgres', url: pgUrlFor(name) };
}

/** An empty database target (no migrations run): for the migration tests. */
export async function emptyDatabaseTarget(): Promise<DatabaseTarget> {
  counter += 1;
  if (TEST_DB_KIND === 'sqlite') return { kind: 'sqlite', file: path.join(tmpRoot, `empty${counter}`, 'kerbside.sqlite') };
  const name = `kb_e${counter}_${runId}`;
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  createdPgDatabases.push(name);
  return { kind: 'postgres', url: pgUrlFor(name) };
}

export async function cleanupTestDatabases(): Promise<void> {
  if (TEST_DB_KIND === 'postgres' && createdPgDatabases.length) {
    // Suites' databases first, the template last; a few at a time so a busy machine is not flooded.
    const names = createdPgDatabases.reverse();
    const template = names.filter((n) => n.startsWith('kb_tpl_'));
    const rest = names.filter((n) => !n.startsWith('kb_tpl_'));
    const drop = (name: string) => pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
    for (let i = 0; i < rest.length; i += 4) await Promise.all(rest.slice(i, i + 4).map(drop));
    for (const name of template) await drop(name);
  }
  rmSync(tmpRoot, { recursive: true, force: true });
}
