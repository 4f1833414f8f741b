/**
 * Admin: users and roles (with councillors' ward subscriptions), crews and
 * shifts (with leave and changed hours), categories with questions and service
 * levels (added and edited), Code of Practice zones, partner API keys.
 * Sections whose server API is not deployed say so instead of failing.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import { Icon, ICON_NAMES } from '../components/icons.tsx';
import { loadCategories, loadWards, slaText, type Category, type CategoryQuestion, type SlaPolicy } from '../config.ts';
import { Link } from '../router.tsx';
import { FieldErrors, useNotice } from './admin-shared.tsx';
import { ZonesSection } from './admin-zones.tsx';
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
                <td><button class="secondary small" aria-expanded={editing === u.id} onClick={() => setEditing(editing === u.id ? null : u.id)}>Edit<span class="visually-hidden"> {u.name}</span></button></td>
              </tr>
              {editing === u.id && (
                <tr>
                  <td colSpan={6}>
                    <UserForm
                      user={u}
                      crews={crews}
                      wards={wards}
                      onSaved={(msg) => { notice.ok(msg); setEditing(null); void load(); }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              )}
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
      {error != null && <div class="banner error" role="alert">{describeError(error)}<FieldErrors err={error} /></div>}
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
        <button type="submit">{user ? 'Save changes' : 'Add user'}</button>
        {onCancel && <button type="button" class="secondary" onClick={onCancel}>Cancel</button>}
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
  depotLat: number;
  depotLng: number;
  active: boolean;
  version: number;
}
const SKILLS = ['sharps', 'fly-tip-van', 'graffiti-removal', 'general'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function CrewsSection() {
  const [crews, setCrews] = useState<CrewRow[] | null>(null);
  const notice = useNotice();
  const load = () => api.get<CrewRow[]>('/api/crews').then(setCrews, notice.fail);
  useEffect(() => void load(), []);
  return (
    <>
      {notice.view}
      {crews?.map((c) => <CrewForm key={`${c.id}:${c.version}`} crew={c} onSaved={(m) => { notice.ok(m); void load(); }} onError={notice.fail} />)}
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
      const where = await api.get<{ lat: number; lng: number }>(`/api/postcodes/${encodeURIComponent(depot.trim() || 'x')}`);
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
      {error != null && <div class="banner error" role="alert">{describeError(error)}<FieldErrors err={error} /></div>}
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
    <form class="panel admin-form crew-form" onSubmit={submit}>
      <h2>{crew.name}</h2>
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
        <legend>Shift</legend>
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

/* ---------------- categories ---------------- */

