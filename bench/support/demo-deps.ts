/** A fresh SQLite demo (reference data, demo users and crews) under `dataDir`, for benchmarks that drive the real app. */
import { loadConfig } from '../../server/config.js';
import { buildServices, demoSeedDeps, type Services } from '../../server/composition-root.js';
import { seedDemo } from '../../server/seed/demo.js';
import { seedReferenceData } from '../../server/seed/reference-data.js';

export const BENCH_PASSWORD = 'bench-password';

export async function benchDemoDeps(dataDir: string): Promise<Services> {
  const config = loadConfig({
    ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'true',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', CRON_ENABLED: 'false', DEMO_PASSWORD: BENCH_PASSWORD,
  });
  const deps = await buildServices(config);
  await seedReferenceData(deps.db);
  await deps.wardLocator.reload();
  await seedDemo(demoSeedDeps(deps));
  return deps;
}
