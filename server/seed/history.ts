/**
 * A few weeks of plausible history for the demo, in Kensington and Fairfield
 * and its neighbouring wards: residents, police and FixMyStreet reporting
 * fly-tips, sharps, condoms, graffiti and litter around known hotspots, most
 * cleared in time, some closed without clearing (no access, vehicle parked
 * over it), a few rejected, and the last day or two's reports still open:
 * about what the crews can take today, which the demo plans at start. Every report goes through the real
 * intake service with a clock that moves through the weeks, so references,
 * deadlines, duplicates and events are exactly what the live system makes.
 * Deterministic (seeded random) and idempotent (a `setting` marker).
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import type { Config } from '../config.js';
import type { Crew } from '../crews/crew.entity.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import type { IntakeActor, IntakeInput, IntakeService } from '../intake/intake.service.js';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { PhotoService } from '../photos/photo.service.js';
import { FixedClock, type Clock } from '../platform/clock.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import { localParts } from '../sla/local-time.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import type { Actor, WorkOrderService } from '../work-orders/work-order.service.js';
import { isOpen, type WorkOrderStatus } from '../work-orders/work-order.state.js';

export const HISTORY_SETTING_KEY = 'demo.history';
const DAYS = 28;
const REPORTS = 180;

/** Street-level hotspots in the ward (approximate points on the named streets). */
const HOTSPOTS = [
  { name: 'Sheil Road', lat: 53.4142, lng: -2.9448 },
  { name: 'Kensington (A57) shops', lat: 53.4093, lng: -2.9505 },
  { name: 'Jubilee Drive back alleys', lat: 53.4117, lng: -2.9470 },
  { name: 'Holt Road', lat: 53.4128, lng: -2.9383 },
  { name: 'Farnworth Street', lat: 53.4101, lng: -2.9445 },
  { name: 'Kensington Fields', lat: 53.4062, lng: -2.9440 },
  { name: 'Newsham Park edge', lat: 53.4170, lng: -2.9400 },
  // Neighbouring wards, so the board, the map and the councillors' figures are not one ward's.
  { name: 'Everton, Netherfield Road', lat: 53.4235, lng: -2.9655 },
  { name: 'Anfield, Oakfield Road', lat: 53.4335, lng: -2.9610 },
  { name: 'Tuebrook, West Derby Road', lat: 53.4195, lng: -2.9225 },
  { name: 'Picton, Smithdown Road', lat: 53.4000, lng: -2.9380 },
  { name: 'City centre, Bold Street', lat: 53.4020, lng: -2.9800 },
];

const CATEGORY_MIX: [string, number][] = [
  ['fly-tipping', 34], ['litter', 18], ['sharps', 12], ['condoms', 10], ['graffiti', 9], ['overflowing-bin', 8], ['detritus', 5], ['dead-animal', 4],
];

const DESCRIPTIONS: Record<string, string[]> = {
  'fly-tipping': ['Mattress and black bags dumped in the back alley', 'Sofa left on the pavement', 'Builders\u2019 rubble by the entry', 'Pile of bags behind the shops'],
  litter: ['Cans and wrappers all along the street', 'Litter blowing round the bus stop', 'Takeaway boxes left on the wall'],
  sharps: ['Needles by the entry to the alley', 'Syringe in the gutter near the school', 'Two needles on the grass verge'],
  condoms: ['Used condoms in the alleyway again', 'Condoms and wipes behind the garages'],
  graffiti: ['Tags on the shutters', 'Spray paint on the wall of the park', 'Graffiti on the bus shelter'],
  'overflowing-bin': ['Litter bin full and overflowing', 'Bin by the shops is overflowing'],
  detritus: ['Leaves and mud blocking the gutter', 'Grit and glass along the kerb'],
  'dead-animal': ['Dead pigeon on the pavement', 'Dead fox by the railings'],
};

const NOT_FIXED_REASONS = ['no_access', 'vehicle_parked', 'not_found', 'needs_specialist'];

