/**
 * The dispatcher's board: triage queue and map (view "triage"), and the crews'
 * day as columns with drag and drop (view "crews"). Live updates over SSE
 * refresh what changed; a stale edit (409) is explained and the data reloaded.
 * The views live in dispatch/; this component loads the board and keeps it fresh.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { useLive, type LiveState } from '../components/live.ts';
import { loadCategories, loadWards, type Category } from '../config.ts';
import type { Session } from '../session.ts';
import { listWorkOrders, OPEN_STATUSES, type WorkOrder } from '../work-orders.ts';
import { noticeFor, type BoardContext, type Notice } from './dispatch/board.ts';
import { CrewsView } from './dispatch/crews.tsx';
import { ReopenedQueue } from './dispatch/reopened-queue.tsx';
import { EvidenceQueue } from './dispatch/evidence-queue.tsx';
import { TriageView } from './dispatch/triage.tsx';
import { WardsSlipping } from './dispatch/wards-slipping.tsx';

export default function DispatchPage({ view }: { session: Session; view: 'triage' | 'crews' }) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [wardNames, setWardNames] = useState<Map<string, string>>(new Map());
  const [open, setOpen] = useState<WorkOrder[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refreshTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    loadWards().then((w) => setWardNames(new Map(w.features.map((f) => [f.properties.code, f.properties.name]))), () => undefined);
  }, []);

  const reload = useCallback(async () => {
    try {
      setOpen(await listWorkOrders({ status: OPEN_STATUSES.join(',') }));
      setLoadError(null);
    } catch (e) {
      setLoadError(describeError(e));
    }
    setVersion((v) => v + 1);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Bursts of events (a planner run moves many jobs) become one refresh.
  const live = useLive(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => void reload(), 250);
  });
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  // Without a live stream (an old server, a proxy that buffers SSE) the board still refreshes itself.
  useEffect(() => {
    if (live !== 'unavailable') return;
    const t = window.setInterval(() => void reload(), 20_000);
    return () => clearInterval(t);
  }, [live, reload]);

  const run: BoardContext['run'] = async (what, ok) => {
    try {
      const answer = await what();
      setNotice(typeof ok === 'function' ? ok(answer) : ok ? { kind: 'ok', text: ok } : null);
    } catch (err) {
      setNotice(noticeFor(err));
    }
    await reload();
  };

  const catName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
  const ctx: BoardContext = { categories, wardNames, catName, run, version };

  return (
    <div class="page wide dispatch">
      <div class="board-head">
        <h1>{view === 'triage' ? 'Triage and map' : 'Crews today'}</h1>
        <LiveBadge state={live} />
      </div>
      {notice && (
        <div class={`banner ${notice.kind}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text} <button class="linklike" onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}
      {loadError && <p class="banner error" role="alert">Could not load work orders: {loadError}</p>}
      {/* Residents saying a cleared job is still there come first; then evidence to check, then wards slipping. */}
      {view === 'triage' && open !== null && <ReopenedQueue open={open} catName={catName} wardNames={wardNames} />}
      {view === 'triage' && <EvidenceQueue version={version} catName={catName} />}
      {view === 'triage' && <WardsSlipping />}
      {open === null ? (
        <p><span class="spinner" aria-hidden="true" /> Loading…</p>
      ) : view === 'triage' ? (
        <TriageView open={open} ctx={ctx} />
      ) : (
        <CrewsView open={open} ctx={ctx} setNotice={setNotice} reload={reload} />
      )}
    </div>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const words: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Refreshing every 20 s' };
  return (
    <span class={`live-badge ${state}`} role="status" aria-live="polite">
      <i aria-hidden="true" /> {words[state]}
    </span>
  );
}