function CategoriesSection() {
  const [cats, setCats] = useState<Category[] | null>(null);
  const notice = useNotice();
  // Admins see inactive categories too, so they can bring them back.
  const load = () => api.get<Category[]>('/api/categories', { all: true }).then(setCats, notice.fail);
  useEffect(() => {
    void load();
  }, []);
  const setActive = async (c: Category, active: boolean) => {
    try {
      await api.patch(`/api/categories/${c.code}`, { active });
      notice.ok(active ? `“${c.name}” is on the public report form again.` : `“${c.name}” is no longer offered to reporters; its work orders keep it.`);
      void load();
    } catch (err) {
      notice.fail(err);
    }
  };
  return (
    <>
      {notice.view}
      <table class="data">
        <thead><tr><th>Category</th><th>Group</th><th>Service level</th><th>Questions</th><th>Crew skill</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {cats?.map((c) => (
            <tr key={c.code}>
              <td><span class="cat-cell"><Icon name={c.icon} size={22} /> {c.name}</span> <span class="muted small block">{c.code}</span>{!c.active && <span class="pill neutral">inactive</span>}</td>
              <td>{c.groupName}</td>
              <td>{slaText(c.slaPolicy)}{c.hazard ? ' · hazard' : ''}</td>
              <td>{c.questions.map((q) => q.label).join('; ') || '—'}</td>
              <td>{c.requiredSkill ?? ''}</td>
              <td>
                <button type="button" class="secondary small" onClick={() => void setActive(c, !c.active)}>
                  {c.active ? 'Deactivate' : 'Reactivate'}<span class="visually-hidden"> {c.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a category</h2>
      <CategoryForm onSaved={(m) => { notice.ok(m); void load(); }} />
    </>
  );
}

function slugify(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
}
const questionCode = (label: string) => slugify(label).replace(/-/g, '_');

/** The server's field paths this form shows next to an input; any other problem goes in the banner. */
const SHOWN_FIELDS = /^(code|name|groupName|description|icon|slaPolicy(\..+)?|requiredSkill|questions|questions\.\d+(\.(code|label|type|required|options(\..+)?|min|max))?)$/;

function CategoryForm({ onSaved }: { onSaved: (m: string) => void }) {
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [groupName, setGroupName] = useState('Street cleaning');
  const [description, setDescription] = useState('');
  const [icon, setIcon] = useState('other');
  const [slaKind, setSlaKind] = useState<SlaPolicy['kind']>('working_days');
  const [slaValue, setSlaValue] = useState('2');
  const [skill, setSkill] = useState('general');
  const [hazard, setHazard] = useState(false);
  const [questions, setQuestions] = useState<CategoryQuestion[]>([]);
  const [error, setError] = useState<unknown>(null);

  const fields = error instanceof ApiError ? error.fields : {};
  const fieldError = (...paths: string[]) => {
    const path = Object.keys(fields).find((f) => paths.some((p) => f === p || (p.endsWith('.') && f.startsWith(p))));
    return path ? fields[path] : undefined;
  };
  const errorText = (id: string, message: string | undefined) => message && <span class="field-error" id={`${id}-error`}>{message}</span>;
  const described = (id: string, message: string | undefined) => (message ? `${id}-error` : undefined);
  const otherProblems = Object.entries(fields).filter(([f]) => !SHOWN_FIELDS.test(f));

  const updateQ = (i: number, patch: Partial<CategoryQuestion>) => setQuestions(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const slaPolicy: SlaPolicy = slaKind === 'zone' ? { kind: 'zone' } : slaKind === 'hours' ? { kind: 'hours', hours: Number(slaValue) } : { kind: 'working_days', days: Number(slaValue) };
    const body = {
      code: code || slugify(name),
      name,
      groupName,
      description,
      icon,
      slaPolicy,
      hazard,
      requiredSkill: skill,
      questions: questions.map((q) => ({
        code: q.code || questionCode(q.label),
        label: q.label,
        type: q.type,
        required: q.required,
        ...(q.type === 'single' || q.type === 'multi' ? { options: q.options ?? [] } : {}),
        ...(q.type === 'number' && q.min !== undefined ? { min: q.min } : {}),
        ...(q.type === 'number' && q.max !== undefined ? { max: q.max } : {}),
      })),
    };
    try {
      await api.post('/api/categories', body);
      onSaved(`“${name}” added. It is on the public report form now.`);
      setName(''); setCode(''); setDescription(''); setQuestions([]);
    } catch (err) {
      setError(err);
    }
  };
  const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s));

  const nameErr = fieldError('name');
  const codeErr = fieldError('code');
  const groupErr = fieldError('groupName');
  const slaErr = fieldError('slaPolicy', 'slaPolicy.');
  const skillErr = fieldError('requiredSkill');
  return (
    <form class="admin-form panel" onSubmit={submit} noValidate>
      {error != null && (
        <div class="banner error" role="alert">
          {describeError(error)}
          {otherProblems.length > 0 && <ul class="field-error">{otherProblems.map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>}
        </div>
      )}
      <div class="row">
        <div class={nameErr ? 'field has-error' : ''}>
          <label for="cat-name">Name (as residents will see it)</label>
          {errorText('cat-name', nameErr)}
          <input id="cat-name" type="text" value={name} aria-invalid={!!nameErr} aria-describedby={described('cat-name', nameErr)} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class={codeErr ? 'field has-error' : ''}>
          <label for="cat-code">Code <span class="muted">(for partners; cannot change later)</span></label>
          {errorText('cat-code', codeErr)}
          <input id="cat-code" type="text" value={code} placeholder={slugify(name) || 'e.g. shopping-trolley'} aria-invalid={!!codeErr} aria-describedby={described('cat-code', codeErr)} onInput={(e) => setCode(e.currentTarget.value)} />
        </div>
        <div class={groupErr ? 'field has-error' : ''}>
          <label for="cat-group">Group</label>
          {errorText('cat-group', groupErr)}
          <input id="cat-group" type="text" value={groupName} aria-invalid={!!groupErr} aria-describedby={described('cat-group', groupErr)} onInput={(e) => setGroupName(e.currentTarget.value)} />
        </div>
        <div>
          <label for="cat-icon">Icon</label>
          {errorText('cat-icon', fieldError('icon'))}
          <select id="cat-icon" value={icon} onChange={(e) => setIcon(e.currentTarget.value)}>
            {ICON_NAMES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <Icon name={icon} size={36} />
      </div>
      <div>
        <label for="cat-desc">Description <span class="muted">(optional, shown under the name)</span></label>
        {errorText('cat-desc', fieldError('description'))}
        <input id="cat-desc" type="text" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="row">
        <div class={slaErr ? 'field has-error' : ''}>
          <label for="cat-sla">Service level</label>
          {errorText('cat-sla', slaErr)}
          <select id="cat-sla" value={slaKind} aria-describedby={described('cat-sla', slaErr)} onChange={(e) => setSlaKind(e.currentTarget.value as SlaPolicy['kind'])}>
            <option value="hours">Within a number of hours</option>
            <option value="working_days">Within a number of working days</option>
            <option value="zone">By the street’s zone (Code of Practice)</option>
          </select>
        </div>
        {slaKind !== 'zone' && <div><label for="cat-sla-n">{slaKind === 'hours' ? 'Hours' : 'Working days'}</label><input id="cat-sla-n" type="number" class="short" min={1} value={slaValue} aria-invalid={!!slaErr} aria-describedby={described('cat-sla', slaErr)} onInput={(e) => setSlaValue(e.currentTarget.value)} /></div>}
        <div class={skillErr ? 'field has-error' : ''}>
          <label for="cat-skill">Crew skill needed</label>
          {errorText('cat-skill', skillErr)}
          <select id="cat-skill" value={skill} onChange={(e) => setSkill(e.currentTarget.value)}>
            {SKILLS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" checked={hazard} onChange={(e) => setHazard(e.currentTarget.checked)} /> Hazard (needles, chemicals…)</label>
      </div>
      <h3>Questions for the reporter</h3>
      {errorText('cat-questions', fieldError('questions'))}
      {questions.map((q, i) => {
        const p = `questions.${i}`;
        const labelErr = fieldError(`${p}.label`);
        const qCodeErr = fieldError(`${p}.code`, p);
        const typeErr = fieldError(`${p}.type`);
        const optionsErr = fieldError(`${p}.options`, `${p}.options.`);
        const rangeErr = fieldError(`${p}.min`, `${p}.max`);
        const choice = q.type === 'single' || q.type === 'multi';
        return (
          <fieldset class="question-edit" key={i}>
            <legend>Question {i + 1}</legend>
            <div class="row">
              <div class={labelErr ? 'field has-error' : ''}>
                <label for={`q${i}-label`}>Question</label>
                {errorText(`q${i}-label`, labelErr)}
                <input id={`q${i}-label`} type="text" value={q.label} aria-invalid={!!labelErr} aria-describedby={described(`q${i}-label`, labelErr)} onInput={(e) => updateQ(i, { label: e.currentTarget.value })} />
              </div>
              <div class={qCodeErr ? 'field has-error' : ''}>
                <label for={`q${i}-code`}>Question code</label>
                {errorText(`q${i}-code`, qCodeErr)}
                <input id={`q${i}-code`} type="text" value={q.code} placeholder={questionCode(q.label) || 'e.g. blocking_path'} aria-invalid={!!qCodeErr} aria-describedby={described(`q${i}-code`, qCodeErr)} onInput={(e) => updateQ(i, { code: e.currentTarget.value })} />
              </div>
              <div class={typeErr ? 'field has-error' : ''}>
                <label for={`q${i}-type`}>Answer type</label>
                {errorText(`q${i}-type`, typeErr)}
                <select id={`q${i}-type`} value={q.type} onChange={(e) => updateQ(i, { type: e.currentTarget.value as CategoryQuestion['type'] })}>
                  <option value="boolean">Yes / no</option>
                  <option value="number">Number</option>
                  <option value="single">One of a list</option>
                  <option value="multi">Any of a list</option>
                  <option value="text">Short text</option>
                  <option value="datetime">Date and time</option>
                </select>
              </div>
              <label class="choice"><input type="checkbox" checked={q.required} onChange={(e) => updateQ(i, { required: e.currentTarget.checked })} /> Required</label>
              <button type="button" class="secondary small" onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>Remove question {i + 1}</button>
            </div>
            {choice && (
              <div class={optionsErr ? 'field has-error' : ''}>
                <label for={`q${i}-opts`}>Choices (one per line)</label>
                {errorText(`q${i}-opts`, optionsErr)}
                <textarea id={`q${i}-opts`} rows={3} aria-invalid={!!optionsErr} aria-describedby={described(`q${i}-opts`, optionsErr)} value={(q.options ?? []).map((o) => o.label).join('\n')} onInput={(e) => updateQ(i, { options: e.currentTarget.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => ({ key: questionCode(l), label: l })) })} />
              </div>
            )}
            {q.type === 'number' && (
              <div class={`row${rangeErr ? ' field has-error' : ''}`}>
                {errorText(`q${i}-range`, rangeErr)}
                <div><label for={`q${i}-min`}>Smallest answer</label><input id={`q${i}-min`} type="number" class="short" value={q.min ?? ''} onInput={(e) => updateQ(i, { min: numberOrUndefined(e.currentTarget.value) })} /></div>
                <div><label for={`q${i}-max`}>Largest answer</label><input id={`q${i}-max`} type="number" class="short" value={q.max ?? ''} aria-describedby={described(`q${i}-range`, rangeErr)} onInput={(e) => updateQ(i, { max: numberOrUndefined(e.currentTarget.value) })} /></div>
              </div>
            )}
          </fieldset>
        );
      })}
      <div class="row">
        <button type="button" class="secondary" onClick={() => setQuestions([...questions, { code: '', label: '', type: 'boolean', required: true }])}>Add a question</button>
        <button type="submit">Add category</button>
      </div>
    </form>
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
        {error != null && <div class="banner error" role="alert">{describeError(error)}<FieldErrors err={error} /></div>}
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
      const r = await api.get<{ postcode: string; lat: number; lng: number }>(`/api/postcodes/${encodeURIComponent(postcode.trim())}`);
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
      {error != null && <div class="banner error" role="alert">{describeError(error)}<FieldErrors err={error} /></div>}
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