/** mulberry32: small, seeded, good enough for demo data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistorySeedDeps {
  /** Transactions, and the SQLite pragma the seed relaxes while it runs. */
  db: Pick<Database, 'dialect' | 'manager' | 'transaction'>;
  clock: Clock;
  config: Pick<Config, 'timeZone'>;
  crewRows: Pick<CrewRepository, 'seedAll'>;
  photos: Pick<PhotoService, 'prepare'>;
  photoRows: Pick<PhotoRepository, 'historySeedInsert'>;
  wardLocator: Pick<WardLocator, 'wardAt'>;
  /** Holds the marker that the history was seeded. */
  settingRows: Pick<SettingsRepository, 'storedValue' | 'store'>;
  /** Intake and work orders on the seed's own clock: history must not announce live updates or email anyone. */
  quietServicesAt(clock: Clock): { intake: Pick<IntakeService, 'submit'>; workOrders: Pick<WorkOrderService, 'get' | 'change'> };
}

interface Pending {
  at: number;
  run: (em: EntityManager) => Promise<void>;
}

export async function seedHistory(deps: HistorySeedDeps, opts: { now?: Date; reports?: number } = {}): Promise<{ created: number; skipped: boolean }> {
  if ((await deps.settingRows.storedValue(HISTORY_SETTING_KEY)) !== undefined) return { created: 0, skipped: true };

  // Demo data is rebuilt from nothing if lost, so a few hundred fsyncs (synchronous=FULL) buy nothing here.
  const restoreSync = await relaxSqliteSync(deps);
  try {
    return await seed(deps, opts);
  } finally {
    await restoreSync();
  }
}

async function relaxSqliteSync(deps: HistorySeedDeps): Promise<() => Promise<void>> {
  if (deps.db.dialect !== 'sqlite') return async () => undefined;
  const [row] = (await deps.db.manager.query('PRAGMA synchronous')) as { synchronous: number }[];
  await deps.db.manager.query('PRAGMA synchronous = NORMAL');
  return async () => {
    await deps.db.manager.query(`PRAGMA synchronous = ${Number(row?.synchronous ?? 2)}`);
  };
}

