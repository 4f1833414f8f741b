/** Every query on the category table. */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source.js';
import { CategoryEntity, type Category } from './category.entity.js';

export class CategoryRepository {
  constructor(private readonly db: Database) {}

  // ── categories
  listCategories(includeInactive: boolean): Promise<Category[]> {
    return this.db.manager.getRepository(CategoryEntity).find({ where: includeInactive ? {} : { active: true }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  findCategory(code: string, em: EntityManager = this.db.manager): Promise<Category | null> {
    return em.getRepository(CategoryEntity).findOneBy({ code });
  }

  categoryExists(code: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.getRepository(CategoryEntity).existsBy({ code });
  }

  listActiveCategories(em: EntityManager = this.db.manager): Promise<Category[]> {
    return em.getRepository(CategoryEntity).findBy({ active: true });
  }

  saveCategory(category: Category, em: EntityManager = this.db.manager): Promise<Category> {
    return em.getRepository(CategoryEntity).save(category);
  }

  // ── weekly reports and seeds
  /** Every category in the council's order. */
  async weeklyReportCategories(): Promise<Category[]> {
    return this.db.manager.getRepository(CategoryEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  async seedCount(em: EntityManager = this.db.manager): Promise<number> {
    return em.getRepository(CategoryEntity).count();
  }

  async seedInsert(category: Category, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(CategoryEntity).insert(category);
  }
}
