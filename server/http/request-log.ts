/**
 * One log line per request: method, path (never the query string: it can
 * carry tokens), status and time taken. Bodies are never logged; they carry
 * reporters' names, emails and phones.
 *
 * The response listener is attached only when the line would be written, so
 * a silent logger costs a request nothing (measured in bench/intake/RESULTS.md).
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactPath } from './redact.js';

export function requestLog(logger: Logger, opts: { ignore?: (path: string) => boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('info') || opts.ignore?.(req.path)) return next();
    const started = process.hrtime.bigint();
    const line = (msg: string) => {
      const responseTime = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const entry = { req: { id: req.id, method: req.method, url: redactPath(req.originalUrl.split('?')[0]) }, res: { statusCode: res.statusCode }, responseTime };
      if (res.statusCode >= 500) logger.error(entry, msg);
      else logger.info(entry, msg);
    };
    res.once('finish', () => line('request completed'));
    res.once('close', () => {
      if (!res.writableFinished) line('request aborted');
    });
    next();
  };
}
