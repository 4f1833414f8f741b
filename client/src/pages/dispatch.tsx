/**
 * The dispatcher's board: triage queue and map (view "triage"), and the crews'
 * day as columns with drag and drop (view "crews"). Live updates over SSE
 * refresh what changed; a stale edit (409) is explained and the data reloaded.
 */
import * as L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { Icon } from '../components/icons.tsx';
import { useLive, type LiveState } from '../components/live.ts';
import { jobIcon } from '../components/leaflet-kit.ts';
import { escapeHtml, LeafletMap } from '../components/map.tsx';
import { loadCategories, loadWards, type Category } from '../config.ts';
import { Link } from '../router.tsx';
import type { Session } from '../session.ts';
import {
  dispatcherActions,
  distanceM,
  getWorkOrder,
  listWorkOrders,
  normalise,
  OPEN_STATUSES,
  photoUrl,
  type WorkOrder,
  type WorkOrderDetail,
} from '../work-orders.ts';
import { statusWords } from './track.tsx';

export interface Crew {
  id: string;
  name: string;
  skills: string[];
  capacity: number;
  active?: boolean;
}

interface CrewDay {
  crew: { id: string; name: string; skills: string[]; capacity: number };
  date: string;
  shift: { start: string; end: string } | null;
  workOrders: WorkOrder[];
}

interface Notice {
  kind: 'error' | 'warn' | 'ok';
  text: string;
}

const REJECT_REASONS: Record<string, string> = {
  not_council_land: 'Private land – not the council’s to clear',
  not_found: 'Nothing there / could not be found',
  already_cleared: 'Already cleared',
  not_street_cleansing: 'Not a street-cleansing matter',
  insufficient_detail: 'Not enough detail to act on',
  other: 'Other',
};
const REJECT_MESSAGES: Record<string, string> = {
  not_council_land: 'This is on private land, so the council cannot clear it. The landowner is responsible.',
  not_found: 'Our team could not find the problem at the place you described.',
  already_cleared: 'This had already been cleared when we checked.',
  not_street_cleansing: 'This is not something the street cleansing team deals with; please contact the council’s main line.',
  insufficient_detail: 'We could not tell from the report what or where the problem is. Please report it again with more detail.',
  other: 'We are not able to take this report forward.',
};

/** Triage cards shown at once (each loads its reports and photos), most urgent first. */
const QUEUE_PAGE = 25;

const STALE_TEXT = 'Someone else changed this job while you were working on it. The board has been reloaded — please check it and try again.';

