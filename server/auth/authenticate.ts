import type { RequestHandler } from 'express';
import { UnauthenticatedError } from '../errors.js';
import type { ApiClientService } from '../api-clients/api-client.service.js';
import { ANONYMOUS } from '../http/principal.js';
import { UserService } from '../users/user.service.js';

export interface AuthenticateDeps {
  apiClients: Pick<ApiClientService, 'authenticate'>;
  users: Pick<UserService, 'findActiveById'>;
}

/**
 * Resolves who is calling. A Bearer API key wins (partners); otherwise the
 * cookie session's user, re-read from the database on each request so a
 * deactivated user or changed role takes effect at once.
 */
export function authenticate(deps: AuthenticateDeps): RequestHandler {
  return async (req, _res, next) => {
    req.principal = ANONYMOUS;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const client = m ? await deps.apiClients.authenticate(m[1]) : null;
      if (!client) return next(new UnauthenticatedError('That API key is not valid or has been revoked.', 'INVALID_API_KEY'));
      req.principal = { kind: 'partner', client: { id: client.id, name: client.name } };
      return next();
    }
    const userId = req.session?.userId;
    if (userId) {
      const user = await deps.users.findActiveById(userId);
      if (user) req.principal = { kind: 'user', user: UserService.toSessionUser(user) };
      else delete req.session.userId;
    }
    next();
  };
}
