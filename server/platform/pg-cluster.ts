/**
 * Live events and cache announcements shared by every instance on one
 * PostgreSQL database.
 *
 * An event is a row of `live_event` (its id is the stream id every instance
 * sends) and, in the same statement, a NOTIFY carrying the id and the event,
 * which PostgreSQL delivers to every listening instance in commit order. Each
 * instance holds one connection of its own that LISTENs; if it drops, it
 * reconnects and reads the rows it missed from the table. A browser that
 * reconnects with Last-Event-ID, to whichever instance, replays from the
 * table. Rows older than `retainMs` are deleted (a client further behind is
 * told to resync). Announcements are plain NOTIFYs with the sender's name, so
 * an instance ignores its own.
 *
 * Appends are batched: the events published in one turn of the event loop,
 * or while the previous batch is being written, go in ONE statement (one
 * round trip, one commit, one WAL flush instead of one each; the intake hot
 * path publishes several per report). Ids follow the order of publication,
 * the NOTIFYs go out in id order, one per event as before, and each
 * `append()` settles with its own batch. One batch is in flight at a time, so
 * one process's events also commit in the order it published them. An event
 * too big to share one NOTIFY's 8000 bytes with its id goes alone, failing as
 * it always did without taking its neighbours with it.
 */
import pg from 'pg';
import type { InsertPlan } from '../../db/row-sql.js';
import type { ClusterTransport, LiveEvent, ReplayResult, StoredEvent } from './event-bus.js';

const EVENTS = 'kerbside_live';
const ANNOUNCE = 'kerbside_cache';
/** Above this many bytes an event's NOTIFY ({"id" : n, "e" : …}) may pass PostgreSQL's 8000: it is sent on its own. */
const ALONE_ABOVE_BYTES = 7900;
/** Events in one statement at most (bounds the statement's size). */
const MAX_BATCH = 500;

interface PendingAppend {
  createdAt: string;
  payload: string;
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface PgClusterOptions {
  url: string;
  /** Runs one statement on the app's pool. */
  query: (sql: string, params?: unknown[]) => Promise<{ id?: number | string; payload?: string }[]>;
  origin: string;
  now: () => Date;
  retainMs?: number;
  /** At most this many events are replayed; a client further behind is told to resync. */
  replayLimit?: number;
  onError?: (err: unknown) => void;
}

export class PgCluster implements ClusterTransport {
  private client: pg.Client | null = null;
  private handlers: { onEvent: (e: StoredEvent) => void; onAnnounced: (topic: string) => void } | null = null;
  private lastSeen = 0;
  private closed = false;
  private purgeTimer: NodeJS.Timeout | null = null;
  private readonly retainMs: number;
  private readonly replayLimit: number;
  private readonly pending: PendingAppend[] = [];
  /** The running flush (it writes batches until nothing is pending), or null. */
  private flushing: Promise<void> | null = null;
  /** Events appended and statements that wrote them, so a benchmark can report events per statement (events staged in a caller's plan are neither). */
  readonly appendStats = { events: 0, statements: 0 };

  constructor(private readonly opts: PgClusterOptions) {
    this.retainMs = opts.retainMs ?? 3600_000;
    this.replayLimit = opts.replayLimit ?? 1000;
  }

