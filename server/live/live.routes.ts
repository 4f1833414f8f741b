/**
 * Live updates over Server-Sent Events:
 * - GET /api/live — dispatchers and admins: every work-order, assignment,
 *   plan and deadline change;
 * - GET /api/crew/live — a crew lead: changes to their own crew's day only.
 * Reconnect-safe: the browser's EventSource sends Last-Event-ID and the
 * stream replays what was missed (or sends `resync`), from whichever instance
 * it reconnects to when several share a PostgreSQL database (the event bus
 * numbers events there). A comment line every heartbeat keeps proxies from
 * closing an idle stream.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { CrewService } from '../crews/crew.service.js';
import { ForbiddenError } from '../errors.js';
import { requireAccess } from '../http/route.js';
import type { EventBus, LiveEvent, StoredEvent } from '../platform/event-bus.js';

export interface LiveRouteDeps {
  events: Pick<EventBus, 'listenStream' | 'since' | 'onEndStreams'>;
  crews: Pick<CrewService, 'list'>;
}

export interface LiveOptions {
  heartbeatMs?: number;
}

function write(res: Response, e: StoredEvent): void {
  res.write(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`);
}

async function stream(events: LiveRouteDeps['events'], req: Request, res: Response, accept: (e: LiveEvent) => boolean, heartbeatMs: number): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
  // Live events that arrive while the replay is read wait, and go out after it without repeats.
  let held: StoredEvent[] | null = lastEventId ? [] : null;
  const send = (e: StoredEvent) => {
    if (accept(e.event)) write(res, e);
  };
  const stop = events.listenStream((e) => (held ? held.push(e) : send(e)));
  const stopOnEnd = events.onEndStreams(() => res.end());
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
    stopOnEnd();
  });
  if (lastEventId && held) {
    const missed = await events.since(lastEventId).catch(() => ({ kind: 'resync' }) as const);
    const waiting: StoredEvent[] = held;
    held = null;
    if (missed.kind === 'resync') {
      res.write(`event: resync\ndata: {"reason":"missed events are no longer available; reload"}\n\n`);
      for (const e of waiting) send(e);
    } else {
      for (const e of missed.events) send(e);
      for (const e of waiting) if (!missed.events.some((m) => m.id === e.id)) send(e);
    }
  }
}

export function liveMounts(s: LiveRouteDeps, opts: LiveOptions = {}): { path: string; router: RequestHandler }[] {
  const heartbeatMs = opts.heartbeatMs ?? 20_000;

  const dispatch = express.Router();
  dispatch.get('/', requireAccess('live.dispatch'), (req, res, next) => void stream(s.events, req, res, () => true, heartbeatMs).catch(next));

  const crew = express.Router();
  crew.get('/', requireAccess('live.crew'), async (req, res, next) => {
    try {
      const user = req.principal.kind === 'user' ? req.principal.user : null;
      // The crew they lead, else the one their account names.
      const crews = user ? await s.crews.list({ includeInactive: true }) : [];
      const own = user ? (crews.find((c) => c.leadUserId === user.id) ?? crews.find((c) => c.id === user.crewId)) : undefined;
      if (!own) throw new ForbiddenError('You are not the lead of a crew.', 'NOT_YOUR_CREW');
      await stream(s.events, req, res, (e) => e.crewId === own.id, heartbeatMs);
    } catch (e) {
      next(e);
    }
  });

  return [
    { path: '/api/live', router: dispatch },
    { path: '/api/crew/live', router: crew },
  ];
}
