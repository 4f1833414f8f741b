/**
 * How the place is described in public (tracking page, Open311, the
 * councillor PDF). The resident's own landmark text is never shown publicly
 * until someone in the office has written this; empty means the nearest postcode.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../../api.ts';

export function PublicPlaceEditor({ wo, onDone }: { wo: { id: string; version: number; address: string | null; postcode: string | null; publicPlace?: string | null }; onDone: () => Promise<void> }) {
  const [text, setText] = useState(wo.publicPlace ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const save = async () => {
    try {
      await api.post(`/api/work-orders/${wo.id}/public-place`, { version: wo.version, publicPlace: text.trim() || null });
      setMessage({ kind: 'ok', text: text.trim() ? 'Public description saved.' : 'Cleared: the postcode is shown in public.' });
    } catch (err) {
      setMessage({ kind: err instanceof ApiError && err.isStale ? 'warn' : 'error', text: describeError(err) });
    }
    await onDone();
  };
  return (
    <form class="panel public-place" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label for="public-place">Place as shown in public <span class="muted">(empty: “near {wo.postcode ?? 'the nearest postcode'}”; never names people or houses)</span></label>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      <div class="row">
        <input id="public-place" type="text" maxLength={200} value={text} placeholder={wo.address ?? ''} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="secondary" disabled={text.trim() === (wo.publicPlace ?? '')}>Save</button>
      </div>
    </form>
  );
}
