import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { CacheChannel } from '../platform/event-bus.js';
import { ReadCache } from '../platform/read-cache.js';
import type { Category } from './category.entity.js';
import type { CategoryRepository } from './category.repository.js';

/** How long the categories read for hot paths may be reused when nothing announced a change (an edit through the service, on any instance, drops them at once). */
const CATEGORY_CACHE_MS = 5_000;

/** What an administrator sends to create a category: the code, names and SLA are required, the rest has defaults. */
export type NewCategory = Pick<Category, 'code' | 'name' | 'groupName' | 'slaPolicy'> & Partial<Omit<Category, 'code' | 'name' | 'groupName' | 'slaPolicy'>>;
export type CategoryPatch = Partial<Category>;

/** The seed's defaults for a plain street-cleaning category (server/seed/reference-data.ts). */
const DEFAULTS: Omit<Category, 'code' | 'name' | 'groupName' | 'slaPolicy'> = {
  description: '',
  icon: 'bin',
  hazard: false,
  autoAccept: false,
  requiredSkill: 'general',
  questions: [],
  quantities: [],
  dedupeRadiusM: 50,
  serviceMinutes: 20,
  requiresBeforePhoto: true,
  active: true,
  sortOrder: 100,
};

export class CategoryService {
  /** Every category (retired ones too) by code, for hot paths; dropped here and on every instance when one changes. */
  private readonly all: ReadCache<Map<string, Category>>;

  constructor(
    private readonly repo: CategoryRepository,
    private readonly db: Pick<Database, 'transaction' | 'lock'>,
    /** Tells other instances when the categories change, and hears when they do. */
    cache?: CacheChannel,
  ) {
    this.all = new ReadCache(async () => new Map((await repo.listCategories(true)).map((c) => [c.code, c])), {
      topic: 'categories',
      channel: cache,
      maxAgeMs: CATEGORY_CACHE_MS,
    });
  }

  /** After a committed change: the next hot-path read, here and on every other instance, reads again. */
  private changed(): void {
    this.all.changed();
  }

  async list(opts: { includeInactive?: boolean } = {}): Promise<Category[]> {
    return this.repo.listCategories(opts.includeInactive ?? false);
  }

  async get(code: string): Promise<Category> {
    const c = await this.repo.findCategory(code);
    if (!c) throw new NotFoundError('CATEGORY_NOT_FOUND', `There is no category "${code}".`);
    return c;
  }

  async find(code: string): Promise<Category | null> {
    return this.repo.findCategory(code);
  }

  /**
   * `find` for hot paths (every report, every new job's on-call check): the categories are read together and
   * kept (platform/read-cache.ts) until one is created or changed through this service on any instance.
   */
  async findCached(code: string): Promise<Category | null> {
    return (await this.all.get()).get(code) ?? null;
  }

  /** Every category, retired ones too, in the list's order, from the same kept copy as `findCached` (exports read it for each download). */
  async listCached(): Promise<Category[]> {
    return [...(await this.all.get()).values()];
  }

  async save(category: Category): Promise<Category> {
    const saved = await this.repo.saveCategory(category);
    this.changed();
    return saved;
  }

  /** An administrator's new category; it is on the public form as soon as this returns. */
  async create(input: NewCategory): Promise<Category> {
    const category: Category = { ...DEFAULTS, ...input };
    const saved = await this.db.transaction(async (em) => {
      // One writer at a time, so two admins creating the same code get a 409, not a key violation.
      await this.db.lock(em, 'categories');
      if (await this.repo.categoryExists(category.code, em)) {
        throw new ConflictError('CATEGORY_EXISTS', `There is already a category with the code "${category.code}". Choose another code.`, {
          in: 'body',
          fields: [{ field: 'code', message: 'is already used by another category' }],
        });
      }
      await this.checkRoutes(em, category);
      return this.repo.saveCategory(category, em);
    });
    this.changed();
    return saved;
  }

  /**
   * Changes some fields; questions and quantities are replaced as a whole.
   * Deactivating hides a category from reporters; work orders already filed keep it.
   */
  async update(code: string, patch: CategoryPatch): Promise<Category> {
    if (patch.code !== undefined && patch.code !== code) {
      throw new ValidationError('A category’s code cannot change: work orders and partners refer to it.', { in: 'body', fields: [{ field: 'code', message: 'cannot change' }] });
    }
    const saved = await this.db.transaction(async (em) => {
      await this.db.lock(em, 'categories');
      const current = await this.repo.findCategory(code, em);
      if (!current) throw new NotFoundError('CATEGORY_NOT_FOUND', `There is no category "${code}".`);
      const next: Category = { ...current, ...patch, code };
      if (current.active && !next.active) await this.checkNotRoutedTo(em, code);
      await this.checkRoutes(em, next);
      return this.repo.saveCategory(next, em);
    });
    this.changed();
    return saved;
  }

  /** A yes to a `routesTo` question files the report under that category, so it must exist and take reports. */
  private async checkRoutes(em: EntityManager, category: Category): Promise<void> {
    const fields: { field: string; message: string }[] = [];
    for (const [i, q] of category.questions.entries()) {
      if (!q.routesTo) continue;
      if (q.routesTo === category.code) {
        fields.push({ field: `questions.${i}.routesTo`, message: 'must name another category' });
        continue;
      }
      const target = await this.repo.findCategory(q.routesTo, em);
      if (!target) fields.push({ field: `questions.${i}.routesTo`, message: `there is no category "${q.routesTo}"` });
      else if (!target.active) fields.push({ field: `questions.${i}.routesTo`, message: `"${q.routesTo}" is not active` });
    }
    if (fields.length) {
      throw new ValidationError(`Please check ${fields[0].field}: ${fields[0].message}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`, { in: 'body', fields });
    }
  }

  private async checkNotRoutedTo(em: EntityManager, code: string): Promise<void> {
    const routing = (await this.repo.listActiveCategories(em)).filter(
      (c) => c.code !== code && c.questions.some((q) => q.routesTo === code),
    );
    if (routing.length) {
      throw new ConflictError(
        'CATEGORY_ROUTED_TO',
        `Reports of ${routing.map((c) => c.name).join(', ')} are sent to this category by a question; change that question before deactivating it.`,
        { routedFrom: routing.map((c) => c.code) },
      );
    }
  }
}
