/**
 * One value read from the database for a hot path and kept in memory until it
 * changes. The service that writes it calls `changed()` after each committed
 * write: its own copy is dropped and, through the CacheChannel, so is every
 * other instance's. `maxAgeMs` bounds how long a change made some other way
 * (a seed from the command line, a hand edit, an announcement lost with a
 * dropped connection) can go unseen. Callers at the same moment share one
 * read; a failed read is not kept. The value is shared: callers must not
 * change it.
 */
import type { CacheChannel } from './event-bus.js';

export interface ReadCacheOptions {
  /** The announcement other instances' copies of the same value listen for. */
  topic: string;
  channel?: CacheChannel;
  maxAgeMs: number;
}

export class ReadCache<T> {
  private kept: { at: number; value: Promise<T> } | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly opts: ReadCacheOptions,
  ) {
    opts.channel?.onAnnounced(opts.topic, () => this.drop());
  }

  get(): Promise<T> {
    const now = Date.now();
    if (this.kept && now - this.kept.at < this.opts.maxAgeMs) return this.kept.value;
    // Kept from the moment the read starts: a change committed meanwhile drops it, so a read that saw
    // the row as it was before that change is never kept past it.
    const kept = { at: now, value: this.read() };
    this.kept = kept;
    kept.value.catch(() => {
      if (this.kept === kept) this.kept = null;
    });
    return kept.value;
  }

  /** After a committed write through the owning service: the next `get` here and on every other instance reads again. */
  changed(): void {
    this.drop();
    this.opts.channel?.announce(this.opts.topic);
  }

  private drop(): void {
    this.kept = null;
  }
}
