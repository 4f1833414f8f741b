/**
 * Admin: users and roles (with councillors' ward subscriptions), crews and
 * shifts (with leave and changed hours), categories with questions and service
 * levels (added and edited), Code of Practice zones, partner API keys.
 * Sections whose server API is not deployed say so instead of failing.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { PostcodeLookup } from '../api/types.ts';
import { loadCategories, loadWards, type Category } from '../config.ts';
import { Link } from '../router.tsx';
import { CategoriesSection } from './admin-categories.tsx';
import { EditButton, EditRow, FormError, SaveOrCancel, SKILLS, useNotice } from './admin-shared.tsx';
import { ZonesSection } from './admin-zones.tsx';
import './admin-sections.css';
import type { Role } from '../session.ts';

const SECTIONS = [
  { path: '/admin', label: 'Users' },
  { path: '/admin/crews', label: 'Crews and shifts' },
  { path: '/admin/categories', label: 'Categories' },
  { path: '/admin/zones', label: 'Zones' },
  { path: '/admin/sweeps', label: 'Sweeps and hotspots' },
  { path: '/admin/api-keys', label: 'Partner API keys' },
  { path: '/admin/report-emails', label: 'Weekly report emails' },
];

export default function AdminPage({ path }: { path: string }) {
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0];
  return (
    <div class="page admin">
      <h1>Admin: {section.label}</h1>
      <nav class="tabs" aria-label="Admin sections">
        {SECTIONS.map((s) => (
          <Link key={s.path} href={s.path} aria-current={s.path === section.path ? 'page' : undefined}>{s.label}</Link>
        ))}
      </nav>
      {section.path === '/admin' && <UsersSection />}
      {section.path === '/admin/crews' && <CrewsSection />}
      {section.path === '/admin/categories' && <CategoriesSection />}
      {section.path === '/admin/zones' && <ZonesSection />}
      {section.path === '/admin/sweeps' && <SweepsSection />}
      {section.path === '/admin/api-keys' && <ApiKeysSection />}
      {section.path === '/admin/report-emails' && <DeliveriesSection />}
    </div>
  );
}

/* ---------------- users ---------------- */

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  crewId: string | null;
  active: boolean;
  emailOptOut: boolean;
  wardCodes: string[];
}

const ROLE_WORDS: Record<Role, string> = { admin: 'Administrator', dispatcher: 'Dispatcher', crew_lead: 'Crew lead', councillor: 'Councillor' };

