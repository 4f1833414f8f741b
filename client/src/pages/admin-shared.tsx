/** Small pieces every admin section uses: a notice banner and a list of the server's field problems. */
import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';

export function useNotice() {
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const view = notice && (
    <p class={`banner ${notice.kind}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>{notice.text}</p>
  );
  return { view, ok: (text: string) => setNotice({ kind: 'ok', text }), fail: (e: unknown) => setNotice({ kind: 'error', text: describeError(e) }), clear: () => setNotice(null) };
}

export function FieldErrors({ err }: { err: unknown }) {
  if (!(err instanceof ApiError)) return null;
  const fields = Object.entries(err.fields);
  if (!fields.length) return null;
  return <ul class="field-error">{fields.map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>;
}

export const SKILLS = ['sharps', 'fly-tip-van', 'graffiti-removal', 'general'];
