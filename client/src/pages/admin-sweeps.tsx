/** Admin: recurring sweeps, and the hotspots the nightly check suggests turning into one. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiBody, PostcodeLookup } from '../api/types.ts';
import { loadCategories, loadWards, type Category } from '../config.ts';
import { FormError, useNotice } from './admin-shared.tsx';

interface SweepRow {
  id: string;
  name: string;
  categoryCode: string;
  points: { lat: number; lng: number; address?: string | null }[];
  recurrence: string;
  active: boolean;
  version: number;
}
interface Hotspot {
  id: string;
  categoryCode: string;
  lat: number;
  lng: number;
  radiusM: number;
  reportCount: number;
  wardCode: string;
  firstReportAt: string;
  lastReportAt: string;
}

const RECURRENCES: { cron: string; label: string }[] = [
  { cron: '30 7 * * 1-5', label: 'Every weekday at 07:30' },
  { cron: '0 7 * * *', label: 'Every day at 07:00' },
  { cron: '30 7 * * 1', label: 'Mondays at 07:30' },
  { cron: '0 13 * * 1-5', label: 'Every weekday at 13:00' },
];
const recurrenceWords = (cron: string) => RECURRENCES.find((r) => r.cron === cron)?.label ?? `cron “${cron}”`;

export function SweepsSection() {
  const [sweeps, setSweeps] = useState<SweepRow[] | null>(null);
  const [hotspots, setHotspots] = useState<Hotspot[]>([]);
  const [cats, setCats] = useState<Category[]>([]);
  const [wards, setWards] = useState<Map<string, string>>(new Map());
  const notice = useNotice();
  const load = () => {
    api.get<SweepRow[]>('/api/sweeps').then(setSweeps, notice.fail);
    api.get<Hotspot[]>('/api/hotspots').then(setHotspots, () => undefined);
  };
  useEffect(() => {
    load();
    loadCategories().then(setCats, () => undefined);
    loadWards().then((w) => setWards(new Map(w.features.map((f) => [f.properties.code, f.properties.name]))), () => undefined);
  }, []);
  const catName = (c: string) => cats.find((x) => x.code === c)?.name ?? c;

  const toggle = async (sw: SweepRow) => {
    try {
      await api.patch(`/api/sweeps/${sw.id}`, { version: sw.version, active: !sw.active } satisfies ApiBody<'sweeps.update'>);
      notice.ok(`${sw.name} ${sw.active ? 'paused' : 'resumed'}.`);
    } catch (e) {
      notice.fail(e);
    }
    load();
  };
  const decide = async (h: Hotspot, accept: boolean) => {
    try {
      if (accept) await api.post(`/api/hotspots/${h.id}/accept`, { recurrence: RECURRENCES[0].cron, name: `${catName(h.categoryCode)} hotspot, ${wards.get(h.wardCode) ?? h.wardCode}` } satisfies ApiBody<'hotspots.accept'>);
      else await api.post(`/api/hotspots/${h.id}/dismiss`);
      notice.ok(accept ? 'Hotspot accepted: it is swept every weekday at 07:30 from now on.' : 'Suggestion dismissed.');
    } catch (e) {
      notice.fail(e);
    }
    load();
  };

  return (
    <>
      {notice.view}
      <h2>Suggested hotspots</h2>
      {hotspots.length === 0 ? (
        <p class="muted">No suggestions waiting. The nightly check suggests places with repeated reports.</p>
      ) : (
        <table class="data">
          <thead><tr><th>What</th><th>Ward</th><th>Reports</th><th>Between</th><th><span class="visually-hidden">Decision</span></th></tr></thead>
          <tbody>
            {hotspots.map((h) => (
              <tr key={h.id}>
                <td>{catName(h.categoryCode)} within {h.radiusM} m of {h.lat.toFixed(4)}, {h.lng.toFixed(4)}</td>
                <td>{wards.get(h.wardCode) ?? h.wardCode}</td>
                <td>{h.reportCount}</td>
                <td>{new Date(h.firstReportAt).toLocaleDateString('en-GB')} – {new Date(h.lastReportAt).toLocaleDateString('en-GB')}</td>
                <td class="row">
                  <button class="small" onClick={() => decide(h, true)}>Sweep every weekday</button>
                  <button class="secondary small" onClick={() => decide(h, false)}>Dismiss</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Recurring sweeps</h2>
      <table class="data">
        <thead><tr><th>Name</th><th>Category</th><th>Places</th><th>When</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {sweeps?.map((sw) => (
            <tr key={sw.id}>
              <td>{sw.name}</td>
              <td>{catName(sw.categoryCode)}</td>
              <td>{sw.points.map((p) => p.address ?? `${p.lat.toFixed(4)}, ${p.lng.toFixed(4)}`).join('; ')}</td>
              <td>{recurrenceWords(sw.recurrence)}</td>
              <td>{sw.active ? 'Active' : 'Paused'}</td>
              <td><button class="secondary small" onClick={() => toggle(sw)}>{sw.active ? 'Pause' : 'Resume'}<span class="visually-hidden"> {sw.name}</span></button></td>
            </tr>
          ))}
          {sweeps?.length === 0 && <tr><td colSpan={6} class="muted">No recurring sweeps yet.</td></tr>}
        </tbody>
      </table>
      <h2>Add a sweep</h2>
      <SweepForm cats={cats} onSaved={(m) => { notice.ok(m); load(); }} />
    </>
  );
}

function SweepForm({ cats, onSaved }: { cats: Category[]; onSaved: (m: string) => void }) {
  const [name, setName] = useState('');
  const [categoryCode, setCategoryCode] = useState('litter');
  const [recurrence, setRecurrence] = useState(RECURRENCES[0].cron);
  const [postcode, setPostcode] = useState('');
  const [points, setPoints] = useState<{ lat: number; lng: number; address: string }[]>([]);
  const [error, setError] = useState<unknown>(null);

  const addPoint = async () => {
    setError(null);
    try {
      const r = await api.get<PostcodeLookup>(`/api/postcodes/${encodeURIComponent(postcode.trim())}`);
      setPoints([...points, { lat: r.lat, lng: r.lng, address: r.postcode }]);
      setPostcode('');
    } catch (e) {
      setError(e);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/sweeps', { name, categoryCode, recurrence, points } satisfies ApiBody<'sweeps.create'>);
      onSaved(`${name} will be swept ${recurrenceWords(recurrence).toLowerCase()}.`);
      setName('');
      setPoints([]);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="admin-form panel" onSubmit={submit} noValidate>
      <FormError err={error} />
      <div class="row">
        <div><label for="sw-name">Name</label><input id="sw-name" type="text" placeholder="Sheil Road alleyways" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        <div>
          <label for="sw-cat">Category</label>
          <select id="sw-cat" value={categoryCode} onChange={(e) => setCategoryCode(e.currentTarget.value)}>
            {cats.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </div>
        <div>
          <label for="sw-when">When</label>
          <select id="sw-when" value={recurrence} onChange={(e) => setRecurrence(e.currentTarget.value)}>
            {RECURRENCES.map((r) => <option key={r.cron} value={r.cron}>{r.label}</option>)}
          </select>
        </div>
      </div>
      <div class="row add-place">
        <div><label for="sw-pc">Add a place by postcode</label><input id="sw-pc" type="text" class="short" value={postcode} onInput={(e) => setPostcode(e.currentTarget.value)} /></div>
        <button type="button" class="secondary" onClick={addPoint}>Add place</button>
      </div>
      {points.length > 0 && <p>Places: {points.map((p) => p.address).join(', ')}</p>}
      <button type="submit" disabled={!points.length}>Add sweep</button>
    </form>
  );
}
