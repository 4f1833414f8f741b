/**
 * The crew tablet's outbox. Every action the crew lead takes (start, complete,
 * can't complete, extra photo) is written here first — with its photo and the
 * Idempotency-Key made at the tap — and only then sent, strictly in the order
 * it was taken. Nothing here touches IndexedDB or fetch directly: storage and
 * sending come in through two small interfaces, so the rules (ordering,
 * back-off, when to stop and tell the crew) are plain functions that can be
 * tested without a browser.
 */

/** A job step, or a graded survey transect (jobId is then the survey visit's id). */
export type ActionKind = 'start' | 'complete' | 'not-completed' | 'partial' | 'photos' | 'survey';

/** waiting → sending → done, or failed (with a reason a crew lead can read) when retrying cannot help. */
export type ItemStatus = 'waiting' | 'sending' | 'failed' | 'done';

export interface OutboxItem {
  /** The Idempotency-Key: made when the crew lead tapped, sent on every attempt. */
  id: string;
  /** Order the actions were taken in; sending follows it strictly. */
  seq: number;
  jobId: string;
  /** Shown in the sync list ("WO-26-000012, Sheil Road"). */
  jobLabel: string;
  kind: ActionKind;
  /** Every field except the photo; sent as one JSON string in the multipart field `data`. */
  data: Record<string, unknown>;
  photo: Blob | null;
  status: ItemStatus;
  attempts: number;
  /** Epoch ms before which this item is not retried (back-off after a network error or 5xx). */
  notBefore: number;
  /** Why the last attempt did not go through, in words for the crew lead. */
  reason: string | null;
  /** The server's machine code for a refusal (JOB_REASSIGNED…), or NETWORK / HTTP_5xx. */
  errorCode: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** What one attempt to send an item came back with. */
export type SendResult =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; code: string; message: string; details?: unknown };

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface Transport {
  send(item: OutboxItem): Promise<SendResult>;
}

/**
 * The job is no longer this crew's to close: retrying cannot help, and the
 * server kept what was sent as evidence for the dispatcher. Later steps of the
 * same job are still sent so their photos reach the server too.
 */
export const JOB_GONE_CODES: ReadonlySet<string> = new Set(['JOB_REASSIGNED', 'JOB_CANCELLED', 'ALREADY_COMPLETED']);

/** Logged out or session expired: nothing can go until the crew lead logs in again; not the item's fault. */
export const AUTH_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'HTTP_401', 'SESSION_EXPIRED']);

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** Sent items stay listed (for "Last sent 10:42") for a day, without their photo. */
export const KEEP_DONE_MS = 24 * 3600_000;

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  // ±20 % jitter so a room full of tablets coming back online do not all retry in step.
  return Math.round(exp * (0.8 + 0.4 * random()));
}

/** Retrying may help: no signal, server down or busy. */
export function isTransient(result: SendResult): boolean {
  if (result.kind === 'network') return true;
  if (result.kind !== 'http') return false;
  return result.status >= 500 || result.status === 408 || result.status === 429;
}

/** The sentence shown for a refusal. JOB_REASSIGNED names the crew when the server says which. */
export function describeRefusal(code: string, message: string, details?: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>;
  const crew = pickString(d, ['crewName', 'assignedCrewName', 'newCrewName', 'toCrewName']) ?? pickString((d.crew ?? {}) as Record<string, unknown>, ['name']);
  switch (code) {
    case 'JOB_REASSIGNED':
      return `This job was given to ${crew ?? 'another crew'} — your photos were kept.`;
    case 'JOB_CANCELLED':
      return 'This job was cancelled by the office — your photos were kept.';
    case 'ALREADY_COMPLETED':
      return 'This job was already completed — your photos were kept.';
    default:
      return message || `The server refused this (${code}).`;
  }
}

function pickString(o: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
}

