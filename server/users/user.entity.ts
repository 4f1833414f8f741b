import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

import type { Role } from './roles.js';

export { ROLES, STAFF_ROLES, type Role } from './roles.js';

export interface User {
  id: string;
  email: string; // stored lower-case
  name: string;
  role: Role;
  passwordHash: string;
  crewId: string | null;
  active: boolean;
  emailOptOut: boolean;
  createdAt: string;
}

export const UserEntity = new EntitySchema<User>({
  name: 'User',
  tableName: 'app_user',
  columns: {
    id: col.uuid({ primary: true }),
    email: col.str(320, { unique: true }),
    name: col.str(200),
    role: col.str(16),
    passwordHash: col.str(200, { name: 'password_hash' }),
    crewId: col.uuid({ name: 'crew_id', nullable: true }),
    active: col.bool({ default: true }),
    emailOptOut: col.bool({ name: 'email_opt_out', default: false }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});

/** A councillor's wards: who receives which weekly PDF. */
export interface WardSubscription {
  userId: string;
  wardCode: string;
}

export const WardSubscriptionEntity = new EntitySchema<WardSubscription>({
  name: 'WardSubscription',
  tableName: 'ward_subscription',
  columns: {
    userId: col.uuid({ name: 'user_id', primary: true }),
    wardCode: col.str(12, { name: 'ward_code', primary: true }),
  },
});
