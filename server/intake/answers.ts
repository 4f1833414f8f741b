/**
 * Answers to a category's questions, checked against the questions as data
 * (server/categories/category.entity.ts). Values arrive as JSON types from
 * the web client and as strings from forms and Open311, so both are read.
 */
import type { Category, CategoryQuestion } from '../categories/category.entity.js';

export interface AnswerProblem {
  field: string;
  message: string;
}

export interface CheckedAnswers {
  answers: Record<string, unknown>;
  problems: AnswerProblem[];
  /** Set when a yes to a `routesTo` question files the report under another category. */
  routedTo: string | null;
}

const YES = new Set(['true', 'yes', 'y', '1', 'on']);
const NO = new Set(['false', 'no', 'n', '0', 'off']);

function readBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (YES.has(s)) return true;
    if (NO.has(s)) return false;
  }
  return undefined;
}

function readNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function checkOne(q: CategoryQuestion, raw: unknown): { value?: unknown; problem?: string } {
  switch (q.type) {
    case 'number': {
      const n = readNumber(raw);
      if (n === undefined) return { problem: 'must be a number' };
      if (q.min !== undefined && n < q.min) return { problem: `must be at least ${q.min}` };
      if (q.max !== undefined && n > q.max) return { problem: `must be at most ${q.max}` };
      return { value: n };
    }
    case 'boolean': {
      const b = readBoolean(raw);
      return b === undefined ? { problem: 'must be yes or no' } : { value: b };
    }
    case 'single': {
      const key = typeof raw === 'string' ? raw.trim() : undefined;
      const keys = (q.options ?? []).map((o) => o.key);
      return key !== undefined && keys.includes(key) ? { value: key } : { problem: `must be one of: ${keys.join(', ')}` };
    }
    case 'multi': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
      const keys = (q.options ?? []).map((o) => o.key);
      if (!list || list.some((k) => typeof k !== 'string' || !keys.includes(k))) return { problem: `must be a list of: ${keys.join(', ')}` };
      return { value: [...new Set(list as string[])] };
    }
    case 'text': {
      if (typeof raw !== 'string') return { problem: 'must be text' };
      const s = raw.trim();
      return s.length > 500 ? { problem: 'must be at most 500 characters' } : { value: s };
    }
    case 'datetime': {
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) return { problem: 'must be a date and time (ISO 8601)' };
      return { value: new Date(raw).toISOString() };
    }
  }
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/**
 * `ignoreUnknown`: senders like FixMyStreet add their own attributes
 * (easting, fixmystreet_id…); they are dropped instead of refused.
 */
export function checkAnswers(category: Category, given: Record<string, unknown>, opts: { ignoreUnknown?: boolean } = {}): CheckedAnswers {
  const problems: AnswerProblem[] = [];
  const answers: Record<string, unknown> = {};
  let routedTo: string | null = null;
  const known = new Set(category.questions.map((q) => q.code));
  if (!opts.ignoreUnknown) {
    for (const key of Object.keys(given)) if (!known.has(key)) problems.push({ field: `answers.${key}`, message: `is not a question for ${category.name}` });
  }
  for (const q of category.questions) {
    const raw = given[q.code];
    if (isBlank(raw)) {
      if (q.required) problems.push({ field: `answers.${q.code}`, message: `is required (${q.label})` });
      continue;
    }
    const { value, problem } = checkOne(q, raw);
    if (problem) problems.push({ field: `answers.${q.code}`, message: problem });
    else {
      answers[q.code] = value;
      if (q.type === 'boolean' && value === true && q.routesTo) routedTo = q.routesTo;
    }
  }
  return { answers, problems, routedTo };
}
