/**
 * Live updates over Server-Sent Events:
 * - GET /api/live — dispatchers and admins: every work-order, assignment,
 *   plan and deadline change;
 * - GET /api/crew/live — a crew lead: changes to their own crew's day only.
 * Reconnect-safe: the browser's EventSource sends Last-Event-ID and the
 * stream replays what was missed (or sends `resync`). A comment line every
 * heartbeat keeps proxies from closing an idle stream.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { CrewService } from '../crews/crew.service.js';
import { ForbiddenError } from '../errors.js';
import { requireAccess } from '../http/route.js';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import { LiveHub, type StoredEvent } from './live-hub.js';

export interface LiveRouteDeps {
  events: EventBus;
  crews: Pick<CrewService, 'list'>;
}

export interface LiveOptions {
  heartbeatMs?: number;
}

function write(res: Response, e: StoredEvent): void {
  res.write(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`);
}

function stream(hub: LiveHub, req: Request, res: Response, accept: (e: LiveEvent) => boolean, heartbeatMs: number): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
  if (lastEventId) {
    const missed = hub.since(lastEventId);
    if (missed.kind === 'resync') res.write(`event: resync\ndata: {"reason":"missed events are no longer available; reload"}\n\n`);
    else for (const e of missed.events) if (accept(e.event)) write(res, e);
  }
  const stop = hub.listen((e) => {
    if (accept(e.event)) write(res, e);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
  });
}

export function liveMounts(s: LiveRouteDeps, opts: LiveOptions = {}): { path: string; router: RequestHandler }[] {
  const hub = new LiveHub(s.events);
  const heartbeatMs = opts.heartbeatMs ?? 20_000;

  const dispatch = express.Router();
  dispatch.get('/', requireAccess('live.dispatch'), (req, res) => stream(hub, req, res, () => true, heartbeatMs));

  const crew = express.Router();
  crew.get('/', requireAccess('live.crew'), async (req, res, next) => {
    try {
      const user = req.principal.kind === 'user' ? req.principal.user : null;
      // The crew they lead, else the one their account names.
      const crews = user ? await s.crews.list({ includeInactive: true }) : [];
      const own = user ? (crews.find((c) => c.leadUserId === user.id) ?? crews.find((c) => c.id === user.crewId)) : undefined;
      if (!own) throw new ForbiddenError('You are not the lead of a crew.', 'NOT_YOUR_CREW');
      stream(hub, req, res, (e) => e.crewId === own.id, heartbeatMs);
    } catch (e) {
      next(e);
    }
  });

  return [
    { path: '/api/live', router: dispatch },
    { path: '/api/crew/live', router: crew },
  ];
}
