/** Root hooks: TZ=UTC so nothing passes by accident of the machine's zone; one seeded template database per run. */
process.env.TZ = 'UTC';
import { loadConfig } from '../../server/config.js';
import { buildServices, demoSeedDeps } from '../../server/composition-root.js';
import { seedDemo } from '../../server/seed/demo.js';
import { seedReferenceData } from '../../server/seed/reference-data.js';
import { FixedClock } from '../../server/platform/clock.js';
import { quietLogger, testConfigEnv, TEST_START } from './fixtures.js';
import { buildTemplate, cleanupTestDatabases, tmpRoot } from './test-env.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await buildTemplate(async (db) => {
      await seedReferenceData(db);
      const config = loadConfig(testConfigEnv(tmpRoot));
      const deps = await buildServices(config, { db, clock: new FixedClock(new Date(TEST_START)), logger: quietLogger });
      await seedDemo(demoSeedDeps(deps));
    });
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(300_000);
    await cleanupTestDatabases();
  },
};
