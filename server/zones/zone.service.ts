/**
 * Code of Practice on Litter and Refuse zones: administrators draw them, and
 * every new report takes the strictest zone it falls in (WardLocator). After
 * each change the locator's index is rebuilt, so the very next report gets the
 * new zone. Work orders already filed keep their zone and deadline: the zone
 * was the rule in force when they were reported.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors.js';
import type { CacheChannel } from '../platform/event-bus.js';
import type { WardLocator } from '../wards/ward-locator.js';
import type { Zone } from './zone.entity.js';
import { geometryProblems, overlapsAny, type ZoneGeometry } from './zone-geometry.js';
import type { ZoneRepository } from './zone.repository.js';

export type ZoneNumber = Zone['zone'];

export interface ZoneInput {
  name: string;
  zone: ZoneNumber;
  boundary: ZoneGeometry;
  note?: string | null;
}
export type ZonePatch = Partial<ZoneInput>;

export class ZoneService {
  /** Rebuilds run one after another, so a slow rebuild cannot overwrite a newer one with older zones. */
  private rebuilding: Promise<void> = Promise.resolve();

  constructor(
    private readonly zones: ZoneRepository,
    private readonly locator: WardLocator,
    /** Tells other instances to rebuild their zone index, and hears when they do. */
    private readonly cache?: CacheChannel,
  ) {
    cache?.onAnnounced('zones', () => void this.rebuildHere().catch(() => undefined));
  }

  /** Strictest first (zone 1 before 4), then by name. */
  async list(): Promise<Zone[]> {
    const zones = await this.zones.all();
    return zones.sort((a, b) => a.zone - b.zone || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<Zone> {
    const zone = await this.zones.findById(id);
    if (!zone) throw new NotFoundError('ZONE_NOT_FOUND', 'There is no such zone.');
    return zone;
  }

  async create(input: ZoneInput): Promise<Zone> {
    this.checkBoundary(input.boundary);
    const zone: Zone = { id: randomUUID(), name: input.name, zone: input.zone, boundary: input.boundary, note: input.note?.trim() || null };
    await this.zones.withZonesLocked(async (em) => {
      await this.assertNameFree(zone.name, null, em);
      await this.zones.insert(zone, em);
    });
    await this.rebuild();
    return zone;
  }

  async update(id: string, patch: ZonePatch): Promise<Zone> {
    if (patch.boundary) this.checkBoundary(patch.boundary);
    const saved = await this.zones.withZonesLocked(async (em) => {
      const current = await this.zones.findById(id, em);
      if (!current) throw new NotFoundError('ZONE_NOT_FOUND', 'There is no such zone.');
      if (patch.name !== undefined && patch.name !== current.name) await this.assertNameFree(patch.name, id, em);
      const next: Zone = {
        ...current,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.zone !== undefined ? { zone: patch.zone } : {}),
        ...(patch.boundary !== undefined ? { boundary: patch.boundary } : {}),
        ...(patch.note !== undefined ? { note: patch.note?.trim() || null } : {}),
      };
      await this.zones.update(next, em);
      return next;
    });
    await this.rebuild();
    return saved;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.zones.delete(id))) throw new NotFoundError('ZONE_NOT_FOUND', 'There is no such zone.');
    await this.rebuild();
  }

  /** Rebuilds the point → zone index from the database (after a change here, or one made by the seed or CLI). */
  async rebuild(): Promise<void> {
    await this.rebuildHere();
    this.cache?.announce('zones');
  }

  private rebuildHere(): Promise<void> {
    const next = this.rebuilding.then(() => this.locator.reload());
    this.rebuilding = next.catch(() => undefined);
    return next;
  }

  private checkBoundary(boundary: ZoneGeometry): void {
    const problems = geometryProblems(boundary);
    if (problems.length) {
      const first = problems[0];
      throw new ValidationError(`Please check ${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { in: 'body', fields: problems }, 'INVALID_GEOMETRY');
    }
    if (!overlapsAny(boundary, this.locator.allWards().map((w) => w.boundary))) {
      throw new UnprocessableError('ZONE_OUTSIDE_COUNCIL', 'The zone does not overlap any of the council’s wards. Check that positions are [longitude, latitude] (longitude first).', {
        in: 'body',
        fields: [{ field: 'boundary', message: 'is outside every ward' }],
      });
    }
  }

  private async assertNameFree(name: string, exceptId: string | null, em: EntityManager): Promise<void> {
    const all = await this.zones.all(em);
    const clash = all.find((z) => z.id !== exceptId && z.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (clash) {
      throw new ConflictError('ZONE_NAME_TAKEN', `There is already a zone called "${clash.name}".`, { in: 'body', fields: [{ field: 'name', message: 'is used by another zone' }] });
    }
  }
}