/** A failure as the dispatcher should read it; stale edits get their own plain sentence. */
function noticeFor(err: unknown): Notice {
  if (err instanceof ApiError && err.isStale) return { kind: 'warn', text: STALE_TEXT };
  return { kind: 'error', text: describeError(err) };
}

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

  const run = async (what: () => Promise<unknown>, ok?: string) => {
    try {
      await what();
      setNotice(ok ? { kind: 'ok', text: ok } : null);
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

interface BoardContext {
  categories: Category[];
  wardNames: Map<string, string>;
  catName: (code: string) => string;
  run: (what: () => Promise<unknown>, ok?: string) => Promise<void>;
  /** Bumps on every reload so children refetch what they show in detail. */
  version: number;
}

function LiveBadge({ state }: { state: LiveState }) {
  const words: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Refreshing every 20 s' };
  return (
    <span class={`live-badge ${state}`} role="status" aria-live="polite">
      <i aria-hidden="true" /> {words[state]}
    </span>
  );
}

/* ---------------- triage and map ---------------- */

function TriageView({ open, ctx }: { open: WorkOrder[]; ctx: BoardContext }) {
  const queue = open.filter((w) => w.status === 'new').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const [selected, setSelected] = useState<string | null>(null);
  const [shown, setShown] = useState(QUEUE_PAGE);
  return (
    <div class="triage-layout">
      <section aria-labelledby="queue-title" class="queue">
        <h2 id="queue-title">New reports to check <span class="count">{queue.length}</span></h2>
        {queue.length === 0 && <p class="muted">Nothing waiting. New reports appear here as they arrive.</p>}
        <ul class="cards">
          {queue.slice(0, shown).map((wo) => (
            <TriageCard key={wo.id} wo={wo} open={open} ctx={ctx} selected={selected === wo.id} onSelect={() => setSelected(wo.id)} />
          ))}
        </ul>
        {queue.length > shown && (
          <button class="secondary" onClick={() => setShown(shown + QUEUE_PAGE)}>Show {Math.min(QUEUE_PAGE, queue.length - shown)} more of {queue.length - shown} waiting</button>
        )}
      </section>
      <section aria-labelledby="map-title" class="map-panel">
        <h2 id="map-title">Open jobs</h2>
        <OpenJobsMap open={open} ctx={ctx} selected={selected} onSelect={setSelected} />
      </section>
    </div>
  );
}

function TriageCard({ wo, open, ctx, selected, onSelect }: { wo: WorkOrder; open: WorkOrder[]; ctx: BoardContext; selected: boolean; onSelect: () => void }) {
  const [detail, setDetail] = useState<WorkOrderDetail | null>(null);
  const [mode, setMode] = useState<'' | 'reject' | 'merge' | 'recategorise'>('');
  const [reason, setReason] = useState('not_council_land');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const [newCat, setNewCat] = useState('');
  const [busy, setBusy] = useState(false);

  const cardRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) cardRef.current?.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [selected]);

  // Refetch only when this job changed (a new version, or a duplicate report joined it), not on every board refresh.
  useEffect(() => {
    getWorkOrder(wo.id).then(setDetail, () => undefined);
  }, [wo.id, wo.version, wo.reportCount]);

  const category = ctx.categories.find((c) => c.code === wo.categoryCode);
  const nearby = useMemo(
    () =>
      open
        .filter((o) => o.id !== wo.id && o.categoryCode === wo.categoryCode)
        .map((o) => ({ o, d: distanceM(o, wo) }))
        .filter((x) => x.d <= 250)
        .sort((a, b) => a.d - b.d)
        .slice(0, 5),
    [open, wo],
  );
  const firstReport = detail?.reports[0];
  const photos = detail ? [...detail.photos, ...detail.reports.flatMap((r) => r.photos ?? []), ...detail.reports.flatMap((r) => (r.photoIds ?? []).map((id): { id: string; flags?: string[] } => ({ id })))] : [];
  const uniquePhotos = [...new Map(photos.map((p) => [p.id, p])).values()];

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    await ctx.run(fn, ok);
    setBusy(false);
    setMode('');
  };
  const idp = `t-${wo.id}`;

  return (
    <li ref={cardRef} class={`card triage-card${selected ? ' selected' : ''}`} aria-labelledby={`${idp}-title`} onClick={onSelect}>
      <div class="card-head">
        <Icon name={category?.icon ?? 'other'} size={28} />
        <div>
          <h3 id={`${idp}-title`}>
            {ctx.catName(wo.categoryCode)} <span class="muted small">{wo.reference}</span>
          </h3>
          <p class="small">
            {wo.address ?? wo.postcode ?? `${wo.lat.toFixed(5)}, ${wo.lng.toFixed(5)}`} · {ctx.wardNames.get(wo.wardCode) ?? wo.ward?.name ?? wo.wardCode}
            {(detail?.reports.length ?? 0) > 1 && <> · <strong>{detail!.reports.length} reports</strong></>}
          </p>
        </div>
        <Countdown dueAt={wo.dueAt} state={wo.deadlineState} />
      </div>
      {firstReport && <p class="report-text">“{firstReport.description}”</p>}
      {firstReport && Object.keys(firstReport.answers ?? {}).length > 0 && (
        <dl class="answers">
          {Object.entries(firstReport.answers).map(([k, v]) => {
            const q = category?.questions.find((x) => x.code === k);
            const shown = typeof v === 'boolean' ? (v ? 'Yes' : 'No') : (q?.options?.find((o) => o.key === v)?.label ?? String(v));
            return (
              <div key={k}>
                <dt>{q?.label ?? k}</dt>
                <dd>{shown}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {uniquePhotos.length > 0 && (
        <div class="photo-thumbs">
          {uniquePhotos.filter((p) => !p.flags?.includes('unreadable')).map((p) => (
            <a key={p.id} href={photoUrl(p.id, 'full')} target="_blank" rel="noopener">
              <img src={photoUrl(p.id)} alt={`Photo reported with ${wo.reference}`} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {nearby.length > 0 && (
        <p class="banner warn small dupes">
          Possible duplicate of{' '}
          {nearby.map(({ o, d }, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <Link href={`/work-orders/${o.id}`}>{o.reference}</Link> ({Math.round(d)} m, {statusWords(o.status).toLowerCase()})
            </span>
          ))}
        </p>
      )}
      <div class="actions">
        <button onClick={() => act(() => dispatcherActions.accept(wo), `${wo.reference} accepted.`)} disabled={busy}>Accept</button>
        <button class="secondary" aria-expanded={mode === 'merge'} onClick={() => { setMode(mode === 'merge' ? '' : 'merge'); setTarget(nearby[0]?.o.id ?? ''); }} disabled={busy}>Merge…</button>
        <button class="secondary" aria-expanded={mode === 'recategorise'} onClick={() => setMode(mode === 'recategorise' ? '' : 'recategorise')} disabled={busy}>Recategorise…</button>
        <button class="secondary" aria-expanded={mode === 'reject'} onClick={() => setMode(mode === 'reject' ? '' : 'reject')} disabled={busy}>Reject…</button>
        <Link href={`/work-orders/${wo.id}`}>Details</Link>
      </div>
      {mode === 'merge' && (
        <form class="subform" onSubmit={(e) => { e.preventDefault(); const into = open.find((o) => o.id === target); if (into) void act(() => dispatcherActions.merge(wo, into), `${wo.reference} merged into ${into.reference}.`); }}>
          <label for={`${idp}-merge`}>Merge into</label>
          <select id={`${idp}-merge`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            <option value="">Choose a job…</option>
            {nearby.map(({ o, d }) => <option key={o.id} value={o.id}>{o.reference} – {Math.round(d)} m away</option>)}
            {open.filter((o) => o.id !== wo.id && !nearby.some((n) => n.o.id === o.id)).slice(0, 100).map((o) => (
              <option key={o.id} value={o.id}>{o.reference} – {ctx.catName(o.categoryCode)}, {o.postcode ?? ''}</option>
            ))}
          </select>
          <button type="submit" disabled={!target || busy}>Merge</button>
        </form>
      )}
      {mode === 'recategorise' && (
        <form class="subform" onSubmit={(e) => { e.preventDefault(); if (newCat) void act(() => dispatcherActions.recategorise(wo, newCat), `${wo.reference} is now ${ctx.catName(newCat)}; its deadline was recalculated.`); }}>
          <label for={`${idp}-cat`}>New category</label>
          <select id={`${idp}-cat`} value={newCat} onChange={(e) => setNewCat(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {ctx.categories.filter((c) => c.code !== wo.categoryCode).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
          <button type="submit" disabled={!newCat || busy}>Change category</button>
        </form>
      )}
      {mode === 'reject' && (
        <form class="subform" onSubmit={(e) => { e.preventDefault(); void act(() => dispatcherActions.reject(wo, reason, note.trim() || REJECT_MESSAGES[reason]), `${wo.reference} rejected; the reporter will be told.`); }}>
          <label for={`${idp}-reason`}>Reason</label>
          <select id={`${idp}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            {Object.entries(REJECT_REASONS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <label for={`${idp}-note`}>Message to the reporter</label>
          <textarea id={`${idp}-note`} rows={2} placeholder={REJECT_MESSAGES[reason]} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <span class="hint">Leave empty to send the text shown.</span>
          <button type="submit" class="danger" disabled={busy}>Reject report</button>
        </form>
      )}
    </li>
  );
}

function OpenJobsMap({ open, ctx, selected, onSelect }: { open: WorkOrder[]; ctx: BoardContext; selected: string | null; onSelect: (id: string) => void }) {
  const [ward, setWard] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('');
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const [ready, setReady] = useState(false);
  const fitted = useRef(false);

  const shown = open.filter((w) => (!ward || w.wardCode === ward) && (!category || w.categoryCode === category) && (!status || w.status === status));

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    const group = L.layerGroup();
    for (const w of shown) {
      const m = L.marker([w.lat, w.lng], { icon: jobIcon(w.deadlineState, w.id === selected), title: `${w.reference} ${ctx.catName(w.categoryCode)}`, keyboard: true });
      m.bindPopup(
        `<strong>${escapeHtml(w.reference)}</strong><br>${escapeHtml(ctx.catName(w.categoryCode))}<br>${escapeHtml(statusWords(w.status))}<br><a href="/work-orders/${encodeURIComponent(w.id)}" data-nav>Open job</a>`,
      );
      m.on('click', () => onSelect(w.id));
      group.addLayer(m);
    }
    group.addTo(map);
    layerRef.current = group;
    if (!fitted.current && shown.length) {
      fitted.current = true;
      map.fitBounds(L.latLngBounds(shown.map((w) => [w.lat, w.lng] as L.LatLngTuple)), { padding: [40, 40], maxZoom: 15 });
    }
  }, [shown.map((w) => `${w.id}:${w.version}:${w.deadlineState}`).join(), selected, ready]);

  const wards = [...ctx.wardNames.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <>
      <div class="filters row" role="group" aria-label="Filter the map">
        <div>
          <label for="f-ward">Ward</label>
          <select id="f-ward" class="short" value={ward} onChange={(e) => setWard(e.currentTarget.value)}>
            <option value="">All wards</option>
            {wards.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </div>
        <div>
          <label for="f-cat">Category</label>
          <select id="f-cat" class="short" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">All categories</option>
            {ctx.categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </div>
        <div>
          <label for="f-status">Status</label>
          <select id="f-status" class="short" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">All open</option>
            {OPEN_STATUSES.map((s) => <option key={s} value={s}>{statusWords(s)}</option>)}
          </select>
        </div>
        <p class="small muted" aria-live="polite">{shown.length} of {open.length} open jobs shown</p>
      </div>
      <div class="legend" aria-hidden="true">
        <span><i class="on_time" /> On time</span>
        <span><i class="at_risk" /> At risk</span>
        <span><i class="overdue" /> Overdue</span>
      </div>
      <LeafletMap
        label="Map of open jobs, coloured by deadline"
        class="map board-map"
        zoom={13}
        onReady={(m) => {
          mapRef.current = m;
          // Links inside popups navigate within the app.
          m.on('popupopen', (e: L.PopupEvent) => {
            e.popup.getElement()?.querySelector<HTMLAnchorElement>('a[data-nav]')?.addEventListener('click', (ev) => {
              ev.preventDefault();
              history.pushState(null, '', (ev.currentTarget as HTMLAnchorElement).getAttribute('href')!);
              dispatchEvent(new PopStateEvent('popstate'));
            });
          });
          setReady(true);
        }}
      />
    </>
  );
}

/* ---------------- crews' day ---------------- */

interface RoutePlan {
  id: string;
  routeDate: string;
  status: 'draft' | 'published' | 'superseded';
  createdAt: string;
  summary: { jobs: number; planned: number; late: string[]; unplanned: string[]; crewsUsed: number; distanceKm: number; elapsedMs: number; published?: number; skipped?: string[] };
  assignments: { workOrderId: string; reference?: string; crewId: string; position: number; plannedStartAt: string; late: boolean }[];
}

function CrewsView({ open, ctx, setNotice, reload }: { open: WorkOrder[]; ctx: BoardContext; setNotice: (n: Notice | null) => void; reload: () => Promise<void> }) {
  const [crews, setCrews] = useState<Crew[] | null>(null);
  const [days, setDays] = useState<Map<string, CrewDay>>(new Map());
  const [planner, setPlanner] = useState(false);
  const [plan, setPlan] = useState<RoutePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<string | null>(null);

  useEffect(() => {
    api.get<Crew[]>('/api/crews').then(setCrews, (e) => setNotice(noticeFor(e)));
    hasPlanner().then(
      (yes) => {
        setPlanner(yes);
        if (yes) api.get<RoutePlan[]>('/api/plans').then((plans) => setPlan(plans.find((p) => p.status !== 'superseded' && p.summary.jobs > 0) ?? null), () => undefined);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!crews) return;
    Promise.all(crews.map((c) => api.get<CrewDay>(`/api/crews/${c.id}/day`).then((d) => [c.id, d] as const))).then(
      (pairs) => setDays(new Map(pairs.map(([id, d]) => [id, { ...d, workOrders: d.workOrders.map(normalise) }]))),
      (e) => setNotice(noticeFor(e)),
    );
  }, [crews, ctx.version]);

  const byId = new Map<string, WorkOrder>();
  for (const w of open) byId.set(w.id, w);
  for (const d of days.values()) for (const w of d.workOrders) if (!byId.has(w.id)) byId.set(w.id, w);
  const unassigned = open.filter((w) => !w.crewId && w.status !== 'new').sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  const dropOn = async (crewId: string | null, position?: number) => {
    const id = dragging;
    setDragging(null);
    const wo = id ? byId.get(id) : null;
    if (!wo) return;
    if (crewId === null) {
      if (wo.crewId) await ctx.run(() => dispatcherActions.unassign(wo), `${wo.reference} taken off ${crews?.find((c) => c.id === wo.crewId)?.name ?? 'its crew'}.`);
      return;
    }
    const crew = crews?.find((c) => c.id === crewId);
    // Dropped "before stop N" within its own day: taking it out first shifts the later stops up by one.
    const target = position && wo.crewId === crewId && wo.routePosition !== null && wo.routePosition < position ? position - 1 : position;
    if (wo.crewId === crewId && target === wo.routePosition) return;
    await ctx.run(() => dispatcherActions.assign(wo, crewId, target), `${wo.reference} given to ${crew?.name ?? 'the crew'}${target ? ` as stop ${target}` : ''}.`);
  };

  const moveByKeyboard = async (wo: WorkOrder, crewId: string) => {
    if (crewId === '') return ctx.run(() => dispatcherActions.unassign(wo), `${wo.reference} taken off its crew.`);
    const crew = crews?.find((c) => c.id === crewId);
    await ctx.run(() => dispatcherActions.assign(wo, crewId), `${wo.reference} given to ${crew?.name ?? 'the crew'}.`);
  };

  const planDay = async () => {
    setBusy(true);
    try {
      const draft = await api.post<RoutePlan>('/api/plans', {});
      setPlan(draft);
      setNotice({ kind: 'ok', text: 'The planner has drafted today’s routes. Check them, then publish.' });
    } catch (err) {
      setNotice(noticeFor(err));
    }
    setBusy(false);
  };
  const publish = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      setPlan(await api.post<RoutePlan>(`/api/plans/${plan.id}/publish`, {}));
      setNotice({ kind: 'ok', text: 'Today’s routes are published to the crews’ tablets.' });
    } catch (err) {
      setNotice(noticeFor(err));
    }
    setBusy(false);
    await reload();
  };

  if (!crews) return <p><span class="spinner" aria-hidden="true" /> Loading crews…</p>;
  const date = [...days.values()][0]?.date;

  return (
    <>
      <div class="row plan-bar">
        <p class="muted">{date ? `Routes for ${new Date(date + 'T12:00:00Z').toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })}. ` : ''}Drag a job onto a crew, or between jobs to set the order. Each card also has a “Move to” list for keyboard use.</p>
        {planner && <button onClick={planDay} disabled={busy}>{busy ? 'Working…' : 'Plan the day'}</button>}
        {planner && <button class="secondary" onClick={publish} disabled={busy || plan?.status !== 'draft'}>Publish routes</button>}
        {!planner && <span class="small muted">Automatic planning is not available on this server.</span>}
      </div>
      {plan && <PlanSummary plan={plan} crews={crews} refOf={(id) => byId.get(id)?.reference ?? id.slice(0, 8)} />}
      <div class="crew-columns">
        <Column
          title="Ready to assign"
          subtitle={`${unassigned.length} job${unassigned.length === 1 ? '' : 's'}`}
          jobs={unassigned}
          crews={crews}
          ctx={ctx}
          dragging={dragging}
          setDragging={setDragging}
          onDrop={(pos) => dropOn(null, pos)}
          onMove={moveByKeyboard}
          testId="col-unassigned"
        />
        {crews.map((c) => {
          const day = days.get(c.id);
          const jobs = (day?.workOrders ?? []).slice().sort((a, b) => (a.routePosition ?? 0) - (b.routePosition ?? 0));
          return (
            <Column
              key={c.id}
              crewId={c.id}
              title={c.name}
              subtitle={`${day?.shift ? `On shift ${clockTime(day.shift.start)}–${clockTime(day.shift.end)}` : 'Not on shift'} · skills: ${c.skills.join(', ')}`}
              jobs={jobs}
              crews={crews}
              ctx={ctx}
              dragging={dragging}
              setDragging={setDragging}
              onDrop={(pos) => dropOn(c.id, pos)}
              onMove={moveByKeyboard}
              onReorder={(wo, position) => ctx.run(() => dispatcherActions.assign(wo, c.id, position), `${wo.reference} is now stop ${position} for ${c.name}.`)}
              testId={`col-${c.id}`}
            />
          );
        })}
      </div>
    </>
  );
}

/** "07:00" in London for an ISO instant (or an HH:MM already). */
function clockTime(t: string): string {
  if (/^\d\d:\d\d$/.test(t)) return t;
  return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/** Whether this server has the planner (read from its API description, not guessed). */
async function hasPlanner(): Promise<boolean> {
  const doc = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
  return !!doc.paths['/api/plans']?.post && !!doc.paths['/api/plans/{id}/publish']?.post;
}

function PlanSummary({ plan, crews, refOf }: { plan: RoutePlan; crews: Crew[]; refOf: (id: string) => string }) {
  const s = plan.summary;
  const byCrew = crews
    .map((c) => ({ c, jobs: plan.assignments.filter((a) => a.crewId === c.id).sort((a, b) => a.position - b.position) }))
    .filter((x) => x.jobs.length);
  return (
    <div class={`panel plan-summary ${plan.status}`} data-testid="plan-summary">
      <h2>{plan.status === 'draft' ? 'Draft plan (not yet on the crews’ tablets)' : plan.status === 'published' ? 'Published plan' : 'Superseded plan'}</h2>
      <p>
        {s.planned} of {s.jobs} jobs planned across {s.crewsUsed} crew{s.crewsUsed === 1 ? '' : 's'}, {s.distanceKm.toFixed(1)} km of driving.
        {s.late.length > 0 && <strong class="bad-text"> {s.late.length} would miss their deadline.</strong>}
        {s.unplanned.length > 0 && <strong class="bad-text"> {s.unplanned.length} could not be planned (no crew with the skill or time).</strong>}
      </p>
      {plan.status === 'draft' && (
        <div class="plan-crews">
          {byCrew.map(({ c, jobs }) => (
            <p key={c.id} class="small">
              <strong>{c.name}:</strong>{' '}
              {jobs.map((a) => `${a.position}. ${a.reference ?? refOf(a.workOrderId)} ${new Date(a.plannedStartAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}${a.late ? ' (late)' : ''}`).join(' · ')}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

function Column(props: {
  title: string;
  subtitle: string;
  jobs: WorkOrder[];
  crews: Crew[];
  crewId?: string;
  ctx: BoardContext;
  dragging: string | null;
  setDragging: (id: string | null) => void;
  onDrop: (position?: number) => void;
  onMove: (wo: WorkOrder, crewId: string) => void;
  onReorder?: (wo: WorkOrder, position: number) => void;
  testId: string;
}) {
  const [over, setOver] = useState<number | null>(null);
  const { jobs, crewId } = props;
  const accept = (e: DragEvent, pos: number) => {
    if (!props.dragging) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'move';
    setOver(pos);
  };
  const drop = (e: DragEvent, pos: number) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(null);
    props.onDrop(crewId ? pos : undefined);
  };
  return (
    <section
      class={`crew-column${over !== null ? ' drop-target' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
      onDragOver={(e) => accept(e, jobs.length + 1)}
      onDragLeave={(e) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) setOver(null);
      }}
      onDrop={(e) => drop(e, jobs.length + 1)}
    >
      <header>
        <h2>{props.title}</h2>
        <p class="small muted">{props.subtitle}</p>
      </header>
      <ol class="job-list">
        {jobs.map((wo, i) => (
          <li
            key={wo.id}
            class={`job-card${props.dragging === wo.id ? ' dragging' : ''}${over === i + 1 ? ' insert-before' : ''}`}
            draggable
            data-testid={`job-${wo.reference}`}
            onDragStart={(e) => {
              e.dataTransfer!.setData('text/plain', wo.id);
              e.dataTransfer!.effectAllowed = 'move';
              props.setDragging(wo.id);
            }}
            onDragEnd={() => props.setDragging(null)}
            onDragOver={(e) => accept(e, i + 1)}
            onDrop={(e) => drop(e, i + 1)}
          >
            <div class="job-line">
              {crewId && <span class="pos" aria-label={`Stop ${i + 1}`}>{i + 1}</span>}
              <Icon name={props.ctx.categories.find((c) => c.code === wo.categoryCode)?.icon ?? 'other'} size={22} />
              <Link href={`/work-orders/${wo.id}`}>{wo.reference}</Link>
              <span class="small">{props.ctx.catName(wo.categoryCode)}</span>
            </div>
            <div class="job-line small">
              <span>{wo.postcode ?? wo.address ?? ''}</span>
              <Countdown dueAt={wo.dueAt} state={wo.deadlineState} />
            </div>
            <div class="job-line small">
              <span class="muted">{statusWords(wo.status)}</span>
              {crewId && props.onReorder && (
                <span class="reorder">
                  <button type="button" class="secondary small" disabled={i === 0} onClick={() => props.onReorder!(wo, i)} aria-label={`Move ${wo.reference} earlier`}>↑</button>
                  <button type="button" class="secondary small" disabled={i === jobs.length - 1} onClick={() => props.onReorder!(wo, i + 2)} aria-label={`Move ${wo.reference} later`}>↓</button>
                </span>
              )}
              <label class="visually-hidden" for={`mv-${wo.id}`}>Move {wo.reference} to</label>
              <select id={`mv-${wo.id}`} class="move-select" value={crewId ?? ''} onChange={(e) => props.onMove(wo, e.currentTarget.value)}>
                <option value="">Not assigned</option>
                {props.crews.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </div>
          </li>
        ))}
        {jobs.length === 0 && <li class="empty muted small">{crewId ? 'No jobs yet. Drop one here.' : 'Nothing waiting.'}</li>}
      </ol>
    </section>
  );
}
