/** Admin: the weekly report emails to councillors, with their status and a way to send one again. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { loadWards } from '../config.ts';
import { useNotice } from './admin-shared.tsx';

interface DeliveryRow {
  id: string;
  wardCode: string;
  week: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  userName: string | null;
  userEmail: string | null;
}

export function DeliveriesSection() {
  const [rows, setRows] = useState<DeliveryRow[] | null>(null);
  const [wards, setWards] = useState<Map<string, string>>(new Map());
  const notice = useNotice();
  const load = () => api.get<DeliveryRow[]>('/api/weekly-reports/deliveries').then(setRows, notice.fail);
  useEffect(() => {
    void load();
    loadWards().then((w) => setWards(new Map(w.features.map((f) => [f.properties.code, f.properties.name]))), () => undefined);
  }, []);
  const resend = async (d: DeliveryRow) => {
    try {
      const r = await api.post<DeliveryRow>(`/api/weekly-reports/deliveries/${d.id}/resend`);
      notice.ok(r.status === 'sent' ? `Sent again to ${d.userName ?? 'the councillor'}.` : `Queued again: ${r.lastError ?? r.status}.`);
    } catch (e) {
      notice.fail(e);
    }
    void load();
  };
  return (
    <>
      {notice.view}
      <p>Every Monday at 07:00 each subscribed councillor is emailed their ward’s PDF. Failed sends are retried; you can send one again here.</p>
      <table class="data">
        <thead><tr><th>Week</th><th>Ward</th><th>Councillor</th><th>Status</th><th>Attempts</th><th>Problem</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {rows?.map((d) => (
            <tr key={d.id}>
              <td>{d.week}</td>
              <td>{wards.get(d.wardCode) ?? d.wardCode}</td>
              <td>{d.userName ?? '—'}</td>
              <td><span class={`pill ${d.status === 'sent' ? 'ok' : d.status === 'failed' || d.status === 'gave_up' ? 'bad' : 'neutral'}`}>{d.status.replace('_', ' ')}</span>{d.sentAt ? ` ${new Date(d.sentAt).toLocaleString('en-GB')}` : ''}</td>
              <td>{d.attempts}</td>
              <td>{d.lastError ?? ''}</td>
              <td>{d.status !== 'sending' && <button class="secondary small" onClick={() => resend(d)}>Send again<span class="visually-hidden"> to {d.userName}</span></button>}</td>
            </tr>
          ))}
          {rows?.length === 0 && <tr><td colSpan={7} class="muted">No weekly report emails yet.</td></tr>}
        </tbody>
      </table>
    </>
  );
}
