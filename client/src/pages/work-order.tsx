/** One work order in full: what was reported, its history, before/after photos and evidence checks. */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import type { ApiBody } from '../api/types.ts';
import { Countdown } from '../components/countdown.tsx';
import { Icon } from '../components/icons.tsx';
import { jobIcon } from '../components/leaflet-kit.ts';
import { LeafletMap } from '../components/map.tsx';
import { useLive } from '../components/live.ts';
import { loadCategories, type Category } from '../config.ts';
import { Link } from '../router.tsx';
import { getWorkOrder, photoUrl, placeOf, type PhotoRef, type Priority, type WorkOrderDetail } from '../work-orders.ts';
import { formatDateTime } from '../dates.ts';
import { statusWords } from './track.tsx';
import * as L from 'leaflet';
import { FlyTipPanel } from './work-order/fly-tip-panel.tsx';
import { EvidencePanel, type Evidence } from './work-order/evidence-panel.tsx';
import { PublicPlaceEditor } from './work-order/public-place.tsx';
import { JobActions } from './work-order/job-actions.tsx';

export const EVIDENCE_WORDS: Record<string, string> = {
  no_gps: 'Photo has no location',
  far_from_job: 'Photo taken far from the job',
  no_timestamp: 'Photo has no time',
  taken_long_before: 'Photo taken long before the job started',
  missing_before: 'No before photo',
  missing_after: 'No after photo',
  unreadable: 'A photo could not be read',
};

const KIND_WORDS: Record<string, string> = { report: 'Reported', before: 'Before', after: 'After', extra: 'Extra' };