/** The item after one attempt. Pure: `now` and `random` come in. */
export function applyResult(item: OutboxItem, result: SendResult, now: number, random: () => number = Math.random): OutboxItem {
  const attempts = item.attempts + 1;
  if (result.kind === 'ok') {
    return { ...item, status: 'done', attempts, photo: null, reason: null, errorCode: null, sentAt: now, notBefore: 0 };
  }
  if (isTransient(result)) {
    const code = result.kind === 'network' ? 'NETWORK' : result.code;
    const reason = result.kind === 'network' ? 'No signal — will try again.' : 'The server is busy — will try again.';
    return { ...item, status: 'waiting', attempts, reason, errorCode: code, notBefore: now + backoffMs(attempts, random) };
  }
  const r = result as Extract<SendResult, { kind: 'http' }>;
  if (AUTH_CODES.has(r.code) || r.status === 401) {
    return { ...item, status: 'waiting', attempts, reason: 'Log in again to send this.', errorCode: 'UNAUTHENTICATED', notBefore: 0 };
  }
  return { ...item, status: 'failed', attempts, reason: describeRefusal(r.code, r.message, r.details), errorCode: r.code, notBefore: 0 };
}

/** Sending order: oldest tap first. */
export function inOrder(items: readonly OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => a.seq - b.seq);
}

/**
 * The next item to send, or why nothing can go now. Strict order: a waiting
 * item still in its back-off holds back everything after it (the server would
 * see a complete before its start otherwise). A refused item holds back only
 * the later steps of its own job — unless the job is gone to someone else, in
 * which case those steps go too, so their evidence reaches the server.
 */
export function nextToSend(items: readonly OutboxItem[], now: number): { item: OutboxItem | null; wakeAt: number | null } {
  const blockedJobs = new Set<string>();
  for (const item of inOrder(items)) {
    if (item.status === 'done') continue;
    if (item.status === 'failed') {
      if (!JOB_GONE_CODES.has(item.errorCode ?? '')) blockedJobs.add(item.jobId);
      continue;
    }
    if (blockedJobs.has(item.jobId)) continue;
    if (item.errorCode === 'UNAUTHENTICATED') return { item: null, wakeAt: null };
    if (item.notBefore > now) return { item: null, wakeAt: item.notBefore };
    return { item, wakeAt: null };
  }
  return { item: null, wakeAt: null };
}

/** After a reload, an item caught mid-send is simply sent again: its Idempotency-Key makes that safe. */
export function recoverAfterRestart(item: OutboxItem): OutboxItem {
  return item.status === 'sending' ? { ...item, status: 'waiting' } : item;
}

export interface SyncSummary {
  waiting: number;
  failed: number;
  sending: boolean;
  lastSentAt: number | null;
  /** The reason the head of the queue is stuck, if any ("No signal — will try again."). */
  headReason: string | null;
}

export function summarise(items: readonly OutboxItem[]): SyncSummary {
  let waiting = 0;
  let failed = 0;
  let sending = false;
  let lastSentAt: number | null = null;
  let headReason: string | null = null;
  for (const item of inOrder(items)) {
    if (item.status === 'done') lastSentAt = Math.max(lastSentAt ?? 0, item.sentAt ?? 0);
    else if (item.status === 'failed') failed += 1;
    else {
      waiting += 1;
      if (item.status === 'sending') sending = true;
      headReason ??= item.reason;
    }
  }
  return { waiting, failed, sending, lastSentAt, headReason };
}

/** "All sent" / "3 waiting to send" / "1 could not be sent": the always-visible line. */
export function syncHeadline(s: SyncSummary): string {
  const parts: string[] = [];
  if (s.waiting > 0) parts.push(s.sending ? `Sending… ${s.waiting} waiting` : `${s.waiting} waiting to send`);
  if (s.failed > 0) parts.push(`${s.failed} could not be sent`);
  return parts.length ? parts.join(' · ') : 'All sent';
}

export interface NewAction {
  jobId: string;
  jobLabel: string;
  kind: ActionKind;
  data: Record<string, unknown>;
  photo: Blob | null;
}

type Listener = (items: OutboxItem[]) => void;

/**
 * Runs the outbox: one send at a time, in order; wakes up on enqueue, when
 * the network returns (`kick`), and when a back-off ends.
 */
