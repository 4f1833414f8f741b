/** A scratch PostgreSQL database for one benchmark run, created on the server at `serverUrl` and dropped (forcibly) afterwards. */
import pg from 'pg';
import type { DatabaseTarget } from '../../db/data-source.js';

export async function scratchPostgres(serverUrl: string, name: string): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: u.toString() }, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
