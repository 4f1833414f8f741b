/** What this tablet has sent and still holds, with retry and acknowledge, and logging out at the end of a shift. */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { clockTime } from '../model.ts';
import { JOB_GONE_CODES, summarise, syncHeadline, type OutboxItem } from '../queue.ts';
import { logout, outbox, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';
import { useBusy } from '../widgets.tsx';

const KIND_LABEL: Record<string, string> = { start: 'Start + before photo', complete: 'Job done + after photo', 'not-completed': "Can't complete", partial: 'Partly done', photos: 'Extra photo' };

export function SyncScreen({ s }: { s: CrewState }) {
  const items = [...s.items].reverse();
  return (
    <section data-testid="sync-screen">
      <button class="btn btn-back" onClick={() => go('#/')}>← Route</button>
      <h1 class="screen-title">{syncHeadline(summarise(s.items))}</h1>
      <p class="muted">{s.online ? 'Online.' : 'No signal — everything below is kept on this tablet and sent when the signal returns.'}</p>
      <div class="actions">
        <button class="btn" onClick={() => outbox.kick({ skipBackoff: true })} disabled={!s.online}>
          Send now
        </button>
      </div>
      {items.length === 0 ? (
        <p>Nothing sent from this tablet today yet.</p>
      ) : (
        <ul class="sync-list">
          {items.map((i) => (
            <SyncRow key={i.id} item={i} />
          ))}
        </ul>
      )}
      <LogoutButton />
    </section>
  );
}

function LogoutButton() {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, run] = useBusy();
  return (
    <div class="logout">
      <button class="btn" disabled={busy} onClick={() => void run(async () => setMessage(await logout()))}>
        Log out (end of shift)
      </button>
      {message && <p class="error" role="alert">{message}</p>}
    </div>
  );
}

function SyncRow({ item }: { item: OutboxItem }) {
  const status: Record<string, ComponentChildren> = {
    waiting: <span class="tag tag-wait">Waiting</span>,
    sending: <span class="tag tag-wait">Sending…</span>,
    failed: <span class="tag tag-bad">Not sent</span>,
    done: <span class="tag tag-ok">Sent {clockTime(item.sentAt)}</span>,
  };
  return (
    <li class={`sync-row sync-row-${item.status}`} data-testid="sync-item">
      <div>
        <strong>{KIND_LABEL[item.kind] ?? item.kind}</strong> · {item.jobLabel}
        <div class="muted">Taken {clockTime(item.createdAt)}{item.attempts > 1 ? ` · ${item.attempts} tries` : ''}</div>
        {item.reason && item.status !== 'done' && <div class={item.status === 'failed' ? 'refusal' : 'muted'}>{item.reason}</div>}
      </div>
      <div class="sync-row-side">
        {status[item.status]}
        {item.status === 'failed' && JOB_GONE_CODES.has(item.errorCode ?? '') && (
          <button class="btn btn-small" onClick={() => void outbox.acknowledge(item.id)}>
            OK
          </button>
        )}
        {item.status === 'failed' && !JOB_GONE_CODES.has(item.errorCode ?? '') && (
          <button class="btn btn-small" onClick={() => void outbox.retry(item.id)}>
            Try again
          </button>
        )}
      </div>
    </li>
  );
}
