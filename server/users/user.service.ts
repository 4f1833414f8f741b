import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database } from '../../db/data-source.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import type { Clock } from '../platform/clock.js';
import { UserEntity, WardSubscriptionEntity, type Role, type User } from './user.entity.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  crewId?: string | null;
  wardCodes?: string[];
}

export interface UserView extends SessionUser {
  active: boolean;
  emailOptOut: boolean;
  wardCodes: string[];
  createdAt: string;
}

/** A hash computed once, so a login for an unknown email costs as much as a real one (no user enumeration by timing). */
let dummyHash: Promise<string> | null = null;

export class UserService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  private get users() {
    return this.db.manager.getRepository(UserEntity);
  }

  static toSessionUser(u: User): SessionUser {
    return { id: u.id, email: u.email, name: u.name, role: u.role, crewId: u.crewId };
  }

  async create(input: NewUser): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    if (input.password.length < 8) throw new ValidationError('Passwords need at least 8 characters.', { fields: [{ field: 'password', message: 'too short' }] });
    const existing = await this.users.findOneBy({ email });
    if (existing) throw new ConflictError('EMAIL_TAKEN', `A user with the email ${email} already exists.`);
    const user: User = {
      id: randomUUID(),
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hash(input.password),
      crewId: input.crewId ?? null,
      active: true,
      emailOptOut: false,
      createdAt: this.clock.now().toISOString(),
    };
    await this.db.transaction(async (em) => {
      await em.getRepository(UserEntity).insert(user);
      for (const wardCode of input.wardCodes ?? []) await em.getRepository(WardSubscriptionEntity).insert({ userId: user.id, wardCode });
    });
    return this.view(user);
  }

  async findActiveById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, active: true });
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  /** Checks a password; always spends an argon2 verification, found or not. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.findByEmail(email);
    if (!user || !user.active) {
      dummyHash ??= hash('not-a-real-password');
      await verify(await dummyHash, password).catch(() => false);
      return null;
    }
    const ok = await verify(user.passwordHash, password).catch(() => false);
    return ok ? user : null;
  }

  async wardCodes(userId: string): Promise<string[]> {
    const rows = await this.db.manager.getRepository(WardSubscriptionEntity).findBy({ userId });
    return rows.map((r) => r.wardCode).sort();
  }

  async view(u: User): Promise<UserView> {
    return {
      ...UserService.toSessionUser(u),
      active: u.active,
      emailOptOut: u.emailOptOut,
      wardCodes: u.role === 'councillor' ? await this.wardCodes(u.id) : [],
      createdAt: u.createdAt,
    };
  }

  async list(): Promise<UserView[]> {
    const all = await this.users.find({ order: { role: 'ASC', email: 'ASC' } });
    const subs = await this.db.manager.getRepository(WardSubscriptionEntity).find();
    return all.map((u) => ({
      ...UserService.toSessionUser(u),
      active: u.active,
      emailOptOut: u.emailOptOut,
      wardCodes: subs.filter((s) => s.userId === u.id).map((s) => s.wardCode).sort(),
      createdAt: u.createdAt,
    }));
  }

  async update(
    id: string,
    patch: { name?: string; role?: Role; active?: boolean; crewId?: string | null; emailOptOut?: boolean; password?: string; wardCodes?: string[] },
  ): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('USER_NOT_FOUND', 'No such user.');
    const next: User = {
      ...user,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.crewId !== undefined ? { crewId: patch.crewId } : {}),
      ...(patch.emailOptOut !== undefined ? { emailOptOut: patch.emailOptOut } : {}),
      ...(patch.password ? { passwordHash: await hash(patch.password) } : {}),
    };
    await this.db.transaction(async (em) => {
      await em.getRepository(UserEntity).save(next);
      if (patch.wardCodes) {
        await em.getRepository(WardSubscriptionEntity).delete({ userId: id });
        for (const wardCode of patch.wardCodes) await em.getRepository(WardSubscriptionEntity).insert({ userId: id, wardCode });
      }
    });
    return this.view(next);
  }
}
