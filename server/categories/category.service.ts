import type { Database } from '../../db/data-source.js';
import { NotFoundError } from '../errors.js';
import { CategoryEntity, type Category } from './category.entity.js';

export class CategoryService {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.manager.getRepository(CategoryEntity);
  }

  async list(opts: { includeInactive?: boolean } = {}): Promise<Category[]> {
    return this.repo.find({ where: opts.includeInactive ? {} : { active: true }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  async get(code: string): Promise<Category> {
    const c = await this.repo.findOneBy({ code });
    if (!c) throw new NotFoundError('CATEGORY_NOT_FOUND', `There is no category "${code}".`);
    return c;
  }

  async find(code: string): Promise<Category | null> {
    return this.repo.findOneBy({ code });
  }

  async save(category: Category): Promise<Category> {
    return this.repo.save(category);
  }
}
