/**
 * What a dispatcher does to a job from its page: assign, reassign or take it
 * off a crew (warned when that crew is off shift, with when it is next on),
 * reopen a closed job with a reason, cancel an open one, and write a public
 * update to the reporters. Every action sends the version the page shows; a
 * 409 is explained and the page reloads.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../../api.ts';
import { dispatcherActions, nextOnWords, offShiftSentence, type WorkOrderDetail } from '../../work-orders.ts';

export interface CrewDuty {
  crewId: string;
  name: string;
  skills: string[];
  onShift: boolean;
  shift: { start: string; end: string } | null;
}

type Message = { kind: 'ok' | 'error' | 'warn'; text: string };

const OPEN = ['new', 'accepted', 'scheduled', 'assigned', 'in_progress', 'reopened'];

/** Before assigning: said of the crew chosen when it is not on shift now. */
export function offShiftWords(d: Pick<CrewDuty, 'name' | 'shift'>): string {
  return `${d.name} is not on shift now; ${nextOnWords(d.shift?.start ?? null)}.`;
}

export function JobActions({ wo, requiredSkill, onDone }: { wo: WorkOrderDetail; requiredSkill: string | undefined; onDone: () => Promise<void> }) {
  const [crews, setCrews] = useState<CrewDuty[]>([]);
  const [crewId, setCrewId] = useState('');
  const [reason, setReason] = useState('');
  const [update, setUpdate] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const open = OPEN.includes(wo.status);

  useEffect(() => {
    api.get<CrewDuty[]>('/api/crews/availability').then(setCrews, () => undefined);
  }, [wo.version]);

  const able = crews.filter((c) => !requiredSkill || c.skills.includes(requiredSkill));
  const chosen = crews.find((c) => c.crewId === crewId);
  const current = crews.find((c) => c.crewId === wo.crewId);

  const run = async (fn: () => Promise<Message | void>, ok: string) => {
    setBusy(true);
    try {
      setMessage((await fn()) ?? { kind: 'ok', text: ok });
      setReason('');
      setUpdate('');
      setCrewId('');
    } catch (err) {
      const stale = err instanceof ApiError && err.status === 409;
      setMessage({ kind: stale ? 'warn' : 'error', text: stale ? `${describeError(err)} The page now shows the job as it is; check it and try again.` : describeError(err) });
    }
    setBusy(false);
    await onDone();
  };

  const assign = () =>
    run(async () => {
      const r = await dispatcherActions.assign(wo, crewId);
      if (r.offShift) return { kind: 'warn', text: `${wo.crewId ? 'Reassigned' : 'Assigned'} to ${r.offShift.crewName}. ${offShiftSentence(r.offShift)}` };
    }, `${wo.crewId ? 'Reassigned' : 'Assigned'} to ${chosen?.name ?? 'the crew'}.`);

  return (
    <section aria-labelledby="job-actions-title" class="panel job-actions">
      <h2 id="job-actions-title">Dispatch</h2>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      {open && (
        <>
          <p class="small">
            {wo.crewId ? <>On <strong>{current?.name ?? 'a crew'}</strong>{current && !current.onShift ? <span class="pill warn small"> off shift</span> : null}</> : 'Not on any crew yet.'}
          </p>
          <form class="row" onSubmit={(e) => { e.preventDefault(); if (crewId) void assign(); }}>
            <div class="grow">
              <label for="ja-crew">{wo.crewId ? 'Reassign to' : 'Assign to'}</label>
              <select id="ja-crew" value={crewId} onChange={(e) => setCrewId(e.currentTarget.value)}>
                <option value="">Choose a crew…</option>
                {able.filter((c) => c.crewId !== wo.crewId).map((c) => (
                  <option key={c.crewId} value={c.crewId}>{c.name}{c.onShift ? ' (on shift)' : ' (off shift)'}</option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={!crewId || busy || wo.status === 'in_progress'}>{wo.crewId ? 'Reassign' : 'Assign'}</button>
            {wo.crewId && wo.status !== 'in_progress' && (
              <button type="button" class="secondary" disabled={busy} onClick={() => void run(() => api.post(`/api/work-orders/${wo.id}/unassign`, { version: wo.version }).then(() => undefined), 'Taken off the crew’s day.')}>Unassign</button>
            )}
          </form>
          {chosen && !chosen.onShift && <p class="banner warn" role="alert" data-testid="off-shift-warning">{offShiftWords(chosen)}</p>}
        </>
      )}
      <form onSubmit={(e) => { e.preventDefault(); if (update.trim().length >= 3) void run(() => api.post(`/api/work-orders/${wo.id}/public-updates`, { version: wo.version, message: update.trim() }).then(() => undefined), 'Update sent to the reporters.'); }}>
        <label for="ja-update">Public update to the reporters <span class="muted">(tracking page, email and Open311)</span></label>
        <div class="row">
          <input id="ja-update" class="grow" type="text" maxLength={1000} value={update} onInput={(e) => setUpdate(e.currentTarget.value)} />
          <button type="submit" class="secondary" disabled={update.trim().length < 3 || busy}>Send update</button>
        </div>
      </form>
      <form onSubmit={(e) => e.preventDefault()}>
        <label for="ja-reason">{open ? 'Reason to cancel' : 'Reason to reopen'} <span class="muted">{open ? '(told to the reporters)' : '(kept in the history)'}</span></label>
        <div class="row">
          <input id="ja-reason" class="grow" type="text" maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          {open ? (
            <button type="button" class="danger" disabled={reason.trim().length < 3 || busy} onClick={() => void run(() => api.post(`/api/work-orders/${wo.id}/cancel`, { version: wo.version, reason: reason.trim() }).then(() => undefined), 'Job cancelled; the reporters are told why.')}>Cancel job</button>
          ) : (
            <button type="button" disabled={reason.trim().length < 3 || busy} onClick={() => void run(() => api.post(`/api/work-orders/${wo.id}/reopen`, { version: wo.version, reason: reason.trim() }).then(() => undefined), 'Job reopened; it is back in planning.')}>Reopen job</button>
          )}
        </div>
      </form>
    </section>
  );
}
