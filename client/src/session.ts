/** Who is logged in, shared by the office app and the crew app. */
import { api, ApiError, setCsrfToken } from './api.ts';

export type Role = 'admin' | 'dispatcher' | 'crew_lead' | 'councillor';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  crewId: string | null;
}

export interface Session {
  user: SessionUser;
  wardCodes: string[];
}

export async function login(email: string, password: string): Promise<Session> {
  const res = await api.post<{ user: SessionUser; csrfToken: string }>('/api/auth/login', { email, password });
  setCsrfToken(res.csrfToken);
  return (await currentSession()) ?? { user: res.user, wardCodes: [] };
}

export async function logout(): Promise<void> {
  await api.post('/api/auth/logout');
  setCsrfToken(null);
}

/** The session, or null when nobody is logged in. */
export async function currentSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
