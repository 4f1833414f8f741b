/**
 * `npm start`: parse config, open and migrate the database, seed reference
 * data (and the demo unless SEED_DEMO=false), listen, start the scheduler,
 * and shut down gracefully on SIGTERM/SIGINT.
 */
import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { httpServerOptions } from './http/server-timeouts.js';
import { ConfigError, loadConfig } from './config.js';
import { buildServices, demoSeedDeps, historySeedDeps, inspectionSeedDeps } from './composition-root.js';
import { startBackground } from './background.js';
import { seedDemo, DEMO_USERS } from './seed/demo.js';
import { seedReferenceData } from './seed/reference-data.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const started = Date.now();
  const deps = await buildServices(config);
  const { logger } = deps;
  logger.info({ database: config.database.kind }, 'database migrated');

  // One instance at a time seeds (a PostgreSQL advisory lock): instances started together on an empty
  // database seed it once; the others wait, then find the rows there and skip.
  await deps.db.exclusively('kerbside:seed', async () => {
    const ref = await seedReferenceData(deps.db);
    if (ref.wards || ref.postcodes || ref.categories) logger.info(ref, 'reference data loaded');
    await deps.wardLocator.reload();
    if (config.seedDemo) {
      const demo = demoSeedDeps(deps);
      await seedDemo(demo);
      const { seedCoverCrews, startLivingDemo } = await import('./seed/living-demo.js');
      const crewRows = demo.crewRows;
      // Cover crews first, so the history's jobs were done by whoever was on shift.
      await seedCoverCrews({ crewRows, clock: deps.clock });
      await (await import('./seed/history.js')).seedHistory(historySeedDeps(deps));
      await (await import('./seed/inspections.js')).seedInspections(inspectionSeedDeps(deps));
      await startLivingDemo({ crewRows, crews: deps.crews, onCall: deps.onCall, planner: deps.planner, clock: deps.clock, logger });
    }
  });

  deps.db.startBackgroundCheckpoints();
  const app = createApp(deps);
  const server: Server = createServer(httpServerOptions(config.http), app).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const stopBackground = await startBackground(deps);
  // Report photos acknowledged before a crash or restart but not rendered yet.
  const pendingPhotos = await deps.photos.resumePending();
  if (pendingPhotos) logger.info({ photos: pendingPhotos }, 'rendering report photos left from before the restart');

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, ms: Date.now() - started, mail: deps.mailer.description }, 'Kerbside is listening');
  if (config.seedDemo) {
    const lines = [
      '',
      `  Kerbside demo is running at ${url}`,
      `  Mail goes to: ${deps.mailer.description}`,
      `  Demo logins (password: ${config.demoPassword}):`,
      ...DEMO_USERS.map((u) => `    ${u.role.padEnd(11)} ${u.email}`),
      `    ${'inspector'.padEnd(11)} inspector@kerbside.test (surveys on the crew tablet)`,
      `  API docs: ${url}/api/docs`,
      '',
    ];
    console.log(lines.join('\n'));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Draining: /readyz turns 503 and every answer closes its connection, while this instance still
    // serves what reaches it, for as long as the balancer needs to notice (SHUTDOWN_DRAIN_SECONDS).
    deps.lifecycle.draining = true;
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down: draining, then finishing in-flight requests');
    await stopBackground();
    if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
    server.close(async () => {
      await deps.photos.stopRendering();
      // Escalations of the last reports: their emails and history entries, before the database closes.
      await deps.onCall.settled();
      await deps.events.close();
      await deps.db.close();
      logger.info('stopped');
      process.exit(0);
    });
    // Live streams end now (browsers reconnect through the balancer with Last-Event-ID); they would hold close() open forever.
    deps.events.endStreams();
    server.closeIdleConnections?.();
    setTimeout(() => server.closeAllConnections?.(), 5_000).unref();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
