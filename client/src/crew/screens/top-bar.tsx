/** The bar on every screen: the crew and date (back to the route), and what is waiting to be sent. */
import { clockTime } from '../model.ts';
import { summarise, syncHeadline } from '../queue.ts';
import type { CrewState } from '../state.ts';
import { go } from '../navigation.ts';

export function TopBar({ s }: { s: CrewState }) {
  const summary = summarise(s.items);
  const tone = summary.failed ? 'bad' : summary.waiting ? 'wait' : 'ok';
  return (
    <header class="topbar">
      <button class="topbar-home" onClick={() => go('#/')} aria-label="Today's route">
        <span class="topbar-title">{s.route?.crewName ?? s.user?.name ?? 'Crew'}</span>
        <span class="topbar-sub">{s.user?.role === 'inspector' ? "Today's survey transects" : s.route?.date ? `Route for ${s.route.date}` : "Today's route"}</span>
      </button>
      <button class={`sync-pill sync-${tone}`} data-testid="sync-status" onClick={() => go('#/sync')} aria-live="polite">
        <span class="sync-line">{syncHeadline(summary)}</span>
        <span class="sync-sub">
          {!s.online ? 'No signal' : summary.headReason ?? (summary.lastSentAt ? `Last sent ${clockTime(summary.lastSentAt)}` : 'Online')}
        </span>
      </button>
    </header>
  );
}