function UsersSection() {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [crews, setCrews] = useState<{ id: string; name: string }[]>([]);
  const [wards, setWards] = useState<{ code: string; name: string }[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const notice = useNotice();
  const load = () => api.get<UserRow[]>('/api/users').then(setUsers, notice.fail);
  useEffect(() => {
    void load();
    api.get<{ id: string; name: string }[]>('/api/crews').then(setCrews, () => undefined);
    loadWards().then((w) => setWards(w.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name))), () => undefined);
  }, []);
  const wardName = (c: string) => wards.find((w) => w.code === c)?.name ?? c;

  return (
    <>
      {notice.view}
      <table class="data">
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Crew / wards</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {users?.map((u) => (
            <Fragment key={u.id}>
              <tr>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_WORDS[u.role]}</td>
                <td>{u.role === 'crew_lead' ? (crews.find((c) => c.id === u.crewId)?.name ?? '—') : u.role === 'councillor' ? (u.wardCodes.map(wardName).join(', ') || 'No wards') : ''}</td>
                <td>{u.active ? 'Active' : 'Disabled'}{u.emailOptOut ? ' · no email' : ''}</td>
                <td><EditButton open={editing === u.id} name={u.name} onToggle={() => setEditing(editing === u.id ? null : u.id)} /></td>
              </tr>
              <EditRow open={editing === u.id} columns={6}>
                <UserForm
                  user={u}
                  crews={crews}
                  wards={wards}
                  onSaved={(msg) => { notice.ok(msg); setEditing(null); void load(); }}
                  onCancel={() => setEditing(null)}
                />
              </EditRow>
            </Fragment>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <UserForm crews={crews} wards={wards} onSaved={(msg) => { notice.ok(msg); void load(); }} />
    </>
  );
}

function UserForm({ user, crews, wards, onSaved, onCancel }: { user?: UserRow; crews: { id: string; name: string }[]; wards: { code: string; name: string }[]; onSaved: (msg: string) => void; onCancel?: () => void }) {
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'dispatcher');
  const [crewId, setCrewId] = useState(user?.crewId ?? '');
  const [wardCodes, setWardCodes] = useState<string[]>(user?.wardCodes ?? []);
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const p = user ? `u-${user.id}` : 'new-user';

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = { name, role, crewId: role === 'crew_lead' ? crewId || null : null, wardCodes: role === 'councillor' ? wardCodes : [] };
    try {
      if (user) {
        if (password) body.password = password;
        body.active = active;
        await api.patch(`/api/users/${user.id}`, body);
        onSaved(`${name} saved.`);
      } else {
        await api.post('/api/users', { ...body, email, password });
        onSaved(`${name} can now log in as ${email}.`);
        setName(''); setEmail(''); setPassword(''); setWardCodes([]);
      }
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FormError err={error} />
      <div class="row">
        <div><label for={`${p}-name`}>Name</label><input id={`${p}-name`} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        {!user && <div><label for={`${p}-email`}>Email address</label><input id={`${p}-email`} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></div>}
        <div>
          <label for={`${p}-role`}>Role</label>
          <select id={`${p}-role`} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {(Object.keys(ROLE_WORDS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_WORDS[r]}</option>)}
          </select>
        </div>
        {role === 'crew_lead' && (
          <div>
            <label for={`${p}-crew`}>Crew</label>
            <select id={`${p}-crew`} value={crewId} onChange={(e) => setCrewId(e.currentTarget.value)}>
              <option value="">No crew</option>
              {crews.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </div>
        )}
        <div>
          <label for={`${p}-pw`}>{user ? 'New password (leave empty to keep)' : 'Password (at least 8 characters)'}</label>
          <input id={`${p}-pw`} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        {user && (
          <label class="choice"><input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> Account active</label>
        )}
      </div>
      {role === 'councillor' && (
        <fieldset>
          <legend>Ward subscriptions (weekly PDF and dashboard)</legend>
          <div class="ward-checks">
            {wards.map((w) => (
              <label class="choice" key={w.code}>
                <input type="checkbox" checked={wardCodes.includes(w.code)} onChange={(e) => setWardCodes(e.currentTarget.checked ? [...wardCodes, w.code] : wardCodes.filter((c) => c !== w.code))} />
                {w.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div class="row">
        <SaveOrCancel label={user ? 'Save changes' : 'Add user'} onCancel={onCancel} />
      </div>
    </form>
  );
}

/* ---------------- crews ---------------- */

interface CrewRow {
  id: string;
  name: string;
  skills: string[];
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

/** Today's date in the council's time zone (crews' days are London days). */
function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function dayWords(date: string): string {
  // "Tue 1 Dec 2026" (some ICU versions put a comma after the weekday).
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
}

function CrewsSection() {
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
  const [skills, setSkills] = useState<string[]>(['general']);
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
      });
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
      await api.patch(`/api/crews/${crew.id}`, { version: crew.version, skills, capacity: Number(capacity), shift: { days, start, end } });
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
      await api.patch(`/api/crews/${crew.id}`, { version: crew.version, exceptions: exceptions.sort((a, b) => a.date.localeCompare(b.date)) });
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

/* ---------------- API keys ---------------- */

interface ApiClientRow {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function ApiKeysSection() {
  const [clients, setClients] = useState<ApiClientRow[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const notice = useNotice();
  const load = () => api.get<ApiClientRow[]>('/api/api-clients').then(setClients, notice.fail);
  useEffect(() => void load(), []);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ client: ApiClientRow; key: string }>('/api/api-clients', { name });
      setCreated({ name: r.client.name, key: r.key });
      setName('');
      void load();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (c: ApiClientRow) => {
    if (!confirm(`Revoke the key for ${c.name}? Their system will stop being able to send reports.`)) return;
    try {
      await api.post(`/api/api-clients/${c.id}/revoke`);
      notice.ok(`Key for ${c.name} revoked.`);
      void load();
    } catch (err) {
      notice.fail(err);
    }
  };

  return (
    <>
      {notice.view}
      {created && (
        <div class="banner ok key-once" role="status">
          <p><strong>New key for {created.name}.</strong> Copy it now: it is shown only once and cannot be recovered.</p>
          <label for="new-key">API key</label>
          <input id="new-key" type="text" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="secondary small" onClick={() => setCreated(null)}>I have copied it</button>
        </div>
      )}
      <table class="data">
        <thead><tr><th>Partner</th><th>Key starts</th><th>Created</th><th>Last used</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {clients?.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td><code>{c.keyPrefix}…</code></td>
              <td>{new Date(c.createdAt).toLocaleDateString('en-GB')}</td>
              <td>{c.lastUsedAt ? new Date(c.lastUsedAt).toLocaleString('en-GB') : 'Never'}</td>
              <td>{c.revokedAt ? 'Revoked' : 'Active'}</td>
              <td>{!c.revokedAt && <button class="danger small" onClick={() => revoke(c)}>Revoke<span class="visually-hidden"> key for {c.name}</span></button>}</td>
            </tr>
          ))}
          {clients?.length === 0 && <tr><td colSpan={6} class="muted">No partner keys yet.</td></tr>}
        </tbody>
      </table>
      <h2>Create a key</h2>
      <form class="admin-form row" onSubmit={create} noValidate>
        <FormError err={error} />
        <div><label for="client-name">Partner name</label><input id="client-name" type="text" placeholder="e.g. Merseyside Police" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        <button type="submit">Create key</button>
      </form>
    </>
  );
}

/* ---------------- sweeps and hotspots ---------------- */

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

function SweepsSection() {
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
      await api.patch(`/api/sweeps/${sw.id}`, { version: sw.version, active: !sw.active });
      notice.ok(`${sw.name} ${sw.active ? 'paused' : 'resumed'}.`);
    } catch (e) {
      notice.fail(e);
    }
    load();
  };
  const decide = async (h: Hotspot, accept: boolean) => {
    try {
      if (accept) await api.post(`/api/hotspots/${h.id}/accept`, { recurrence: RECURRENCES[0].cron, name: `${catName(h.categoryCode)} hotspot, ${wards.get(h.wardCode) ?? h.wardCode}` });
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
      await api.post('/api/sweeps', { name, categoryCode, recurrence, points });
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

/* ---------------- weekly report emails ---------------- */

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

function DeliveriesSection() {
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
