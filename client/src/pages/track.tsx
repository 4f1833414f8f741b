/**
 * The reporter's tracking page, reached by the secret link in their receipt
 * and emails: where it is (map), their own photo, what happens next and by
 * when (from the crews' duty hours), the council's public updates, the crew's
 * photos once fixed, and "still there?" once the job is closed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError, request } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { PointMap } from '../components/point-map.tsx';
import { formatDateTime } from '../dates.ts';
import { Link } from '../router.tsx';

export type TrackingView = ApiResponse<'reports.track'>;

export const STATUS_WORDS: Record<string, string> = {
  new: 'Received',
  accepted: 'Accepted',
  scheduled: 'Scheduled',
  assigned: 'Given to a crew',
  in_progress: 'Crew working on it',
  completed: 'Fixed',
  not_completed: 'Closed – not fixed',
  partially_completed: 'Partly done',
  rejected: 'Not taken forward',
  cancelled: 'Cancelled',
  duplicate: 'Already reported',
  not_responsible: 'Not the council’s responsibility',
  reopened: 'Reopened',
};

export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status.replace(/_/g, ' ');
}

export function TrackPage({ token }: { token: string }) {
  const [view, setView] = useState<TrackingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reopened, setReopened] = useState<string | null>(null);

  const load = () =>
    api.get<TrackingView>(`/api/track/${encodeURIComponent(token)}`).then(setView, (e) =>
      setError(e instanceof ApiError && e.status === 404 ? 'We could not find a report for this link. Check that you copied the whole link.' : describeError(e)),
    );
  useEffect(() => {
    void load();
  }, [token]);

  // Arriving from the closure email's "still there?" link: go straight to that section.
  useEffect(() => {
    if (view && location.hash === '#still-there') document.getElementById('still-there-heading')?.scrollIntoView({ block: 'start' });
  }, [!!view]);

  if (error) return <div class="page narrow"><h1>Your report</h1><p class="banner error" role="alert">{error}</p></div>;
  if (!view) return <div class="page narrow"><p><span class="spinner" aria-hidden="true" /> Loading…</p></div>;

  const fixed = view.fixed;
  const after = view.photos.find((p) => p.kind === 'after');
  const before = view.photos.find((p) => p.kind === 'before');

  return (
    <div class="page narrow track-page">
      <h1>Report {view.reference}</h1>
      <p class="lead">
        {view.categoryName} at {view.location.place}
        {view.location.place.endsWith(' ward') ? '' : `, ${view.ward.name} ward`}
      </p>
      <p>
        <span class={`pill ${fixed ? 'ok' : view.status === 'new' ? 'neutral' : 'warn'}`} data-testid="status">{view.statusText}</span>
        <span class="muted"> · reported {formatDateTime(view.reportedAt)}</span>
      </p>
      {reopened && <p class="banner ok" role="status">{reopened}</p>}

      <section class="next-step" aria-labelledby="next-heading">
        <h2 id="next-heading">What happens next</h2>
        <p data-testid="next-step">{view.nextStep.text}</p>
      </section>

      {view.publicSummary && <p>{view.publicSummary}</p>}
      {fixed && after && (
        <div class="before-after">
          {before && (
            <figure class="after-photo">
              <img src={before.url} alt="Photo taken by the crew before the clean-up" />
              <figcaption>Before</figcaption>
            </figure>
          )}
          <figure class="after-photo">
            <img src={after.url} alt="Photo taken by the crew after the clean-up" />
            <figcaption>After the crew’s visit</figcaption>
          </figure>
        </div>
      )}

      <PointMap lat={view.location.lat} lng={view.location.lng} label={`Map showing where you reported the ${view.categoryName.toLowerCase()}`} />

      {(view.description || view.ownPhotos.length > 0) && (
        <section aria-labelledby="you-heading">
          <h2 id="you-heading">What you told us</h2>
          {view.description && <p class="you-said">“{view.description}”</p>}
          <div class="own-photos">
            {view.ownPhotos.map((p, i) => (
              <figure class="after-photo" key={p.id}>
                <img src={p.url} alt={view.ownPhotos.length > 1 ? `Your photo ${i + 1} of the problem` : 'Your photo of the problem'} />
              </figure>
            ))}
          </div>
          <p class="small muted">Only you can see this part, through your link.</p>
        </section>
      )}

      {view.updates.length > 0 && (
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading">Updates from the council</h2>
          <ul class="updates">
            {view.updates.map((u, i) => (
              <li key={i}>
                <time dateTime={u.at}>{formatDateTime(u.at)}</time> {u.text}
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>What has happened</h2>
      <ol class="timeline">
        {view.timeline.map((u, i) => (
          <li key={i}>
            <time dateTime={u.at}>{formatDateTime(u.at)}</time>
            <strong>{u.text}</strong>
            {u.note && <p>{u.note}</p>}
          </li>
        ))}
      </ol>

      <StillThere token={token} view={view} onDone={(text) => { setReopened(text); void load(); window.scrollTo(0, 0); }} />

      <p>
        <Link href={view.publicPath}>The public page for this report</Link> (no personal details; safe to share)
      </p>
      <p><Link href="/">Report another problem</Link></p>
    </div>
  );
}

function StillThere({ token, view, onDone }: { token: string; view: TrackingView; onDone: (text: string) => void }) {
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!note.trim()) {
      setError('Tell us briefly what is still there.');
      noteRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.set('note', note.trim());
      if (photo) form.set('photo', photo, photo.name || 'photo.jpg');
      const r = await request<ApiResponse<'reports.stillThere'>>(`/api/track/${encodeURIComponent(token)}/still-there`, { method: 'POST', body: form });
      onDone(`Thank you: we have reopened ${r.reference} and the team has it at the top of their list. We aim to deal with it by ${formatDateTime(r.dueAt)}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="still-there" class="still-there" aria-labelledby="still-there-heading">
      <h2 id="still-there-heading">Still there?</h2>
      {!view.stillThere.allowed ? (
        <p data-testid="still-there-refusal">{view.stillThere.message}</p>
      ) : (
        <form onSubmit={send} noValidate>
          <p>If the problem is still there, or has come back, tell us and we will send a crew again. You do not need to make a new report.</p>
          <div class={`field${error ? ' has-error' : ''}`}>
            <label for="still-note">What is still there?</label>
            {error && <span class="field-error" id="still-note-error" role="alert">{error}</span>}
            <textarea id="still-note" ref={noteRef} rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby={error ? 'still-note-error' : undefined} />
          </div>
          <div class="field">
            <label for="still-photo">A photo <span class="muted">(optional)</span></label>
            <input id="still-photo" type="file" accept="image/jpeg,image/png,image/webp,image/heic" onChange={(e) => setPhoto(e.currentTarget.files?.[0] ?? null)} />
          </div>
          <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Tell us it is still there'}</button>
        </form>
      )}
    </section>
  );
}
