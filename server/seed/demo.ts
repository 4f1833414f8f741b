/**
 * The Kensington demo: staff accounts, three crews, the councillor for
 * Kensington and Fairfield, and (if DEMO_API_KEY is set) a police partner key.
 * Idempotent: rows that exist are left alone.
 */
import { randomUUID } from 'node:crypto';
import type { Services } from '../composition-root.js';
import { CrewEntity, type Crew } from '../crews/crew.entity.js';
import { ApiClientEntity } from '../api-clients/api-client.entity.js';
import { hashApiKey } from '../api-clients/api-client.service.js';
import { UserEntity, type Role } from '../users/user.entity.js';
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

export async function seedDemo(deps: Pick<Services, 'db' | 'users' | 'clock' | 'config' | 'apiClients'>): Promise<{ created: string[] }> {
  const created: string[] = [];
  const now = deps.clock.now().toISOString();
  const crewRepo = deps.db.manager.getRepository(CrewEntity);
  const crewIds = new Map<string, string>();
  for (const c of demoCrews(now)) {
    const existing = await crewRepo.findOneBy({ name: c.name });
    if (existing) crewIds.set(c.name, existing.id);
    else {
      await crewRepo.insert(c);
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
    if (u.crew && user) {
      const crew = await crewRepo.findOneBy({ id: crewIds.get(u.crew)! });
      if (crew && !crew.leadUserId) await crewRepo.update({ id: crew.id }, { leadUserId: user.id });
    }
  }
  if (deps.config.demoApiKey) {
    const exists = await deps.db.manager.getRepository(ApiClientEntity).findOneBy({ keyHash: hashApiKey(deps.config.demoApiKey) });
    if (!exists) {
      await deps.apiClients.create('Merseyside Police (demo)', deps.config.demoApiKey);
      created.push('api key Merseyside Police (demo)');
    }
  }
  return { created };
}