export class Outbox {
  private items: OutboxItem[] = [];
  private draining: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();
  private kickAgain = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly transport: Transport,
    private readonly env: { now: () => number; newKey: () => string; isOnline: () => boolean; onSent?: (item: OutboxItem, body: unknown) => void },
  ) {}

  /** Loads what was queued before the reload or reboot and starts sending it. */
  async open(): Promise<void> {
    const stored = await this.store.all();
    const now = this.env.now();
    this.items = [];
    for (const raw of stored) {
      if (raw.status === 'done' && (raw.sentAt ?? 0) < now - KEEP_DONE_MS) {
        await this.store.delete(raw.id);
        continue;
      }
      const item = recoverAfterRestart(raw);
      if (item !== raw) await this.store.put(item);
      this.items.push(item);
    }
    this.emit();
    this.kick();
  }

  snapshot(): OutboxItem[] {
    return inOrder(this.items);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => this.listeners.delete(fn);
  }

  /** Writes the action to the store before anything else; resolves once it is safe on the device. */
  async enqueue(action: NewAction): Promise<OutboxItem> {
    const seq = this.items.reduce((m, i) => Math.max(m, i.seq), 0) + 1;
    const item: OutboxItem = {
      ...action,
      id: this.env.newKey(),
      seq,
      status: 'waiting',
      attempts: 0,
      notBefore: 0,
      reason: null,
      errorCode: null,
      createdAt: this.env.now(),
      sentAt: null,
    };
    await this.store.put(item);
    this.items.push(item);
    this.emit();
    this.kick();
    return item;
  }

  /**
   * The crew lead tapped "Try again" on a refused item. The server keeps its
   * answer under the old key (a replay would repeat the refusal), so the
   * retry is a new attempt with a new key, in the same place in the order.
   */
  async retry(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.status !== 'failed') return;
    const fresh: OutboxItem = { ...item, id: this.env.newKey(), status: 'waiting', attempts: 0, notBefore: 0, reason: null, errorCode: null };
    await this.store.put(fresh);
    await this.store.delete(id);
    this.items = this.items.map((i) => (i.id === id ? fresh : i));
    this.emit();
    this.kick();
  }

  /**
   * The crew lead has read a "job gone" refusal: the server kept the evidence,
   * so the item can leave the tablet. Other refusals stay until sent.
   */
  async acknowledge(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.status !== 'failed' || !JOB_GONE_CODES.has(item.errorCode ?? '')) return;
    await this.store.delete(id);
    this.items = this.items.filter((i) => i.id !== id);
    this.emit();
  }

  /** Logged in again: items held back for the session go now. */
  async resumeAfterLogin(): Promise<void> {
    for (const item of this.items) {
      if (item.status === 'waiting' && item.errorCode === 'UNAUTHENTICATED') await this.replace({ ...item, reason: null, errorCode: null });
    }
    this.kick();
  }

  /** Network back (or app start, or a new item): send now, skipping any back-off wait. */
  kick({ skipBackoff = false } = {}): void {
    if (skipBackoff) {
      this.items = this.items.map((i) => (i.status === 'waiting' && i.errorCode === 'NETWORK' ? { ...i, notBefore: 0 } : i));
    }
    if (this.draining) {
      this.kickAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.kickAgain) {
        this.kickAgain = false;
        this.kick();
      }
    });
  }

  /** Resolves when the current sending run (if any) has finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    this.stop();
    for (;;) {
      if (!this.env.isOnline()) return; // the 'online' event kicks us again
      const { item, wakeAt } = nextToSend(this.items, this.env.now());
      if (!item) {
        if (wakeAt !== null) this.timer = setTimeout(() => this.kick(), Math.max(0, wakeAt - this.env.now()));
        return;
      }
      await this.replace({ ...item, status: 'sending' });
      let result: SendResult;
      try {
        result = await this.transport.send(item);
      } catch (err) {
        result = { kind: 'network', message: err instanceof Error ? err.message : String(err) };
      }
      const after = applyResult({ ...item, status: 'sending' }, result, this.env.now());
      await this.replace(after);
      if (result.kind === 'ok') this.env.onSent?.(after, result.body);
    }
  }

  private async replace(item: OutboxItem): Promise<void> {
    await this.store.put(item);
    this.items = this.items.map((i) => (i.id === item.id ? item : i));
    this.emit();
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const fn of this.listeners) fn(snap);
  }
}

/** Plain in-memory store, for tests and as a fallback when IndexedDB is unavailable. */
export class MemoryStore implements OutboxStore {
  private readonly rows = new Map<string, OutboxItem>();
  async all() {
    return [...this.rows.values()];
  }
  async put(item: OutboxItem) {
    this.rows.set(item.id, item);
  }
  async delete(id: string) {
    this.rows.delete(id);
  }
}
