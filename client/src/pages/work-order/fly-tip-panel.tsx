/**
 * The office's part of a fly-tip's Defra record, on the job page: the size,
 * waste type and land type (the crew's, corrected here when the monthly
 * WasteDataFlow return lists the job as incomplete) and the enforcement
 * actions taken, each on its date. Every save is checked against the job's
 * version; a stale page is explained and reloaded.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, request } from '../../api.ts';
import type { Category } from '../../config.ts';
import { londonToday } from '../../dates.ts';

const ENFORCEMENT_ACTIONS = [
  { key: 'investigation', label: 'Investigation' },
  { key: 'warning_letter', label: 'Warning letter' },
  { key: 'fixed_penalty_notice', label: 'Fixed penalty notice' },
  { key: 'prosecution', label: 'Prosecution' },
  { key: 'statutory_notice', label: 'Statutory notice' },
  { key: 'duty_of_care_inspection', label: 'Duty of care inspection' },
];
const FIELDS = [
  { field: 'size', question: 'size', label: 'Size' },
  { field: 'wasteType', question: 'waste_type', label: 'Waste type' },
  { field: 'landType', question: 'land_type', label: 'Land type' },
] as const;

interface Action { id: string; action: string; actionLabel: string; takenOn: string; recordedBy: string }


export function FlyTipPanel({ wo, category, onDone }: { wo: { id: string; version: number; wasteData?: Record<string, string> | null }; category: Category | undefined; onDone: () => Promise<void> }) {
  const questions = Object.fromEntries(FIELDS.map((f) => [f.field, category?.questions.find((q) => q.code === f.question)]));
  const isFlyTip = !!questions.wasteType?.options?.length;
  const [actions, setActions] = useState<Action[] | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({ ...(wo.wasteData ?? {}) });
  const [action, setAction] = useState(wo.wasteData?.enforcement ?? 'investigation');
  const [takenOn, setTakenOn] = useState(londonToday());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (isFlyTip) api.get<Action[]>(`/api/work-orders/${wo.id}/enforcement-actions`).then(setActions, () => setActions([]));
  }, [wo.id, wo.version, isFlyTip]);
  useEffect(() => setFields({ ...(wo.wasteData ?? {}) }), [wo.version]);
  if (!isFlyTip) return null;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setMessage(null);
    try {
      await work();
      setMessage({ kind: 'ok', text: done });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.isStale ? 'Someone else changed this job meanwhile. It has been reloaded: check and try again.' : describeError(e) });
    }
    await onDone();
  };
  const missing = FIELDS.filter((f) => !wo.wasteData?.[f.field]).map((f) => f.label);

  return (
    <section aria-labelledby="flytip-title" class="panel staff-actions fly-tip-panel">
      <h2 id="flytip-title">Fly-tip details for Defra</h2>
      {missing.length > 0 && <p class="banner warn">Missing for the WasteDataFlow return: {missing.join(', ')}.</p>}
      <form class="row" onSubmit={(e) => { e.preventDefault(); void run(() => api.put(`/api/work-orders/${wo.id}/fly-tip-details`, { version: wo.version, ...Object.fromEntries(FIELDS.filter((f) => fields[f.field]).map((f) => [f.field, fields[f.field]])) }), 'Fly-tip details saved.'); }}>
        {FIELDS.map((f) => (
          <div class="field" key={f.field}>
            <label for={`ft-${f.field}`}>{f.label}</label>
            <select id={`ft-${f.field}`} value={fields[f.field] ?? ''} onChange={(e) => setFields({ ...fields, [f.field]: e.currentTarget.value })}>
              <option value="" disabled>Choose…</option>
              {(questions[f.field]?.options ?? []).map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
            </select>
          </div>
        ))}
        <div class="field"><button type="submit" class="secondary">Save details</button></div>
      </form>

      <h3>Enforcement actions</h3>
      {actions === null ? <p class="muted">Loading…</p> : actions.length === 0 ? <p class="muted">None recorded.</p> : (
        <ul class="enforcement-list">
          {actions.map((a) => (
            <li key={a.id}>
              <strong>{a.actionLabel}</strong> on {new Date(`${a.takenOn}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} <span class="muted">recorded by {a.recordedBy}</span>{' '}
              <button type="button" class="linklike" onClick={() => void run(() => request(`/api/work-orders/${wo.id}/enforcement-actions/${a.id}`, { method: 'DELETE', body: { version: wo.version } }), 'Action removed.')}>Remove<span class="visually-hidden"> {a.actionLabel} on {a.takenOn}</span></button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={(e) => { e.preventDefault(); void run(() => api.post(`/api/work-orders/${wo.id}/enforcement-actions`, { version: wo.version, action, takenOn }), 'Enforcement action recorded.'); }}>
        <div class="field">
          <label for="ft-action">Action</label>
          <select id="ft-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
            {ENFORCEMENT_ACTIONS.map((a) => <option key={a.key} value={a.key}>{a.label}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="ft-taken">Taken on</label>
          <input id="ft-taken" type="date" max={londonToday()} value={takenOn} onInput={(e) => setTakenOn(e.currentTarget.value)} />
        </div>
        <div class="field"><button type="submit">Record action</button></div>
      </form>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
    </section>
  );
}
