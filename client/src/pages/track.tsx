/**
 * The reporter's tracking page, reached by the secret link in their receipt
 * and emails: what happens to their report, and the after photo once fixed.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import { Link } from '../router.tsx';
import { formatDateTime } from '../dates.ts';

export interface TrackingView {
  reference: string;
  category?: { code: string; name: string } | string;
  categoryName?: string;
  status: string;
  statusLabel?: string;
  statusText?: string;
  fixed?: boolean;
  reportedAt?: string;
  createdAt?: string;
  dueAt?: string | null;
  ward?: { code: string; name: string } | null;
  location?: { lat: number; lng: number; postcode?: string | null; address?: string | null };
  postcode?: string | null;
  address?: string | null;
  publicSummary?: string | null;
  description?: string;
  updates?: TrackingUpdate[];
  events?: TrackingUpdate[];
  timeline?: TrackingUpdate[];
  photos?: { id: string; kind: string; url?: string }[];
  afterPhotoUrl?: string | null;
  afterPhotoId?: string | null;
  beforePhotoId?: string | null;
}

interface TrackingUpdate {
  at?: string;
  createdAt?: string;
  status?: string;
  statusLabel?: string;
  label?: string;
  text?: string;
  note?: string | null;
  description?: string | null;
}

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

  useEffect(() => {
    api.get<TrackingView>(`/api/track/${encodeURIComponent(token)}`).then(setView, (e) =>
      setError(e instanceof ApiError && e.status === 404 ? 'We could not find a report for this link. Check that you copied the whole link.' : describeError(e)),
    );
  }, [token]);

  if (error) return <div class="page narrow"><h1>Your report</h1><p class="banner error" role="alert">{error}</p></div>;
  if (!view) return <div class="page narrow"><p><span class="spinner" aria-hidden="true" /> Loading…</p></div>;

  const categoryName = view.categoryName ?? (typeof view.category === 'string' ? view.category : view.category?.name) ?? '';
  const updates = view.updates ?? view.timeline ?? view.events ?? [];
  const fixed = view.fixed ?? view.status === 'completed';
  const after = view.photos?.find((p) => p.kind === 'after');
  const before = view.photos?.find((p) => p.kind === 'before');
  const afterSrc = view.afterPhotoUrl ?? after?.url ?? (after ? `/api/photos/${after.id}` : view.afterPhotoId ? `/api/photos/${view.afterPhotoId}` : null);
  const place = view.address ?? view.location?.address ?? view.postcode ?? view.location?.postcode;

  return (
    <div class="page narrow">
      <h1>Report {view.reference}</h1>
      <p class="lead">
        {categoryName}
        {place ? ` at ${place}` : ''}
        {view.ward ? `, ${view.ward.name}` : ''}
      </p>
      <p>
        <span class={`pill ${fixed ? 'ok' : view.status === 'new' ? 'neutral' : 'warn'}`} data-testid="status">{view.statusText ?? view.statusLabel ?? statusWords(view.status)}</span>
        {view.dueAt && !fixed && <span class="muted"> · we aim to deal with it by {formatDateTime(view.dueAt)}</span>}
      </p>
      {view.description && <p class="you-said">You told us: “{view.description}”</p>}
      {view.publicSummary && <p>{view.publicSummary}</p>}
      {fixed && afterSrc && (
        <div class="before-after">
          {before && (
            <figure class="after-photo">
              <img src={before.url ?? `/api/photos/${before.id}`} alt="Photo taken by the crew before the clean-up" />
              <figcaption>Before</figcaption>
            </figure>
          )}
          <figure class="after-photo">
            <img src={afterSrc} alt="Photo taken by the crew after the clean-up" />
            <figcaption>After the crew’s visit</figcaption>
          </figure>
        </div>
      )}
      <h2>What has happened</h2>
      {updates.length === 0 ? (
        <p>No updates yet.</p>
      ) : (
        <ol class="timeline">
          {updates.map((u, i) => {
            const at = u.at ?? u.createdAt;
            return (
              <li key={i}>
                {at && <time dateTime={at}>{formatDateTime(at)}</time>}
                <strong>{u.text ?? u.statusLabel ?? u.label ?? (u.status ? statusWords(u.status) : 'Update')}</strong>
                {(u.note ?? u.description) && <p>{u.note ?? u.description}</p>}
              </li>
            );
          })}
        </ol>
      )}
      <p><Link href="/">Report another problem</Link></p>
    </div>
  );
}