  async start(handlers: { onEvent: (e: StoredEvent) => void; onAnnounced: (topic: string) => void }): Promise<void> {
    this.handlers = handlers;
    const [top] = await this.opts.query('SELECT COALESCE(MAX(id), 0) AS id FROM live_event');
    this.lastSeen = Number(top?.id ?? 0);
    await this.connect();
    this.purgeTimer = setInterval(() => void this.purge().catch((e) => this.opts.onError?.(e)), Math.min(this.retainMs, 300_000));
    this.purgeTimer.unref();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url });
    client.on('notification', (n) => this.onNotification(n.channel, n.payload ?? ''));
    client.on('error', (err) => {
      this.opts.onError?.(err);
      this.reconnectSoon(client);
    });
    client.on('end', () => this.reconnectSoon(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS}`);
    await client.query(`LISTEN ${ANNOUNCE}`);
    this.client = client;
  }

  private reconnectSoon(dropped: pg.Client): void {
    if (this.closed || this.client !== dropped) return;
    this.client = null;
    const retry = async () => {
      if (this.closed) return;
      try {
        await this.connect();
        // What was committed while nobody listened here.
        await this.deliverFromTable();
        // Caches may have missed an announcement: tell them all to read again.
        this.handlers?.onAnnounced('*');
      } catch (err) {
        this.opts.onError?.(err);
        setTimeout(() => void retry(), 1000).unref();
      }
    };
    setTimeout(() => void retry(), 200).unref();
  }

  private onNotification(channel: string, payload: string): void {
    try {
      const message = JSON.parse(payload) as { id?: number; e?: LiveEvent; origin?: string; topic?: string };
      if (channel === EVENTS && typeof message.id === 'number' && message.e) {
        this.deliver({ id: String(message.id), seq: message.id, event: message.e });
      } else if (channel === ANNOUNCE && message.topic && message.origin !== this.opts.origin) {
        this.handlers?.onAnnounced(message.topic);
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private deliver(e: StoredEvent): void {
    if (e.seq > this.lastSeen) this.lastSeen = e.seq;
    this.handlers?.onEvent(e);
  }

  private async deliverFromTable(): Promise<void> {
    const rows = await this.opts.query('SELECT id, payload FROM live_event WHERE id > $1 ORDER BY id', [this.lastSeen]);
    for (const r of rows) this.deliver({ id: String(r.id), seq: Number(r.id), event: JSON.parse(String(r.payload)) as LiveEvent });
  }

  append(event: LiveEvent): Promise<void> {
    const payload = JSON.stringify(event);
    return new Promise((resolve, reject) => {
      this.pending.push({ createdAt: this.opts.now().toISOString(), payload, bytes: Buffer.byteLength(payload), resolve, reject });
      // setImmediate: the events published in this turn of the event loop join the first batch.
      this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      try {
        // One statement: the rows and their NOTIFYs commit together; ids in ordinality (publication) order.
        await this.opts.query(
          `WITH e AS (
             INSERT INTO live_event (created_at, origin, payload)
             SELECT t.created_at, $3::text, t.payload FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(created_at, payload, n) ORDER BY t.n
             RETURNING id, payload)
           SELECT pg_notify('${EVENTS}', json_build_object('id', e.id, 'e', e.payload::json)::text) FROM e ORDER BY e.id`,
          [batch.map((p) => p.createdAt), batch.map((p) => p.payload), this.opts.origin.slice(0, 80)],
        );
        this.appendStats.events += batch.length;
        this.appendStats.statements += 1;
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = null;
  }

  /**
   * The events' rows and NOTIFYs as part of a caller's InsertPlan (intake's batch): they commit with it, and
   * PostgreSQL sends the NOTIFYs at that commit, in id order. False, with nothing added, when one is too
   * big to share a NOTIFY with its id: the caller then appends them as usual.
   */
  stage(plan: InsertPlan, events: LiveEvent[]): boolean {
    const payloads = events.map((e) => JSON.stringify(e));
    if (payloads.some((p) => Buffer.byteLength(p) > ALONE_ABOVE_BYTES)) return false;
    const createdAt = this.opts.now().toISOString();
    plan.addSql(
      // One text however many events (the payloads one JSON array), so the plan's statement keeps one text too.
      (param) =>
        `INSERT INTO live_event (created_at, origin, payload)
         SELECT ${param(createdAt)}::text, ${param(this.opts.origin.slice(0, 80))}::text, t.payload
         FROM jsonb_array_elements_text(${param(JSON.stringify(payloads))}::jsonb) WITH ORDINALITY AS t(payload, n) ORDER BY t.n
         RETURNING id, payload`,
      { name: 'live', select: () => `SELECT pg_notify('${EVENTS}', json_build_object('id', live.id, 'e', live.payload::json)::text) FROM live ORDER BY live.id` },
    );
    return true;
  }

  /** The oldest pending events that may share a statement: a run of small ones, or one big one alone. */
  private takeBatch(): PendingAppend[] {
    if (this.pending[0]!.bytes > ALONE_ABOVE_BYTES) return this.pending.splice(0, 1);
    let n = 1;
    while (n < this.pending.length && n < MAX_BATCH && this.pending[n]!.bytes <= ALONE_ABOVE_BYTES) n++;
    return this.pending.splice(0, n);
  }

  async announce(topic: string): Promise<void> {
    await this.opts.query(`SELECT pg_notify('${ANNOUNCE}', $1)`, [JSON.stringify({ topic, origin: this.opts.origin })]);
  }

  async since(lastEventId: string): Promise<ReplayResult> {
    if (!/^\d{1,15}$/.test(lastEventId)) return { kind: 'resync' };
    const last = Number(lastEventId);
    const [bounds] = await this.opts.query('SELECT COALESCE(MIN(id), 0) AS id, COALESCE(MAX(id), 0) AS payload FROM live_event');
    const oldest = Number(bounds?.id ?? 0);
    const newest = Number(bounds?.payload ?? 0);
    if (last > newest || (oldest > 0 && last < oldest - 1)) return { kind: 'resync' };
    const rows = await this.opts.query('SELECT id, payload FROM live_event WHERE id > $1 ORDER BY id LIMIT $2', [last, this.replayLimit + 1]);
    if (rows.length > this.replayLimit) return { kind: 'resync' };
    return { kind: 'events', events: rows.map((r) => ({ id: String(r.id), seq: Number(r.id), event: JSON.parse(String(r.payload)) as LiveEvent })) };
  }

  async purge(): Promise<void> {
    await this.opts.query('DELETE FROM live_event WHERE created_at < $1', [new Date(this.opts.now().getTime() - this.retainMs).toISOString()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Events already published are written before the app's pool closes.
    await this.flushing;
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
