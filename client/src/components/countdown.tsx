import { useEffect, useState } from 'preact/hooks';
import { countdown, type DeadlineState } from '../work-orders.ts';

const subscribers = new Set<(n: number) => void>();
let timer: number | undefined;

/** One shared 30-second tick for every countdown on the page. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    subscribers.add(setNow);
    timer ??= window.setInterval(() => {
      const n = Date.now();
      for (const s of subscribers) s(n);
    }, 30_000);
    return () => {
      subscribers.delete(setNow);
      if (!subscribers.size && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

export const DEADLINE_WORDS: Record<DeadlineState, string> = { on_time: 'On time', at_risk: 'At risk', overdue: 'Overdue' };

export function Countdown({ dueAt, state }: { dueAt: string; state: DeadlineState }) {
  const now = useNow();
  const c = countdown(dueAt, now);
  const effective: DeadlineState = c.overdue ? 'overdue' : state;
  return (
    <span class={`pill ${effective}`} title={`Deadline ${new Date(dueAt).toLocaleString('en-GB')}`}>
      {DEADLINE_WORDS[effective]} · {c.text}
    </span>
  );
}
