/**
 * Admin: users and roles, with the crew a crew lead leads and the wards a
 * councillor subscribes to (their weekly PDF and dashboard).
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiBody } from '../api/types.ts';
import { loadWards } from '../config.ts';
import { EditButton, EditRow, FormError, SaveOrCancel, useNotice } from './admin-shared.tsx';
import type { Role } from '../session.ts';

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

const ROLE_WORDS: Record<Role, string> = { admin: 'Administrator', dispatcher: 'Dispatcher', crew_lead: 'Crew lead', councillor: 'Councillor', inspector: 'Inspector (surveys)' };

export function UsersSection() {
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
    const body = { name, role, crewId: role === 'crew_lead' ? crewId || null : null, wardCodes: role === 'councillor' ? wardCodes : [] };
    try {
      if (user) {
        await api.patch(`/api/users/${user.id}`, { ...body, ...(password ? { password } : {}), active } satisfies ApiBody<'users.update'>);
        onSaved(`${name} saved.`);
      } else {
        await api.post('/api/users', { ...body, email, password } satisfies ApiBody<'users.create'>);
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
