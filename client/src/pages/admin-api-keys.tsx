/** Admin: partner API keys, created (the key shown once) and revoked. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { ApiBody } from '../api/types.ts';
import { FormError, useNotice } from './admin-shared.tsx';

interface ApiClientRow {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function ApiKeysSection() {
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
      const r = await api.post<{ client: ApiClientRow; key: string }>('/api/api-clients', { name } satisfies ApiBody<'apiClients.create'>);
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
