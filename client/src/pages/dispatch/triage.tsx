/**
 * The triage view: new reports, most urgent first, each a card to accept (with
 * a crew), reject (with a reason the resident is told), merge or recategorise,
 * beside the map of open jobs.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Countdown } from '../../components/countdown.tsx';
import { Icon } from '../../components/icons.tsx';
import { Link } from '../../router.tsx';
import { dispatcherActions, distanceM, getWorkOrder, photoUrl, type RejectReason, type WorkOrder, type WorkOrderDetail, placeOf } from '../../work-orders.ts';
import { statusWords } from '../track.tsx';
import type { BoardContext } from './board.ts';
import { OpenJobsMap } from './open-jobs-map.tsx';

const REJECT_REASONS: Record<RejectReason, string> = {
  not_council_land: 'Private land – not the council’s to clear',
  not_found: 'Nothing there / could not be found',
  already_cleared: 'Already cleared',
  not_street_cleansing: 'Not a street-cleansing matter',
  insufficient_detail: 'Not enough detail to act on',
  other: 'Other',
};
const REJECT_MESSAGES: Record<RejectReason, string> = {
  not_council_land: 'This is on private land, so the council cannot clear it. The landowner is responsible.',
  not_found: 'Our team could not find the problem at the place you described.',
  already_cleared: 'This had already been cleared when we checked.',
  not_street_cleansing: 'This is not something the street cleansing team deals with; please contact the council’s main line.',
  insufficient_detail: 'We could not tell from the report what or where the problem is. Please report it again with more detail.',
  other: 'We are not able to take this report forward.',
};

/** Triage cards shown at once (each loads its reports and photos), most urgent first. */
const QUEUE_PAGE = 25;

export function TriageView({ open, ctx }: { open: WorkOrder[]; ctx: BoardContext }) {
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
  const [reason, setReason] = useState<RejectReason>('not_council_land');
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
            <span data-testid="card-place">{placeOf(wo)}</span>{wo.address ? <> · “{wo.address}”</> : null} · {ctx.wardNames.get(wo.wardCode) ?? wo.ward?.name ?? wo.wardCode}
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
          <select id={`${idp}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value as RejectReason)}>
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
