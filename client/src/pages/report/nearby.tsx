/**
 * "Already reported?": open reports near the chosen spot, in a list (the map
 * shows them too). Following one by email subscribes the resident to its
 * updates instead of filing the same problem again.
 */
import { useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import { formatDateTime } from '../../dates.ts';
import { Link } from '../../router.tsx';

export type NearbyAnswer = ApiResponse<'public.nearby'>;
export type NearbyReport = NearbyAnswer['reports'][number];

export function NearbyReports({ reports, heading }: { reports: NearbyReport[]; heading?: string }) {
  if (!reports.length) return null;
  return (
    <section class="nearby" aria-labelledby="nearby-heading">
      <h2 id="nearby-heading" class="h3">{heading ?? 'Already reported? Follow this one'}</h2>
      {heading ? (
        <p class="hint">Leave your email address and we will tell you when it is dealt with; there is no need to report it again.</p>
      ) : (
        <p class="hint">
          {reports.length === 1 ? 'There is an open report' : `There are ${reports.length} open reports`} within 250 m. If yours is one of them, follow it and we will
          email you when it is dealt with; there is no need to report it again.
        </p>
      )}
      <ul class="nearby-list">
        {reports.map((r, i) => (
          <NearbyItem key={r.reference} report={r} number={heading ? null : i + 1} />
        ))}
      </ul>
    </section>
  );
}

function NearbyItem({ report, number }: { report: NearbyReport; number: number | null }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = `follow-${report.reference}`;

  const follow = async (e: Event) => {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError('Enter an email address like name@example.com.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(`/api/public/reports/${encodeURIComponent(report.reference)}/follow`, { method: 'POST', body: { email: email.trim() } });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="nearby-item" data-testid="nearby-report">
      {number !== null && (
        <p class="nearby-title">
          <span class="nearby-number" aria-hidden="true">{number}</span>
          <strong>{report.categoryName}</strong> at {report.place}
        </p>
      )}
      {number !== null && (
        <p class="small">
          {report.statusText} · reported {formatDateTime(report.reportedAt)} · about {report.distanceM} m away ·{' '}
          <Link href={`/reports/${encodeURIComponent(report.reference)}`}>{report.reference}</Link>
        </p>
      )}
      {done ? (
        <p class="banner ok" role="status">You are following {report.reference}. We have emailed you a link to stop at any time. Thank you for not reporting it twice.</p>
      ) : !open ? (
        <button type="button" class="secondary" onClick={() => setOpen(true)} aria-label={`Follow this one: ${report.reference}, ${report.categoryName} at ${report.place}`}>
          Follow this one
        </button>
      ) : (
        <div class="follow-form">
          <label id={`${id}-label`} for={id}>Your email address, for updates on {report.reference}</label>
          {error && <span class="field-error" id={`${id}-error`}>{error}</span>}
          <input id={id} type="email" autocomplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}
            onKeyDown={(e) => { if (e.key === 'Enter') void follow(e); }} />
          <button type="button" onClick={follow} disabled={busy}>{busy ? 'Following…' : 'Follow and get updates'}</button>
        </div>
      )}
    </li>
  );
}
