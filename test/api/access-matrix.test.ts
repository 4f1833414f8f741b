/**
 * The role × route matrix, generated from server/http/access-policy.ts and
 * the route list: for every route and every kind of caller, an allowed caller
 * gets past the access check and a denied one gets 401 (not logged in) or 403
 * FORBIDDEN. Adding a route adds its allow and deny tests here.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { csrfSync } from 'csrf-sync';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { ACCESS_POLICY, type Audience } from '../../server/http/access-policy.js';
import { allRoutes } from '../../server/routes.js';
import { loadConfig } from '../../server/config.js';
import type { Services } from '../../server/composition-root.js';
import { testApp, type TestApp } from '../support/app.js';
import { testConfigEnv } from '../support/fixtures.js';
import { tmpRoot } from '../support/test-env.js';

type Caller = 'anonymous' | 'partner' | 'admin' | 'dispatcher' | 'crew_lead' | 'councillor';
const CALLERS: Caller[] = ['anonymous', 'partner', 'admin', 'dispatcher', 'crew_lead', 'councillor'];

/** Routes whose allowed call would end the caller's session or cannot be exercised with an empty body. */
const SKIP_ALLOWED = new Set(['auth.logout']);

function allowed(audience: readonly Audience[], caller: Caller): boolean {
  if (audience.includes('public')) return true;
  if (caller === 'anonymous') return false;
  return audience.includes(caller);
}

function samplePath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    if (name === 'postcode') return 'L63AE';
    if (name === 'code') return 'E05000899';
    return randomUUID();
  });
}

describe('access matrix (every route × every kind of caller)', () => {
  let t: TestApp;
  const agents = new Map<Caller, TestAgent>();
  // Route factories read only deps.config while building; handlers get the real deps at request time.
  const routes = allRoutes({ config: loadConfig(testConfigEnv(tmpRoot)) } as Services, csrfSync());

  before(async () => {
    t = await testApp();
    const { key } = await t.deps.apiClients.create('Matrix partner');
    agents.set('anonymous', supertest.agent(t.app));
    agents.set('partner', supertest.agent(t.app).set('authorization', `Bearer ${key}`) as unknown as TestAgent);
    for (const role of ['admin', 'dispatcher', 'crew_lead', 'councillor'] as const) agents.set(role, await t.as(role));
  });
  after(() => t.close());

  it('When the route list is built, then every route id has a policy entry and ids are unique', () => {
    const ids = routes.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(ACCESS_POLICY, id).to.have.property(id);
  });

  for (const route of routes) {
    const audience = ACCESS_POLICY[route.id] ?? [];
    for (const caller of CALLERS) {
      const ok = allowed(audience, caller);
      if (ok && SKIP_ALLOWED.has(route.id)) continue;
      it(`${route.method.toUpperCase()} ${route.path} (${route.id}) as ${caller} → ${ok ? 'allowed' : 'denied'}`, async () => {
        const agent = agents.get(caller)!;
        const path = samplePath(route.path);
        const req = route.method === 'get' ? agent.get(path) : agent[route.method](path).send({});
        const res = await req;
        if (ok) {
          expect(res.status, JSON.stringify(res.body)).not.to.equal(401);
          expect(res.body?.error?.code ?? '', JSON.stringify(res.body)).not.to.equal('FORBIDDEN');
          expect(res.status, JSON.stringify(res.body)).to.be.lessThan(500);
        } else {
          expect(res.status).to.equal(caller === 'anonymous' ? 401 : 403);
          expect(res.body.error.code).to.equal(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      });
    }
  }
});
