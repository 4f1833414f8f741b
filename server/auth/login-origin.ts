/**
 * Refuses a login a browser was made to send from another site (login CSRF:
 * a page elsewhere posts the form with the attacker's credentials, and the
 * victim then works, and reports, inside the attacker's account).
 *
 * Browsers say where a request comes from: `Origin` on every POST, and
 * `Sec-Fetch-Site`. A login is allowed when its Origin is the app's own
 * (the request's scheme and Host, or PUBLIC_BASE_URL when a proxy rewrites
 * the Host), or, without an Origin, when Sec-Fetch-Site is `same-origin` or
 * `none` (typed by the user). `same-site` is refused too: a sibling
 * subdomain is another application. A request with neither header is not a
 * browser's (curl, scripts, partners) and cannot be forged cross-site, so it
 * is allowed.
 */
import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from '../errors.js';

export function isSameOriginRequest(req: Request, publicBaseUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return false;
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    return sameOrigin(origin, own) || sameOrigin(origin, publicBaseUrl);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return true;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function refuseCrossSiteLogin(publicBaseUrl: string): RequestHandler {
  return (req, _res, next) => {
    if (isSameOriginRequest(req, publicBaseUrl)) return next();
    next(new ForbiddenError('This login was sent from another site. Open Kerbside itself and log in there.', 'CROSS_SITE_LOGIN'));
  };
}
