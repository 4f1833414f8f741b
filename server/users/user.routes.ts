import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import { ROLES } from './user.entity.js';
import type { UserService } from './user.service.js';

const idParams = z.object({ id: z.string().uuid() });
const createBody = z.object({
  email: z.string().trim().email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(8).max(200),
  crewId: z.string().uuid().nullable().optional(),
  wardCodes: z.array(z.string().max(12)).optional(),
});
const updateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  crewId: z.string().uuid().nullable().optional(),
  emailOptOut: z.boolean().optional(),
  password: z.string().min(8).max(200).optional(),
  wardCodes: z.array(z.string().max(12)).optional(),
});

export interface UserRouteDeps {
  users: UserService;
}

export function userRoutes(s: UserRouteDeps): RouteDef[] {
  return [
    defineRoute({ id: 'users.list', method: 'get', path: '/api/users', summary: 'All users with roles and ward subscriptions', tags: ['admin'], handler: () => s.users.list() }),
    defineRoute({
      id: 'users.create', method: 'post', path: '/api/users', summary: 'Create a user', tags: ['admin'], body: createBody, status: 201,
      handler: ({ body }) => s.users.create(body),
    }),
    defineRoute({
      id: 'users.update', method: 'patch', path: '/api/users/:id', summary: 'Change a user (role, crew, wards, active, password)', tags: ['admin'],
      params: idParams, body: updateBody,
      handler: ({ params, body }) => s.users.update(params.id, body),
    }),
  ];
}
