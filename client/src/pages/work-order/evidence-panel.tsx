/**
 * A job's before/after proof as the office judges it: the two photos side by
 * side with when and where each was taken (and whether the position came from
 * the photo or the crew's tablet), the flags in words, the crew's reason, and
 * for proof under review the accept / reject decision. Rejecting sends the job
 * back to the crew that closed it as a revisit, with the note as the reason.
 * Also used by the dispatcher board's "Evidence to check" queue.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import { formatDateTime } from '../../dates.ts';

/** A job's proof as the server describes it (the same shape on a job and in the evidence queue). */
export type Evidence = ApiResponse<'evidence.queue'>['items'][number]['evidence'];
export type EvidencePhoto = NonNullable<Evidence['before']>;

export const EVIDENCE_STATUS_WORDS: Record<Evidence['status'], string> = {
  accepted: 'Evidence accepted',
  needs_review: 'Evidence to check',
  rejected: 'Evidence rejected: sent back to the crew',
  none: 'No evidence yet',
};

const SOURCE_WORDS = { exif: 'from the photo', device: 'from the crew’s tablet' } as const;

function PhotoBox({ label, p, reference }: { label: string; p: EvidencePhoto | null; reference: string }) {
  if (!p) {
    return (
      <figure class="evidence-photo missing">
        <figcaption>{label}</figcaption>
        <p class="muted">No {label.toLowerCase()} photo</p>
      </figure>
    );
  }
  return (
    <figure class="evidence-photo">
      <figcaption>{label}</figcaption>
      <a href={p.url} target="_blank" rel="noopener">
        <img src={p.thumbUrl} alt={`${label} photo of ${reference}`} loading="lazy" />
      </a>
      <p class="small">
        {p.takenAt ? <>Taken {formatDateTime(p.takenAt)} <span class="muted">(time {p.timeSource ? SOURCE_WORDS[p.timeSource] : 'unknown'})</span></> : 'No time of capture'}
        <br />
        {p.positionSource ? <>Position {SOURCE_WORDS[p.positionSource]}{p.accuracyM !== null ? `, within ${Math.round(p.accuracyM)} m` : ''}</> : 'No position'}
      </p>
      {p.crewReason && <p class="small crew-reason" data-testid="crew-reason"><strong>Crew’s reason:</strong> “{p.crewReason}”</p>}
    </figure>
  );
}

/** Before and after side by side, with the flags in words. */
export function EvidencePair({ evidence, reference }: { evidence: Evidence; reference: string }) {
  return (
    <>
      {evidence.flagWords.length > 0 && (
        <ul class="flags" aria-label="What the checks found">
          {evidence.flagWords.map((w) => <li key={w} class="pill warn">{w}</li>)}
        </ul>
      )}
      <div class="evidence-pair">
        <PhotoBox label="Before" p={evidence.before} reference={reference} />
        <PhotoBox label="After" p={evidence.after} reference={reference} />
      </div>
    </>
  );
}

/** Accept, or reject with a reason (the job goes back to the crew). A stale version is explained and the caller reloads. */
export function ReviewForm({ id, version, onDone }: { id: string; version: number; onDone: (message: { kind: 'ok' | 'warn' | 'error'; text: string }) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'accept' | 'reject') => {
    setBusy(true);
    try {
      await api.post(`/api/work-orders/${id}/evidence-review`, { decision, note: note.trim() || null, version });
      onDone({ kind: 'ok', text: decision === 'accept' ? 'Evidence accepted: the job now shows as cleared to the resident.' : 'Evidence rejected: the job is back on the crew’s list for a revisit.' });
      setNote('');
    } catch (err) {
      onDone({ kind: err instanceof ApiError && err.isStale ? 'warn' : 'error', text: describeError(err) });
    } finally {
      setBusy(false);
    }
  };
  const field = `review-note-${id}`;
  return (
    <div class="review-form">
      <label for={field}>Note <span class="muted">(needed to reject: the crew sees it on the revisit)</span></label>
      <input id={field} type="text" value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} data-testid="review-note" />
      <div class="row">
        <button type="button" disabled={busy} onClick={() => void decide('accept')} data-testid="evidence-accept">Accept evidence</button>
        <button type="button" class="danger" disabled={busy || note.trim().length < 3} onClick={() => void decide('reject')} data-testid="evidence-reject">
          Reject: send back to the crew
        </button>
      </div>
    </div>
  );
}

/** The job page's evidence panel. */
export function EvidencePanel({ wo, onDone }: { wo: { id: string; reference: string; version: number; evidence?: Evidence }; onDone: () => Promise<void> }) {
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const evidence = wo.evidence;
  if (!evidence || (evidence.status === 'none' && !evidence.after)) return null;
  return (
    <section class="panel evidence-panel" aria-labelledby="evidence-title" data-testid="evidence-panel">
      <h2 id="evidence-title">
        Evidence <span class={`pill ${evidence.status === 'accepted' ? 'ok' : evidence.status === 'needs_review' ? 'warn' : 'bad'}`}>{EVIDENCE_STATUS_WORDS[evidence.status]}</span>
      </h2>
      {message && <p class={`banner ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      <EvidencePair evidence={evidence} reference={wo.reference} />
      {evidence.review && (
        <p class="small">
          {evidence.review.decision === 'accept' ? 'Accepted' : 'Rejected'} by {evidence.review.by}, {formatDateTime(evidence.review.at)}
          {evidence.review.note ? `: “${evidence.review.note}”` : ''}
        </p>
      )}
      {evidence.status === 'needs_review' && (
        <ReviewForm id={wo.id} version={wo.version} onDone={(m) => { setMessage(m); void onDone(); }} />
      )}
    </section>
  );
}
