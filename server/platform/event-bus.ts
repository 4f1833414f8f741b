/**
 * Live events and cache announcements, in one process or across instances.
 *
 * Two kinds of listener:
 * - `subscribe`: changes made by THIS process (reporter notifications act on
 *   them; with several instances each change must be acted on once, by the
 *   instance that made it);
 * - `listenStream` / `since`: every change made by ANY instance, numbered,
 *   for the live streams (SSE) and their Last-Event-ID replay.
 * One process keeps the numbered events in a ring buffer in memory. With a
 * `ClusterTransport` (PostgreSQL LISTEN/NOTIFY over a shared table,
 * server/platform/pg-cluster.ts) they are numbered by the database, so a
 * browser that reconnects to another instance gets what it missed.
 * `announce(topic)` tells every OTHER instance that a cached thing changed
 * (the categories, the zones); the caller has already refreshed its own.
 */
import { EventEmitter } from 'node:events';
import type { InsertPlan } from '../../db/row-sql.js';

/** A change other screens should hear about live (SSE). `audience` scopes who may receive it. */
export interface LiveEvent {
  type: string; // work_order.created, work_order.updated, route.changed…
  workOrderId?: string;
  crewId?: string | null;
  wardCode?: string;
  data?: Record<string, unknown>;
}

/** A live event with its stream id (sent as the SSE `id:`) and its order in the stream. */
export interface StoredEvent {
  id: string;
  seq: number;
  event: LiveEvent;
}

export type ReplayResult = { kind: 'events'; events: StoredEvent[] } | { kind: 'resync' };

/** What caches use: `announce` tells the other instances, `onAnnounced` hears them. */
export interface CacheChannel {
  announce(topic: string): void;
  onAnnounced(topic: string, listener: () => void): () => void;
}

/** How events and announcements travel between instances (PostgreSQL: server/platform/pg-cluster.ts). */
export interface ClusterTransport {
  /** Starts delivering: every instance's events (this one's too) to `onEvent`, other instances' announcements to `onAnnounced`. */
  start(handlers: { onEvent: (e: StoredEvent) => void; onAnnounced: (topic: string) => void }): Promise<void>;
  append(event: LiveEvent): Promise<void>;
  /** Adds the events' writes to a caller's InsertPlan, to be sent when it commits; false (nothing added) where it cannot. */
  stage?(plan: InsertPlan, events: LiveEvent[]): boolean;
  announce(topic: string): Promise<void>;
  since(lastEventId: string): Promise<ReplayResult>;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Events kept for replay in one process. */
  capacity?: number;
  cluster?: ClusterTransport;
  /** Where a failed cluster write is reported (the change itself is already committed). */
  onError?: (err: unknown, what: string) => void;
}

export class EventBus implements CacheChannel {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly stream = new EventEmitter().setMaxListeners(0);
  private readonly buffer: StoredEvent[] = [];
  private seq = 0;
  private readonly capacity: number;
  private readonly cluster: ClusterTransport | null;
  private readonly onError: (err: unknown, what: string) => void;
  /** Distinguishes this process's in-memory ids from another process's (a restart): "<boot>.<seq>". */
  readonly boot = Date.now().toString(36);

  constructor(opts: EventBusOptions = {}) {
    this.capacity = opts.capacity ?? 1000;
    this.cluster = opts.cluster ?? null;
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Whether live events reach other instances. */
  get shared(): boolean {
    return this.cluster !== null;
  }

  /** Connects the cluster transport, if any; until then events still reach this process's listeners. */
  async start(): Promise<void> {
    await this.cluster?.start({
      onEvent: (e) => this.stream.emit('event', e),
      // '*': the transport may have missed announcements (a dropped connection): every cache reads again.
      onAnnounced: (topic) => {
        const names = topic === '*' ? this.local.eventNames().filter((n) => String(n).startsWith('announce:')) : [`announce:${topic}`];
        for (const name of names) this.local.emit(name);
      },
    });
  }

  publish(event: LiveEvent): void {
    this.local.emit('event', event);
    if (this.cluster) {
      this.cluster.append(event).catch((err) => this.onError(err, `live event ${event.type}`));
      return;
    }
    this.seq += 1;
    const stored = { id: `${this.boot}.${this.seq}`, seq: this.seq, event };
    this.buffer.push(stored);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    this.stream.emit('event', stored);
  }

  /**
   * Live events of a change about to be written with `plan`. With a transport that can (PostgreSQL), their
   * rows and NOTIFYs join the plan and so commit with the change: one statement fewer, and nothing is sent
   * for a write that rolled back. Call the function returned for each event once the plan has committed:
   * it tells this process's subscribers (the streams hear it through the transport), or, where the events
   * did not join the plan, publishes it as `publish` does.
   */
  publishWith(plan: InsertPlan, events: LiveEvent[]): (() => void)[] {
    const staged = events.length > 0 && (this.cluster?.stage?.(plan, events) ?? false);
    return events.map((event) => (staged ? () => void this.local.emit('event', event) : () => this.publish(event)));
  }

  /** Changes made by this process. */
  subscribe(listener: (e: LiveEvent) => void): () => void {
    this.local.on('event', listener);
    return () => this.local.off('event', listener);
  }

  /** Every instance's changes, numbered (what the live streams send). */
  listenStream(listener: (e: StoredEvent) => void): () => void {
    this.stream.on('event', listener);
    return () => this.stream.off('event', listener);
  }

  /** What a stream reconnecting after `lastEventId` missed, or `resync` when that is no longer known. */
  async since(lastEventId: string): Promise<ReplayResult> {
    if (this.cluster) return this.cluster.since(lastEventId);
    const [boot, seqText] = lastEventId.split('.');
    const seq = Number(seqText);
    if (boot !== this.boot || !Number.isInteger(seq) || seq > this.seq) return { kind: 'resync' };
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) return { kind: 'resync' };
    return { kind: 'events', events: this.buffer.filter((e) => e.seq > seq) };
  }

  announce(topic: string): void {
    this.cluster?.announce(topic).catch((err) => this.onError(err, `cache announcement ${topic}`));
  }

  onAnnounced(topic: string, listener: () => void): () => void {
    this.local.on(`announce:${topic}`, listener);
    return () => this.local.off(`announce:${topic}`, listener);
  }

  /** Asks every open live stream to end (before a shutdown), so browsers reconnect elsewhere. */
  endStreams(): void {
    this.stream.emit('end');
  }

  onEndStreams(listener: () => void): () => void {
    this.stream.on('end', listener);
    return () => this.stream.off('end', listener);
  }

  async close(): Promise<void> {
    await this.cluster?.close();
  }
}
