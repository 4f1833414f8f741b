/** What the dispatcher's board views share: crews, a crew's day, the notice banner and the board's context. */
import { ApiError, describeError } from '../../api.ts';
import type { Category } from '../../config.ts';
import { offShiftSentence, type OffShift, type WorkOrder } from '../../work-orders.ts';

export interface Crew {
  id: string;
  name: string;
  skills: string[];
  capacity: number;
  active?: boolean;
}

export interface CrewDay {
  crew: { id: string; name: string; skills: string[]; capacity: number };
  date: string;
  shift: { start: string; end: string } | null;
  workOrders: WorkOrder[];
}

export interface Notice {
  kind: 'error' | 'warn' | 'ok';
  text: string;
}

const STALE_TEXT = 'Someone else changed this job while you were working on it. The board has been reloaded — please check it and try again.';

/** A failure as the dispatcher should read it; stale edits get their own plain sentence. */
export function noticeFor(err: unknown): Notice {
  if (err instanceof ApiError && err.isStale) return { kind: 'warn', text: STALE_TEXT };
  return { kind: 'error', text: describeError(err) };
}

/** The notice for an assignment: "ok", or a warning with when the crew is next on when it is off shift now. */
export function assignedNotice(text: string): (answer: { offShift: OffShift | null }) => Notice {
  return (answer) => (answer.offShift ? { kind: 'warn', text: `${text} ${offShiftSentence(answer.offShift)}` } : { kind: 'ok', text });
}

export interface BoardContext {
  categories: Category[];
  wardNames: Map<string, string>;
  catName: (code: string) => string;
  /** Does it, then shows the notice (a fixed sentence, or one made from the answer) or the failure, and reloads. */
  run: <T>(what: () => Promise<T>, ok?: string | ((answer: T) => Notice)) => Promise<void>;
  /** Bumps on every reload so children refetch what they show in detail. */
  version: number;
}
