/**
 * The on-call rota for the 24/7 categories (needles, overflowing bins…): who
 * is emailed when such a job is reported and no crew with its skill is on
 * shift. A slot whose end is not after its start runs past midnight.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiBody, ApiResponse } from '../api/types.ts';
import { FormError, useNotice } from './admin-shared.tsx';

type Rota = ApiResponse<'onCall.list'>;
type Slot = Rota['slots'][number];

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function daysText(days: number[]): string {
  return days.map((d) => DAY_NAMES[d - 1]).join(', ');
}

export function OnCallSection() {
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [now, setNow] = useState<Slot | null>(null);
  const [form, setForm] = useState({ contactName: '', email: '', phone: '', days: [1, 2, 3, 4, 5, 6, 7], start: '15:00', end: '07:00' });
  const [err, setErr] = useState<unknown>(null);
  const notice = useNotice();

  const load = () =>
    api.get<Rota>('/api/on-call').then((r) => {
      setSlots(r.slots);
      setNow(r.nowOnCall);
    }, notice.fail);
  useEffect(() => void load(), []);

  const add = async (e: Event) => {
    e.preventDefault();
    try {
      await api.post('/api/on-call', { ...form, phone: form.phone.trim() || null, days: form.days } satisfies ApiBody<'onCall.create'>);
      setErr(null);
      notice.ok(`${form.contactName} added to the on-call rota.`);
      setForm({ ...form, contactName: '', email: '', phone: '' });
    } catch (x) {
      setErr(x);
    }
    await load();
  };
  const remove = async (s: Slot) => {
    try {
      await api.del(`/api/on-call/${s.id}`);
      notice.ok(`${s.contactName}'s slot removed.`);
    } catch (x) {
      notice.fail(x);
    }
    await load();
  };

  return (
    <>
      <p>When a 24/7 job (such as needles) is reported and no crew that can deal with it is on shift, the person on call is emailed at once and the resident is told when a crew will come.</p>
      {notice.view}
      <p data-testid="on-call-now">{now ? <>On call now: <strong>{now.contactName}</strong> ({now.email})</> : <strong>Nobody is on call right now.</strong>}</p>
      {slots === null ? <p>Loading…</p> : slots.length === 0 ? <p class="muted">The rota is empty.</p> : (
        <table class="data" aria-label="On-call rota">
          <thead><tr><th>Who</th><th>Email</th><th>Phone</th><th>Days</th><th>Hours</th><th /></tr></thead>
          <tbody>
            {slots.map((s) => (
              <tr key={s.id}>
                <td>{s.contactName}</td>
                <td>{s.email}</td>
                <td>{s.phone ?? ''}</td>
                <td>{daysText(s.days)}</td>
                <td>{s.start}–{s.end}{s.end <= s.start ? ' (next day)' : ''}</td>
                <td><button type="button" class="secondary small" onClick={() => void remove(s)}>Remove<span class="visually-hidden"> {s.contactName}</span></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add to the rota</h2>
      <form class="admin-form panel" onSubmit={add}>
        <FormError err={err} />
        <div class="row">
          <div><label for="oc-name">Name</label><input id="oc-name" type="text" value={form.contactName} onInput={(e) => setForm({ ...form, contactName: e.currentTarget.value })} required /></div>
          <div><label for="oc-email">Email</label><input id="oc-email" type="email" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} required /></div>
          <div><label for="oc-phone">Phone <span class="muted">(optional)</span></label><input id="oc-phone" type="tel" value={form.phone} onInput={(e) => setForm({ ...form, phone: e.currentTarget.value })} /></div>
        </div>
        <fieldset>
          <legend>Days the slot starts on</legend>
          <div class="row">
            {DAY_NAMES.map((d, i) => (
              <label key={d} class="choice">
                <input type="checkbox" checked={form.days.includes(i + 1)} onChange={(e) => setForm({ ...form, days: e.currentTarget.checked ? [...form.days, i + 1].sort() : form.days.filter((x) => x !== i + 1) })} /> {d}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="row">
          <div><label for="oc-start">From</label><input id="oc-start" type="text" class="short" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" placeholder="HH:MM" value={form.start} onInput={(e) => setForm({ ...form, start: e.currentTarget.value })} required /></div>
          <div><label for="oc-end">Until <span class="muted">(earlier than From: next day)</span></label><input id="oc-end" type="text" class="short" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" placeholder="HH:MM" value={form.end} onInput={(e) => setForm({ ...form, end: e.currentTarget.value })} required /></div>
        </div>
        <button type="submit">Add to the rota</button>
      </form>
    </>
  );
}