async function seed(deps: HistorySeedDeps, opts: { now?: Date; reports?: number }): Promise<{ created: number; skipped: boolean }> {
  const rnd = random(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const weighted = (mix: [string, number][]): string => {
    let r = rnd() * mix.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of mix) if ((r -= w) < 0) return v;
    return mix[0][0];
  };

  const end = opts.now ?? deps.clock.now();
  const clock = new FixedClock(new Date(end.getTime() - DAYS * 86_400_000));
  const { intake, workOrders } = deps.quietServicesAt(clock);

  const crews = await deps.crewRows.seedAll();
  const crewFor = (category: string): Crew | undefined => {
    // Street cleaning goes to the graffiti-and-streets crew, as in the demo's crew names.
    const skill = category === 'sharps' || category === 'condoms' ? 'sharps' : category === 'fly-tipping' ? 'fly-tip-van' : 'graffiti-removal';
    // The day crews did the history (the cover crews' names say "cover").
    return crews.find((c) => c.skills.includes(skill) && !c.name.includes('cover')) ?? crews[0];
  };
  const dispatcher: Actor = { userId: null, label: 'Dana Dispatcher' };
  const evidence = await evidencePhotos(deps);

  const queue: Pending[] = [];
  const schedule = (at: number, run: Pending['run']) => {
    let i = queue.length;
    while (i > 0 && queue[i - 1].at > at) i--;
    queue.splice(i, 0, { at, run });
  };
  // Everything due before the next report runs in one transaction: fewer round trips, same events.
  const drainUntil = async (t: number) => {
    if (!queue.length || queue[0].at > t) return;
    await deps.db.transaction(async (em) => {
      while (queue.length && queue[0].at <= t) {
        const next = queue.shift()!;
        clock.set(new Date(next.at));
        await next.run(em);
      }
    });
  };
  /** The seed is the only writer, and joining a report does not change the row, so the last copy stays current. */
  const current = new Map<string, WorkOrder>();

  /** Moves a work order along, one change (and event) per step, at that step's time. */
  const step = (id: string, to: WorkOrderStatus, patch: Partial<WorkOrder>, actor: Actor, note: string | null = null) => async (em: EntityManager) => {
    const wo = current.get(id)!;
    if (!isOpen(wo.status) || wo.status === to) return;
    current.set(id, await workOrders.change(em, wo, { to, patch, actor, event: { type: 'status', isPublic: true, note } }));
  };

  const planLifecycle = (wo: WorkOrder, category: string) => {
    const opened = Date.parse(wo.openedAt);
    const due = Date.parse(wo.dueAt);
    const crew = crewFor(category);
    const crewActor: Actor = { userId: crew?.leadUserId ?? null, label: crew?.name ?? 'Crew' };
    const fate = rnd();
    if (wo.status === 'new' && fate < 0.05) {
      schedule(opened + 2 * 3_600_000, step(wo.id, 'rejected', { outcomeReason: 'already_cleared', outcomeNote: 'Our crew had already cleared this on a sweep.', closedAt: new Date(opened + 2 * 3_600_000).toISOString() }, dispatcher, 'Our crew had already cleared this on a sweep.'));
      return;
    }
    // Most jobs finish inside the deadline; one in ten runs late. What is still open at the end is
    // recent work, no more than the crews can take today.
    const span = Math.max(due - opened, 3_600_000);
    const finish = opened + span * (rnd() < 0.1 ? 1.1 + rnd() * 0.5 : 0.3 + rnd() * 0.6);
    if (finish > end.getTime() - 3_600_000) {
      // Still open now: the dispatcher has triaged all but the last few hours' reports, ready for today's plan.
      if (wo.status === 'new' && opened < end.getTime() - 4 * 3_600_000) schedule(opened + 3_600_000, step(wo.id, 'accepted', {}, dispatcher));
      return;
    }
    const assignedAt = opened + (finish - opened) * 0.3;
    const startedAt = finish - Math.min(45 * 60_000, (finish - opened) * 0.2);
    const routeDate = localParts(new Date(assignedAt), deps.config.timeZone).date;
    if (wo.status === 'new') schedule(opened + (assignedAt - opened) * 0.5, step(wo.id, 'accepted', {}, dispatcher));
    schedule(assignedAt, step(wo.id, 'assigned', { crewId: crew?.id ?? null, routeDate, routePosition: 1 }, dispatcher));
    schedule(startedAt, step(wo.id, 'in_progress', { startedAt: new Date(startedAt).toISOString() }, crewActor));
    const finishedAt = new Date(finish).toISOString();
    if (fate > 0.88) {
      const reason = pick(NOT_FIXED_REASONS);
      schedule(finish, step(wo.id, 'not_completed', { outcomeReason: reason, closedAt: finishedAt }, crewActor));
    } else {
      const completed = step(wo.id, 'completed', { completedAt: finishedAt, closedAt: finishedAt, quantities: quantitiesFor(category, rnd), wasteData: wasteDataFor(category, wo, rnd) }, crewActor);
      schedule(finish, async (em) => {
        // Cleared jobs carry the before/after evidence a real crew would have sent (one pair of files, a row per job).
        for (const [kind, at] of [['before', startedAt], ['after', finish]] as const) {
          await deps.photoRows.historySeedInsert(em, {
            ...evidence[kind], id: randomUUID(), ownerKey: `wo:${wo.id}`, workOrderId: wo.id, requestId: null, kind,
            takenAt: new Date(at).toISOString(), gpsLat: wo.lat, gpsLng: wo.lng, flags: [], uploadedBy: crew?.leadUserId ?? null, createdAt: new Date(at).toISOString(),
          });
        }
        await completed(em);
      });
    }
  };

  const count = opts.reports ?? REPORTS;
  const startMs = clock.now().getTime();
  const times = Array.from({ length: count }, () => startMs + rnd() * (end.getTime() - startMs)).sort((a, b) => a - b);
  let created = 0;
  for (const at of times) {
    await drainUntil(at);
    clock.set(new Date(at));
    const category = weighted(CATEGORY_MIX);
    const spot = pick(HOTSPOTS);
    const lat = spot.lat + (rnd() - 0.5) * 0.0025;
    const lng = spot.lng + (rnd() - 0.5) * 0.004;
    if (!deps.wardLocator.wardAt(lat, lng)) continue;
    const sourceRoll = rnd();
    const source: IntakeInput['source'] = sourceRoll < 0.6 ? 'public' : sourceRoll < 0.8 ? 'partner' : sourceRoll < 0.9 ? 'open311' : 'staff';
    const actor: IntakeActor =
      source === 'partner' ? { kind: 'partner', label: 'Merseyside Police (demo)' }
        : source === 'open311' ? { kind: 'partner', label: 'FixMyStreet' }
          : source === 'staff' ? { kind: 'user', label: 'Dana Dispatcher' }
            : { kind: 'anonymous', label: 'Member of the public' };
    const result = await intake.submit(
      { categoryCode: category, lat, lng, description: pick(DESCRIPTIONS[category] ?? ['Needs clearing']), answers: answersFor(category, rnd), source },
      actor,
    );
    created += 1;
    if (!result.joinedExisting) {
      const wo = await workOrders.get(result.workOrderId);
      current.set(wo.id, wo);
      planLifecycle(wo, result.categoryCode);
    }
  }
  await drainUntil(end.getTime());
  await deps.settingRows.store(HISTORY_SETTING_KEY, { seededAt: end.toISOString(), reports: created }, end.toISOString());
  return { created, skipped: false };
}

