/**
 * The Kensington demo: staff accounts, three crews, the councillor for
 * Kensington and Fairfield, and (if DEMO_API_KEY is set) a police partner key.
 * Idempotent: rows that exist are left alone.
 */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { ApiClientService } from '../api-clients/api-client.service.js';
import type { Config } from '../config.js';
import type { Crew } from '../crews/crew.entity.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Role } from '../users/user.entity.js';
import type { UserService } from '../users/user.service.js';
import { KENSINGTON_WARD } from './reference-data.js';

export const DEMO_USERS: { email: string; name: string; role: Role; crew?: string; wards?: string[] }[] = [
  { email: 'admin@kerbside.test', name: 'Alex Admin', role: 'admin' },
  { email: 'dispatcher@kerbside.test', name: 'Dana Dispatcher', role: 'dispatcher' },
  { email: 'crew1@kerbside.test', name: 'Chris (Crew 1 lead)', role: 'crew_lead', crew: 'Crew 1 – Sharps & hazards' },
  { email: 'crew2@kerbside.test', name: 'Sam (Crew 2 lead)', role: 'crew_lead', crew: 'Crew 2 – Fly-tip van' },
  { email: 'crew3@kerbside.test', name: 'Jo (Crew 3 lead)', role: 'crew_lead', crew: 'Crew 3 – Graffiti & streets' },
  { email: 'councillor.kensington@kerbside.test', name: 'Cllr Pat Kensington', role: 'councillor', wards: [KENSINGTON_WARD] },
];

/** Depot for the demo crews: a plausible point east of the ward, not a real council depot. */
export const DEMO_DEPOT = { lat: 53.4148, lng: -2.9318 };

export function demoCrews(now: string): Crew[] {
  const shift = { days: [1, 2, 3, 4, 5, 6], start: '07:00', end: '15:00' };
  const crew = (name: string, skills: Crew['skills'], capacity: number, members: string[]): Crew => ({
    id: randomUUID(), name, depotLat: DEMO_DEPOT.lat, depotLng: DEMO_DEPOT.lng, leadUserId: null, members, skills, capacity,
    shift, exceptions: [], active: true, createdAt: now, version: 1,
  });
  return [
    crew('Crew 1 – Sharps & hazards', ['sharps', 'general'], 10, ['Chris', 'Priya']),
    crew('Crew 2 – Fly-tip van', ['fly-tip-van', 'general'], 30, ['Sam', 'Lee', 'Mo']),
    crew('Crew 3 – Graffiti & streets', ['graffiti-removal', 'general'], 12, ['Jo', 'Kat']),
  ];
}

export interface DemoSeedDeps {
  crewRows: Pick<CrewRepository, 'seedFindByName' | 'seedInsert' | 'seedSetLeadIfNone'>;
  users: Pick<UserService, 'findByEmail' | 'create'>;
  apiClients: Pick<ApiClientService, 'authenticate' | 'create'>;
  clock: Clock;
  config: Pick<Config, 'demoPassword' | 'demoApiKey'>;
}

export async function seedDemo(deps: DemoSeedDeps): Promise<{ created: string[] }> {
  const created: string[] = [];
  const now = deps.clock.now().toISOString();
  const crewIds = new Map<string, string>();
  for (const c of demoCrews(now)) {
    const existing = await deps.crewRows.seedFindByName(c.name);
    if (existing) crewIds.set(c.name, existing.id);
    else {
      await deps.crewRows.seedInsert(c);
      crewIds.set(c.name, c.id);
      created.push(`crew ${c.name}`);
    }
  }
  for (const u of DEMO_USERS) {
    let user = await deps.users.findByEmail(u.email);
    if (!user) {
      await deps.users.create({ email: u.email, name: u.name, role: u.role, password: deps.config.demoPassword, crewId: u.crew ? crewIds.get(u.crew) : null, wardCodes: u.wards });
      user = await deps.users.findByEmail(u.email);
      created.push(`user ${u.email}`);
    }
    if (u.crew && user) await deps.crewRows.seedSetLeadIfNone(crewIds.get(u.crew)!, user.id);
  }
  if (deps.config.demoApiKey && !(await deps.apiClients.authenticate(deps.config.demoApiKey))) {
    try {
      await deps.apiClients.create('Merseyside Police (demo)', deps.config.demoApiKey);
      created.push('api key Merseyside Police (demo)');
    } catch (e) {
      // The key is there but revoked: an administrator's revocation stands.
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { created };
}
