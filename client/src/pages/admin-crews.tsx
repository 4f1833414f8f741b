/**
 * Admin: crews and shifts: name, skills, capacity, members, depot and weekly
 * pattern, plus dated exceptions (leave, a short day, extra cover).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiBody, PostcodeLookup, Skill } from '../api/types.ts';
import { londonToday } from '../dates.ts';
import { FormError, SKILLS, useNotice } from './admin-shared.tsx';

interface CrewRow {
  id: string;
  name: string;
  skills: Skill[];
  capacity: number;
  members: string[];
  shift: { days: number[]; start: string; end: string };
  /** Dated changes to the pattern: leave (available: false), a short day or extra cover (other hours). */
  exceptions: ShiftException[];
  depotLat: number;
  depotLng: number;
  active: boolean;
  version: number;
}
interface ShiftException {
  date: string;
  available: boolean;
  start?: string;
  end?: string;
  reason: string;
}
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function dayWords(date: string): string {
  // "Tue 1 Dec 2026" (some ICU versions put a comma after the weekday).
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
}

export function CrewsSection() {
  const [crews, setCrews] = useState<CrewRow[] | null>(null);
  const notice = useNotice();
  const load = () => api.get<CrewRow[]>('/api/crews').then(setCrews, notice.fail);
  useEffect(() => void load(), []);
  return (
    <>
      {notice.view}
      {crews?.map((c) => (
        <section key={`${c.id}:${c.version}`} class="panel crew-card" aria-labelledby={`c-${c.id}-title`}>
          <h2 id={`c-${c.id}-title`}>{c.name}</h2>
          <CrewForm crew={c} onSaved={(m) => { notice.ok(m); void load(); }} onError={notice.fail} />
          <CrewExceptions crew={c} onSaved={(m) => { notice.ok(m); void load(); }} onError={(e) => { notice.fail(e); void load(); }} />
        </section>
      ))}
      <h2>Add a crew</h2>
      <NewCrewForm onSaved={(m) => { notice.ok(m); void load(); }} />
    </>
  );
}

function NewCrewForm({ onSaved }: { onSaved: (m: string) => void }) {
  const [name, setName] = useState('');
  const [members, setMembers] = useState('');
  const [skills, setSkills] = useState<Skill[]>(['general']);
  const [depot, setDepot] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const where = await api.get<PostcodeLookup>(`/api/postcodes/${encodeURIComponent(depot.trim() || 'x')}`);
      await api.post('/api/crews', {
        name,
        skills,
        members: members.split(',').map((m) => m.trim()).filter(Boolean),
        depotLat: where.lat,
        depotLng: where.lng,
        shift: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
      } satisfies ApiBody<'crews.create'>);
      onSaved(`${name} added, on weekdays 07:00–15:00; change the shift above.`);
      setName('');
      setMembers('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="admin-form panel" onSubmit={submit} noValidate>
      <FormError err={error} />
      <div class="row">
        <div><label for="nc-name">Crew name</label><input id="nc-name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        <div><label for="nc-members">Members (comma separated)</label><input id="nc-members" type="text" value={members} onInput={(e) => setMembers(e.currentTarget.value)} /></div>
        <div><label for="nc-depot">Depot postcode</label><input id="nc-depot" type="text" class="short" value={depot} onInput={(e) => setDepot(e.currentTarget.value)} /></div>
      </div>
      <fieldset>
        <legend>Skills</legend>
        <div class="inline-choices">
          {SKILLS.map((sk) => (
            <label class="choice" key={sk}><input type="checkbox" checked={skills.includes(sk)} onChange={(e) => setSkills(e.currentTarget.checked ? [...skills, sk] : skills.filter((x) => x !== sk))} /> {sk}</label>
          ))}
        </div>
      </fieldset>
      <button type="submit">Add crew</button>
    </form>
  );
}

