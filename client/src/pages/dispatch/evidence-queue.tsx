/**
 * "Evidence to check" on the dispatcher board: jobs a crew closed as fixed
 * whose photos were flagged, oldest first, each with its before and after
 * photos side by side and the flags in words, accepted or rejected in place.
 * Until accepted, residents and Open311 see the job as still in progress.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import { formatDateTime } from '../../dates.ts';
import { Link } from '../../router.tsx';
import { EvidencePair, ReviewForm } from '../work-order/evidence-panel.tsx';

type Queue = ApiResponse<'evidence.queue'>;

export function EvidenceQueue({ version, catName }: { version: number; catName: (code: string) => string }) {
  const [items, setItems] = useState<Queue['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const load = () =>
    api.get<Queue>('/api/evidence/queue').then(
      (r) => (setItems(r.items), setError(null)),
      (e) => setError(describeError(e)),
    );
  // The board's version moves on every live change, so a review elsewhere clears the item here too.
  useEffect(() => void load(), [version]);
  if (error) return <p class="banner error" role="alert">Could not load the evidence to check: {error}</p>;
  if (!items) return null;
  return (
    <section class="panel evidence-queue" aria-labelledby="evidence-queue-title" data-testid="evidence-queue">
      <h2 id="evidence-queue-title">Evidence to check ({items.length})</h2>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      {items.length === 0 ? (
        <p class="muted">Nothing to check: every job closed as fixed has its photos accepted.</p>
      ) : (
        <ol class="evidence-items">
          {items.map((it) => (
            <li key={it.id} class="evidence-item" data-testid={`evidence-item-${it.reference}`}>
              <p>
                <Link href={`/work-orders/${it.id}`}><strong>{it.reference}</strong></Link> · {catName(it.categoryCode)} · {it.place ?? it.ward.name}
                {it.completedAt && <span class="muted"> · closed {formatDateTime(it.completedAt)}</span>}
              </p>
              <EvidencePair evidence={it.evidence} reference={it.reference} />
              <ReviewForm id={it.id} version={it.version} onDone={(m) => { setMessage(m); void load(); }} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
