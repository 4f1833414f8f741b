/** The link in a follower's emails: one button stops them (a link alone must not, since mail scanners open links). */
import { useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { Link } from '../router.tsx';

export function UnsubscribePage({ token }: { token: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stop = async () => {
    setBusy(true);
    try {
      const r = await request<ApiResponse<'public.unsubscribe'>>(`/api/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST' });
      setDone(r.reference);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <h1>Stop emails about a report</h1>
      {done ? (
        <p class="banner ok" role="status">Done: we will not email you about {done} again.</p>
      ) : (
        <>
          {error && <p class="banner error" role="alert">{error}</p>}
          <p>You followed a report and we email you when it is dealt with. Press the button to stop those emails.</p>
          <button type="button" onClick={stop} disabled={busy}>{busy ? 'Stopping…' : 'Stop these emails'}</button>
        </>
      )}
      <p><Link href="/">Report a problem</Link></p>
    </div>
  );
}
