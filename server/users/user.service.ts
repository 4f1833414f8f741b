import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { SessionUser } from '../http/principal.js';
import type { Clock } from '../platform/clock.js';
import type { Role, User } from './user.entity.js';
import type { UserRepository } from './user.repository.js';

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
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  static toSessionUser(u: User): SessionUser {
    return { id: u.id, email: u.email, name: u.name, role: u.role, crewId: u.crewId };
  }

  async create(input: NewUser): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    if (input.password.length < 8) throw new ValidationError('Passwords need at least 8 characters.', { fields: [{ field: 'password', message: 'too short' }] });
    const existing = await this.users.findUserByEmail(email);
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
    await this.users.insertUserWithWards(user, input.wardCodes ?? []);
    return this.view(user);
  }

  async findActiveById(id: string): Promise<User | null> {
    return this.users.findActiveUserById(id);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.findUserByEmail(email.trim().toLowerCase());
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
    return (await this.users.wardCodesOf(userId)).sort();
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
    const all = await this.users.allUsers();
    const subs = await this.users.allWardSubscriptions();
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
    const user = await this.users.findUserById(id);
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
    await this.users.saveUserWithWards(next, patch.wardCodes);
    return this.view(next);
  }
}