/** A plausible before (bags on a pavement) and after (clear pavement) picture, rendered and stored once. */
async function evidencePhotos(deps: HistorySeedDeps): Promise<Record<'before' | 'after', Photo>> {
  const picture = (bags: boolean, label: string) =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
      <rect width="640" height="480" fill="#9a9a94"/><rect y="330" width="640" height="150" fill="#6d6d68"/>
      <rect x="0" y="0" width="640" height="180" fill="#8b6f5a"/>
      ${bags ? '<ellipse cx="250" cy="300" rx="70" ry="50" fill="#1d1d1d"/><ellipse cx="340" cy="320" rx="60" ry="45" fill="#262626"/><rect x="400" y="250" width="120" height="80" fill="#c9b79c"/>' : ''}
      <text x="20" y="460" font-family="sans-serif" font-size="22" fill="#ffffff">${label} (Kerbside demo)</text></svg>`))
      .jpeg({ quality: 80 })
      .toBuffer();
  const prepare = async (kind: 'before' | 'after') =>
    (await deps.photos.prepare(await picture(kind === 'before', kind === 'before' ? 'Before' : 'After'), { ownerKey: 'seed:history', kind })).row;
  return { before: await prepare('before'), after: await prepare('after') };
}

function answersFor(category: string, rnd: () => number): Record<string, unknown> {
  const n = (max: number) => 1 + Math.floor(rnd() * max);
  switch (category) {
    case 'sharps':
      return { item_count: n(6), near_play_area: rnd() < 0.3 };
    case 'condoms':
      return { item_count: n(12) };
    case 'fly-tipping':
      return {
        size: ['single_black_bag', 'single_item', 'car_boot_or_less', 'small_van_load', 'transit_van_load'][Math.floor(rnd() * 5)],
        waste_type: ['black_bags_household', 'other_household', 'white_goods', 'constr_demol_excav', 'green'][Math.floor(rnd() * 5)],
        land_type: rnd() < 0.6 ? 'back_alleyway' : 'highway',
      };
    case 'graffiti':
      return { offensive: rnd() < 0.15 };
    default:
      return {};
  }
}

function quantitiesFor(category: string, rnd: () => number): Record<string, number> {
  const n = (max: number) => 1 + Math.floor(rnd() * max);
  switch (category) {
    case 'sharps':
      return { sharps_count: n(6) };
    case 'condoms':
      return { condoms_count: n(12), bags: 1 };
    case 'fly-tipping':
      return { bags: n(12), estimated_kg: n(300) };
    case 'graffiti':
    case 'offensive-graffiti':
      return { area_m2: n(8) };
    case 'litter':
    case 'overflowing-bin':
    case 'detritus':
      return { bags: n(4) };
    default:
      return {};
  }
}

function wasteDataFor(category: string, wo: WorkOrder, rnd: () => number): Record<string, string> | null {
  if (category !== 'fly-tipping') return null;
  return { ...(wo.wasteData ?? {}), ...(rnd() < 0.2 ? { enforcement: rnd() < 0.5 ? 'investigation' : 'warning_letter' } : {}) };
}
