import type { Role } from '../users/user.entity.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  crewId: string | null;
}

/** Who is calling: nobody, a logged-in user (cookie session) or a partner system (API key). */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: SessionUser }
  | { kind: 'partner'; client: { id: string; name: string } };

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });

export function actorLabel(p: Principal): string {
  if (p.kind === 'user') return p.user.name;
  if (p.kind === 'partner') return p.client.name;
  return 'Member of the public';
}

export function actorUserId(p: Principal): string | null {
  return p.kind === 'user' ? p.user.id : null;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal: Principal;
    id: string;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}