function eventText(type: string, from: string | null, to: string | null): string {
  if (from && to && from !== to) return `${statusWords(from)} → ${statusWords(to)}`;
  return type.replace(/[_.]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export default function WorkOrderPage({ id }: { id: string }) {
  const [wo, setWo] = useState<WorkOrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [crews, setCrews] = useState<{ id: string; name: string }[]>([]);

  const load = () =>
    getWorkOrder(id).then(setWo, (e) => setError(e instanceof ApiError && e.status === 404 ? 'There is no work order with this id.' : describeError(e)));
  useEffect(() => {
    void load();
    loadCategories().then(setCategories, () => undefined);
    api.get<{ id: string; name: string }[]>('/api/crews').then(setCrews, () => undefined);
  }, [id]);
  // Only this job's changes (or a stream that lost its place) reload the page.
  useLive((m) => {
    if (m.type === 'resync' || (m.data as { workOrderId?: string } | null)?.workOrderId === id) void load();
  });

  if (error) return <div class="page"><h1>Work order</h1><p class="banner error" role="alert">{error}</p></div>;
  if (!wo) return <div class="page"><p><span class="spinner" aria-hidden="true" /> Loading…</p></div>;

  const category = categories.find((c) => c.code === wo.categoryCode);
  const photos = wo.photos;
  const byKind = (k: string) => photos.filter((p) => (p.kind ?? 'report') === k);
  const open = ['new', 'accepted', 'scheduled', 'assigned', 'in_progress', 'reopened'].includes(wo.status);
  const evidenceStatus = (wo as WorkOrderDetail & { evidence?: Evidence }).evidence?.status;
  // Where a position or time came from (the tablet, not the photo) is not a problem: the evidence panel says it per photo.
  const flags = [...new Set([...(wo.evidenceFlags ?? []), ...photos.flatMap((p) => p.flags ?? [])])].filter((f) => !f.endsWith('_from_device'));

  return (
    <div class="page wo-detail">
      <p><Link href="/dispatch">← Back to the board</Link></p>
      <div class="wo-title">
        <Icon name={category?.icon ?? 'other'} size={40} />
        <div>
          <h1>{category?.name ?? wo.categoryCode} <span class="muted">{wo.reference}</span></h1>
          <p>
            <span class="pill neutral">{statusWords(wo.status)}</span>{' '}
            {/* Closed as fixed, but the public and the councillor see it as fixed only once the photos are accepted. */}
            {evidenceStatus === 'needs_review' && <><span class="pill warn">Evidence to check</span>{' '}</>}
            {evidenceStatus === 'rejected' && <><span class="pill bad">Evidence rejected</span>{' '}</>}
            {open ? <Countdown dueAt={wo.dueAt} state={wo.deadlineState} /> : <span class={`pill ${wo.deadlineState === 'overdue' ? 'bad' : 'ok'}`}>{wo.deadlineState === 'overdue' ? 'Closed late' : 'Closed in time'}</span>}{' '}
            <span class="pill neutral">Priority: {wo.priority}</span>
          </p>
        </div>
      </div>

      <div class="grid2">
        <section>
          <h2>Where</h2>
          <p class="wo-place">
            <strong data-testid="wo-place">{placeOf(wo)}</strong>, {wo.ward?.name ?? wo.wardCode} ward · zone {wo.zone}
            {wo.address && <><br /><span class="small">Resident’s description (office only, not reviewed): “{wo.address}”</span></>}
          </p>
          <LeafletMap
            label={`Map showing where ${wo.reference} is`}
            class="map small-map"
            center={[wo.lat, wo.lng]}
            zoom={16}
            onReady={(m) => L.marker([wo.lat, wo.lng], { icon: jobIcon(open ? wo.deadlineState : 'closed'), keyboard: false }).addTo(m)}
          />
          <h2>Deadline</h2>
          <dl class="facts">
            <dt>Opened</dt><dd>{formatDateTime(wo.openedAt)}</dd>
            <dt>Due</dt><dd>{formatDateTime(wo.dueAt)}</dd>
            {wo.crewId && <><dt>Crew</dt><dd>{crews.find((c) => c.id === wo.crewId)?.name ?? 'Assigned'}{wo.routePosition ? `, stop ${wo.routePosition}` : ''}{wo.routeDate ? ` on ${new Date(wo.routeDate + 'T12:00:00Z').toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })}` : ''}</dd></>}
            {wo.startedAt && <><dt>Started</dt><dd>{formatDateTime(wo.startedAt)}</dd></>}
            {wo.completedAt && <><dt>Completed</dt><dd>{formatDateTime(wo.completedAt)}</dd></>}
            {wo.closedAt && <><dt>Closed</dt><dd>{formatDateTime(wo.closedAt)}</dd></>}
            {wo.outcomeReason && <><dt>Outcome</dt><dd>{wo.outcomeReason.replace(/_/g, ' ')}{wo.outcomeNote ? ` – ${wo.outcomeNote}` : ''}</dd></>}
          </dl>
          {Object.keys(wo.quantities ?? {}).length > 0 && (
            <>
              <h2>Recorded by the crew</h2>
              <dl class="facts">
                {Object.entries(wo.quantities!).map(([k, v]) => {
                  const q = category?.quantities.find((x) => x.code === k);
                  return <Fragment key={k}><dt>{q?.label ?? k}</dt><dd>{v} {q?.unit ?? ''}</dd></Fragment>;
                })}
                {Object.entries(wo.wasteData ?? {}).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{v}</dd></Fragment>)}
              </dl>
            </>
          )}
        </section>

        <section>
          <h2>Photos</h2>
          {flags.length > 0 ? (
            <ul class="flags" aria-label="Evidence checks">
              {flags.map((f) => <li key={f} class="pill warn">{EVIDENCE_WORDS[f] ?? f.replace(/_/g, ' ')}</li>)}
            </ul>
          ) : (
            photos.some((p) => p.kind === 'after') && <p class="pill ok">Evidence checks passed</p>
          )}
          {photos.length === 0 && <p class="muted">No photos yet.</p>}
          <div class="before-after">
            {['report', 'before', 'after', 'extra'].map((k) =>
              byKind(k).length ? (
                <figure key={k}>
                  <figcaption>{KIND_WORDS[k]}</figcaption>
                  <div class="photo-thumbs">
                    {byKind(k).map((p) => <PhotoLink key={p.id} p={p} label={`${KIND_WORDS[k]} photo of ${wo.reference}`} />)}
                  </div>
                </figure>
              ) : null,
            )}
          </div>

          <h2>Reports ({wo.reports.length})</h2>
          {wo.reports.map((r) => (
            <div class="panel report-item" key={r.id}>
              <p class="small muted">{r.reference} · {formatDateTime(r.createdAt)} · via {r.source}</p>
              <p>“{r.description}”</p>
              {Object.keys(r.answers ?? {}).length > 0 && (
                <dl class="answers">
                  {Object.entries(r.answers).map(([k, v]) => {
                    const q = category?.questions.find((x) => x.code === k);
                    return (
                      <div key={k}>
                        <dt>{q?.label ?? k}</dt>
                        <dd>{typeof v === 'boolean' ? (v ? 'Yes' : 'No') : (q?.options?.find((o) => o.key === v)?.label ?? String(v))}</dd>
                      </div>
                    );
                  })}
                </dl>
              )}
              {r.contact && (r.contact.name || r.contact.email || r.contact.phone) && (
                <p class="small contact-line">
                  <strong>Reporter (staff only):</strong> {[r.contact.name, r.contact.email, r.contact.phone].filter(Boolean).join(' · ')}
                </p>
              )}
            </div>
          ))}
        </section>
      </div>

      <JobActions wo={wo} requiredSkill={category?.requiredSkill} onDone={load} />
      <EvidencePanel wo={wo as WorkOrderDetail & { evidence?: Evidence }} onDone={load} />
      <PublicPlaceEditor wo={wo} onDone={load} />
      {open && <StaffActions wo={wo} onDone={load} />}
      <FlyTipPanel wo={wo} category={category} onDone={load} />

      <h2>History</h2>
      <ol class="timeline">
        {wo.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
            <strong>{eventText(e.type, e.fromStatus, e.toStatus)}</strong> <span class="muted">by {e.actorLabel}</span>
            {e.isPublic && <span class="pill neutral small">shown to reporter</span>}
            {e.note && <p>{e.note}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}

function PhotoLink({ p, label }: { p: PhotoRef; label: string }) {
  // The server found the pixels unreadable after accepting the upload: there is nothing to show.
  if (p.flags?.includes('unreadable')) return <span class="small muted">{label}: could not be read</span>;
  return (
    <a href={p.url ?? photoUrl(p.id, 'full')} target="_blank" rel="noopener">
      <img src={p.thumbUrl ?? photoUrl(p.id)} alt={label} loading="lazy" />
      {p.takenAt && <span class="small muted block">{new Date(p.takenAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}</span>}
    </a>
  );
}

/** What a dispatcher does from the job itself: an internal note, a different priority. Stale edits are explained, then reloaded. */
function StaffActions({ wo, onDone }: { wo: WorkOrderDetail; onDone: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const [priority, setPriority] = useState(wo.priority);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      setNote('');
    } catch (err) {
      setMessage({ kind: err instanceof ApiError && err.isStale ? 'warn' : 'error', text: describeError(err) });
    }
    await onDone();
  };
  return (
    <section aria-labelledby="actions-title" class="panel staff-actions">
      <h2 id="actions-title">Office actions</h2>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      <form class="row" onSubmit={(e) => { e.preventDefault(); if (note.trim()) void run(() => api.post(`/api/work-orders/${wo.id}/notes`, { version: wo.version, note: note.trim() } satisfies ApiBody<'workOrders.note'>), 'Note added.'); }}>
        <div class="grow">
          <label for="wo-note">Internal note <span class="muted">(staff only; never shown to reporters or councillors)</span></label>
          <input id="wo-note" type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary" disabled={!note.trim()}>Add note</button>
      </form>
      <form class="row" onSubmit={(e) => { e.preventDefault(); void run(() => api.post(`/api/work-orders/${wo.id}/priority`, { version: wo.version, priority } satisfies ApiBody<'workOrders.priority'>), `Priority is now ${priority}.`); }}>
        <div>
          <label for="wo-priority">Priority</label>
          <select id="wo-priority" class="short" value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
            {['urgent', 'high', 'normal', 'low'].map((p) => <option key={p} value={p}>{p[0].toUpperCase() + p.slice(1)}</option>)}
          </select>
        </div>
        <button type="submit" class="secondary" disabled={priority === wo.priority}>Change priority</button>
      </form>
    </section>
  );
}
