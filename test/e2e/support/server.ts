/**
 * The real app on a fresh database, listening on 127.0.0.1 for the browser,
 * serving the built client (test/run.mjs builds it before the browser tests).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { clientDistDir } from '../../../server/app.js';
import { testApp, type TestApp, type TestAppOptions } from '../../support/app.js';

export interface LiveApp extends TestApp {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startLiveApp(opts: TestAppOptions = {}): Promise<LiveApp> {
  if (!clientDistDir()) throw new Error('client/dist is missing: run `npm run build:client` (test/run.mjs does) before the browser tests');
  // No tile server is reachable under test; "none" draws the maps without tiles (ward outlines only).
  const t = await testApp({ ...opts, env: { MAP_TILE_URL: 'none', ...opts.env } });
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
