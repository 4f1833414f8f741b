/**
 * Rows asked for by id in the same turn of the event loop are read in one
 * statement. Out of hours every hazard report escalates and each escalation
 * needs its job's row (for the email and the live events); the reports of one
 * intake batch are announced in one turn, so their escalations ask together,
 * and one `WHERE id = ANY(...)` replaces a round trip per job. An id asked for
 * twice before the read is read once. If the read fails, every caller waiting
 * on it gets the error.
 */

interface Waiting<T> {
  resolve: (row: T | null) => void;
  reject: (error: unknown) => void;
}

export class GroupedReads<T> {
  private pending: Map<string, Waiting<T>[]> | null = null;
  /** Statements read and ids asked for in them so far: how well reads share a statement. */
  readonly stats = { reads: 0, ids: 0 };

  constructor(
    /** Reads the rows with these ids in one statement; an id without a row is absent from the map. */
    private readonly readMany: (ids: string[]) => Promise<Map<string, T>>,
    /** The read waits this long after the first id is asked for (0: the next turn), so ids asked for a little later share it. */
    private readonly gatherMs = 0,
  ) {}

  /** The row with this id, null when there is none. */
  read(id: string): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      if (!this.pending) {
        this.pending = new Map();
        // Next turn at the soonest, not now: ids asked for in this turn join the same read.
        if (this.gatherMs > 0) setTimeout(() => void this.flush(), this.gatherMs);
        else setImmediate(() => void this.flush());
      }
      const waiting = this.pending.get(id);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(id, [{ resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending!;
    this.pending = null;
    let rows: Map<string, T>;
    try {
      rows = await this.readMany([...batch.keys()]);
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
      return;
    }
    this.stats.reads++;
    this.stats.ids += batch.size;
    for (const [id, waiting] of batch) for (const w of waiting) w.resolve(rows.get(id) ?? null);
  }
}
