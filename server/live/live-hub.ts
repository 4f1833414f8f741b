/**
 * Fans the in-process event bus out to Server-Sent-Event clients, keeping the
 * last events in a bounded ring buffer so a client that reconnects with
 * Last-Event-ID gets what it missed. Ids are "<boot>.<sequence>": a client
 * whose id comes from another process (a restart, another instance) or has
 * fallen out of the buffer is told to `resync` (reload its data) instead of
 * silently missing changes.
 */
import type { EventBus, LiveEvent } from '../platform/event-bus.js';

export interface StoredEvent {
  id: string;
  seq: number;
  event: LiveEvent;
}

export type ReplayResult = { kind: 'events'; events: StoredEvent[] } | { kind: 'resync' };

export class LiveHub {
  private readonly buffer: StoredEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: StoredEvent) => void>();
  readonly boot = Date.now().toString(36);

  constructor(
    events: EventBus,
    private readonly capacity = 1000,
  ) {
    events.subscribe((event) => this.push(event));
  }

  private push(event: LiveEvent): void {
    this.seq += 1;
    const stored = { id: `${this.boot}.${this.seq}`, seq: this.seq, event };
    this.buffer.push(stored);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) listener(stored);
  }

  /** What a client reconnecting after `lastEventId` missed. */
  since(lastEventId: string): ReplayResult {
    const [boot, seqText] = lastEventId.split('.');
    const seq = Number(seqText);
    if (boot !== this.boot || !Number.isInteger(seq) || seq > this.seq) return { kind: 'resync' };
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) return { kind: 'resync' };
    return { kind: 'events', events: this.buffer.filter((e) => e.seq > seq) };
  }

  listen(listener: (e: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
