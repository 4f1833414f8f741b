/** Who is logged in, shared by the office app and the crew app. */
import { api, ApiError, setCsrfToken } from './api.ts';
import type { ApiResponse, Session } from './api/types.ts';

export type { Role, Session, SessionUser } from './api/types.ts';

export async function login(email: string, password: string): Promise<Session> {
  const res = await api.post<ApiResponse<'auth.login'>>('/api/auth/login', { email, password });
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