function CrewForm({ crew, onSaved, onError }: { crew: CrewRow; onSaved: (m: string) => void; onError: (e: unknown) => void }) {
  const [skills, setSkills] = useState(crew.skills);
  const [days, setDays] = useState(crew.shift.days);
  const [start, setStart] = useState(crew.shift.start);
  const [end, setEnd] = useState(crew.shift.end);
  const [capacity, setCapacity] = useState(String(crew.capacity));
  const p = `c-${crew.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api.patch(`/api/crews/${crew.id}`, { version: crew.version, skills, capacity: Number(capacity), shift: { days, start, end } } satisfies ApiBody<'crews.update'>);
      onSaved(`${crew.name} saved.`);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <form class="admin-form crew-form" onSubmit={submit}>
      <p class="small muted">Members: {crew.members.join(', ') || '—'}</p>
      <fieldset>
        <legend>Skills</legend>
        <div class="inline-choices">
          {SKILLS.map((s) => (
            <label class="choice" key={s}><input type="checkbox" checked={skills.includes(s)} onChange={(e) => setSkills(e.currentTarget.checked ? [...skills, s] : skills.filter((x) => x !== s))} /> {s}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Regular shift</legend>
        <div class="inline-choices">
          {DAYS.map((d, i) => (
            <label class="choice" key={d}><input type="checkbox" checked={days.includes(i + 1)} onChange={(e) => setDays(e.currentTarget.checked ? [...days, i + 1].sort() : days.filter((x) => x !== i + 1))} /> {d}</label>
          ))}
        </div>
        <div class="row">
          <div><label for={`${p}-start`}>Starts</label><input id={`${p}-start`} type="text" class="short" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" value={start} onInput={(e) => setStart(e.currentTarget.value)} /></div>
          <div><label for={`${p}-end`}>Ends</label><input id={`${p}-end`} type="text" class="short" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" value={end} onInput={(e) => setEnd(e.currentTarget.value)} /></div>
          <div><label for={`${p}-cap`}>Vehicle capacity</label><input id={`${p}-cap`} type="number" class="short" min={1} value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} /></div>
          <button type="submit">Save {crew.name.split(' – ')[0]}</button>
        </div>
      </fieldset>
    </form>
  );
}

/**
 * Leave and other dated changes to a crew's regular shift: a day off (leave,
 * training, vehicle off road) or other hours (a short day, bank-holiday cover,
 * an extra Saturday). The planner and urgent insert use them; each change is
 * saved at once. Past days are kept for the record but not listed.
 */
function CrewExceptions({ crew, onSaved, onError }: { crew: CrewRow; onSaved: (m: string) => void; onError: (e: unknown) => void }) {
  const today = londonToday();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'off' | 'hours'>('off');
  const [start, setStart] = useState(crew.shift.start);
  const [end, setEnd] = useState(crew.shift.end);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const p = `x-${crew.id}`;
  const upcoming = crew.exceptions.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const past = crew.exceptions.length - upcoming.length;
  const what = (e: ShiftException) => (e.available ? `Working ${e.start ?? crew.shift.start}–${e.end ?? crew.shift.end}` : 'Not working');

  const save = async (exceptions: ShiftException[], message: string) => {
    try {
      await api.patch(`/api/crews/${crew.id}`, { version: crew.version, exceptions: exceptions.sort((a, b) => a.date.localeCompare(b.date)) } satisfies ApiBody<'crews.update'>);
      onSaved(message);
    } catch (err) {
      onError(err);
    }
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = 'Choose a date.';
    else if (date < today) found.date = 'Choose today or a later date.';
    if (!reason.trim()) found.reason = 'Say why (e.g. annual leave, bank-holiday cover).';
    if (kind === 'hours') {
      if (!HHMM.test(start)) found.start = 'Use HH:MM, e.g. 07:00.';
      if (!HHMM.test(end)) found.end = 'Use HH:MM, e.g. 12:00.';
      else if (HHMM.test(start) && start >= end) found.end = 'Must be after the start.';
    }
    setProblems(found);
    if (Object.keys(found).length) return;
    const entry: ShiftException = kind === 'off' ? { date, available: false, reason: reason.trim() } : { date, available: true, start, end, reason: reason.trim() };
    const replaced = crew.exceptions.some((x) => x.date === date);
    await save([...crew.exceptions.filter((x) => x.date !== date), entry], `${crew.name}: ${what(entry).toLowerCase()} on ${dayWords(date)} (${entry.reason})${replaced ? ', replacing what was set for that day' : ''}.`);
  };
  const remove = (x: ShiftException) => save(crew.exceptions.filter((e) => e.date !== x.date), `${crew.name}: back to the regular shift on ${dayWords(x.date)}.`);
  const err = (f: string) => problems[f] && <span class="field-error" id={`${p}-${f}-error`}>{problems[f]}</span>;
  const desc = (f: string) => (problems[f] ? `${p}-${f}-error` : undefined);

  return (
    <div class="exceptions">
      <h3>Leave and changed hours</h3>
      {upcoming.length === 0 ? (
        <p class="small muted">No upcoming changes: the crew works its regular shift{past ? ` (${past} past change${past === 1 ? '' : 's'} kept for the record)` : ''}.</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">Upcoming leave and changed hours for {crew.name}</caption>
          <thead><tr><th>Date</th><th>What</th><th>Reason</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {upcoming.map((x) => (
              <tr key={x.date}>
                <td>{dayWords(x.date)}</td>
                <td>{what(x)}</td>
                <td>{x.reason}</td>
                <td><button type="button" class="secondary small" onClick={() => void remove(x)}>Remove<span class="visually-hidden"> {dayWords(x.date)}</span></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="admin-form row" onSubmit={add} noValidate>
        <div class={problems.date ? 'field has-error' : ''}>
          <label for={`${p}-date`}>Date</label>
          {err('date')}
          <input id={`${p}-date`} type="date" class="short" min={today} value={date} aria-invalid={!!problems.date} aria-describedby={desc('date')} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        <div>
          <label for={`${p}-kind`}>What happens</label>
          <select id={`${p}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as 'off' | 'hours')}>
            <option value="off">Not working (leave, training, vehicle off road)</option>
            <option value="hours">Different hours (short day, bank-holiday cover, extra day)</option>
          </select>
        </div>
        {kind === 'hours' && (
          <>
            <div class={problems.start ? 'field has-error' : ''}>
              <label for={`${p}-start`}>From</label>
              {err('start')}
              <input id={`${p}-start`} type="text" class="short" inputMode="numeric" value={start} aria-invalid={!!problems.start} aria-describedby={desc('start')} onInput={(e) => setStart(e.currentTarget.value)} />
            </div>
            <div class={problems.end ? 'field has-error' : ''}>
              <label for={`${p}-end`}>Until</label>
              {err('end')}
              <input id={`${p}-end`} type="text" class="short" inputMode="numeric" value={end} aria-invalid={!!problems.end} aria-describedby={desc('end')} onInput={(e) => setEnd(e.currentTarget.value)} />
            </div>
          </>
        )}
        <div class={problems.reason ? 'field has-error' : ''}>
          <label for={`${p}-reason`}>Reason</label>
          {err('reason')}
          <input id={`${p}-reason`} type="text" placeholder="e.g. Annual leave" value={reason} aria-invalid={!!problems.reason} aria-describedby={desc('reason')} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <button type="submit">Add day<span class="visually-hidden"> for {crew.name}</span></button>
      </form>
    </div>
  );
}
