/**
 * The arithmetic of the weekly report, on work orders and requests already
 * loaded: when a job counts as fixed or closed without fixing, whether it was
 * open at an instant, and the statistics the PDF prints. No I/O.
 */
import type { ClearTime, Headline } from '../../reports/weekly/types.js';
import type { ReportWeek } from '../../reports/weekly/week.js';
import { isVerifiedFixed } from '../work-orders/evidence.js';
import type { WorkOrder } from '../work-orders/work-order.entity.js';
import { CLOSED_NOT_FIXED_STATUSES, FIXED_STATUSES, type WorkOrderStatus } from '../work-orders/work-order.state.js';

const HOUR_MS = 3_600_000;

export function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

const isFixedStatus = (s: WorkOrderStatus) => FIXED_STATUSES.includes(s);
const isClosedNotFixedStatus = (s: WorkOrderStatus) => CLOSED_NOT_FIXED_STATUSES.includes(s);

/** When a fixed job was fixed, else null. Fixed means closed as fixed with its evidence accepted ("fixed, with evidence"). */
export function fixedAt(wo: WorkOrder): string | null {
  return isFixedStatus(wo.status) && isVerifiedFixed(wo) ? (wo.completedAt ?? wo.closedAt ?? wo.updatedAt) : null;
}

/** When the crew closed a job as fixed whose photos the office has not accepted: counted apart, never as fixed. */
export function underReviewAt(wo: WorkOrder): string | null {
  return isFixedStatus(wo.status) && !isVerifiedFixed(wo) ? (wo.completedAt ?? wo.closedAt ?? wo.updatedAt) : null;
}

/** When a job was closed without being fixed, else null. */
export function closedNotFixedAt(wo: WorkOrder): string | null {
  return isClosedNotFixedStatus(wo.status) ? (wo.closedAt ?? wo.completedAt ?? wo.updatedAt) : null;
}

export function finishedAt(wo: WorkOrder): string | null {
  return fixedAt(wo) ?? closedNotFixedAt(wo) ?? underReviewAt(wo);
}

export function inWindow(t: string | null, w: { start: string; end: string }): boolean {
  return t !== null && t >= w.start && t < w.end;
}

export function openAt(wo: WorkOrder, instant: string): boolean {
  if (wo.openedAt >= instant) return false;
  const done = finishedAt(wo);
  return done === null || done >= instant;
}

/** Fixed by its deadline (only meaningful for a fixed job). */
export const fixedOnTime = (wo: WorkOrder) => fixedAt(wo)! <= wo.dueAt;

export function clearTime(fixed: WorkOrder[]): ClearTime | null {
  if (!fixed.length) return null;
  const sorted = fixed.map((wo) => hoursBetween(wo.openedAt, fixedAt(wo)!)).sort((a, b) => a - b);
  const onTime = fixed.filter(fixedOnTime).length;
  return { count: sorted.length, onTime, medianHours: round2(median(sorted)), p90Hours: round2(percentile(sorted, 0.9)) };
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

export function headlineOf(workOrders: WorkOrder[], requests: { createdAt: string }[], week: ReportWeek): Headline {
  const fixed = workOrders.filter((wo) => inWindow(fixedAt(wo), week));
  const open = workOrders.filter((wo) => wo.mergedIntoId === null && openAt(wo, week.end));
  const onTime = fixed.filter(fixedOnTime).length;
  const clear = clearTime(fixed);
  return {
    received: requests.filter((r) => inWindow(r.createdAt, week)).length,
    fixed: fixed.length,
    closedNotFixed: workOrders.filter((wo) => inWindow(closedNotFixedAt(wo), week)).length,
    stillOpen: open.length,
    overdue: open.filter((wo) => wo.dueAt < week.end).length,
    withinDeadlineShare: fixed.length ? onTime / fixed.length : null,
    medianHoursToClear: clear?.medianHours ?? null,
  };
}
