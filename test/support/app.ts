/**
 * A real app on a fresh real database for one suite: `const t = await testApp()`
 * then `await t.as('dispatcher')` for a logged-in supertest agent that sends
 * the CSRF token on writes.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildServices, type Services } from '../../server/composition-root.js';
import type { Mailer, MailMessage } from '../../server/mail/mailer.js';
import { FixedClock } from '../../server/platform/clock.js';
import { openAppDatabase } from '../../server/entities.js';
import { DEMO_USERS } from '../../server/seed/demo.js';
import type { Role } from '../../server/users/user.entity.js';
import { quietLogger, testConfigEnv, TEST_PASSWORD, TEST_START } from './fixtures.js';
import { freshDatabaseTarget, tmpRoot } from './test-env.js';

/** Keeps sent mail in memory. For the real SMTP conversation use test/support/smtp.ts. */
export class MemoryMailer implements Mailer {
  readonly description = 'memory';
  readonly sent: MailMessage[] = [];
  async send(m: MailMessage) {
    this.sent.push(m);
    return { messageId: `<${this.sent.length}@test>` };
  }
}

export interface TestApp {
  app: Express;
  deps: Services;
  clock: FixedClock;
  mailer: Mailer;
  dataDir: string;
  /** A supertest agent logged in as the demo user with that role (crew_lead: crew1). */
  as(role: Role | string): Promise<TestAgent>;
  anon(): TestAgent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  mailer?: Mailer;
  now?: string;
}

export async function testApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpRoot, 'data-'));
  const config = loadConfig(testConfigEnv(dataDir, opts.env));
  const db = await openAppDatabase(await freshDatabaseTarget());
  const clock = new FixedClock(new Date(opts.now ?? TEST_START));
  const mailer = opts.mailer ?? new MemoryMailer();
  const deps = await buildServices(config, { db, clock, logger: quietLogger, mailer });
  const app = createApp(deps);
  return {
    app,
    deps,
    clock,
    mailer,
    dataDir,
    anon: () => supertest.agent(app),
    async as(roleOrEmail) {
      const email = roleOrEmail.includes('@') ? roleOrEmail : DEMO_USERS.find((u) => u.role === roleOrEmail)!.email;
      return login(app, email, TEST_PASSWORD);
    },
    close: async () => {
      await deps.photos.stopRendering();
      await db.close();
    },
  };
}

/** Logs in and returns an agent that adds x-csrf-token to every unsafe request. */
export async function login(app: Express, email: string, password: string): Promise<TestAgent> {
  const agent = supertest.agent(app);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.csrfToken as string;
  agent.set('x-csrf-token', token);
  return agent;
}
