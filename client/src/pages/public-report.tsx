/**
 * A report's public page (/reports/KB-26-000123): what was reported, where,
 * what has happened to it and, once cleared, the crew's after photo. Anyone
 * may see it; it carries no one's name, email, phone or words. While the
 * report is open, anyone can follow it by email instead of reporting it again.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { PointMap } from '../components/point-map.tsx';
import { formatDateTime } from '../dates.ts';
import { Link } from '../router.tsx';
import { NearbyReports } from './report/nearby.tsx';

type PublicReport = ApiResponse<'public.report'>;

export function PublicReportPage({ reference }: { reference: string }) {
  const [view, setView] = useState<PublicReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<PublicReport>(`/api/public/reports/${encodeURIComponent(reference)}`).then(setView, (e) =>
      setError(e instanceof ApiError && e.status === 404 ? `There is no report ${reference}. Check the reference, for example KB-26-000123.` : describeError(e)),
    );
  }, [reference]);

  useEffect(() => {
    document.title = `Report ${reference} – Kerbside`;
  }, [reference]);

  if (error) return <div class="page narrow"><h1>Report {reference}</h1><p class="banner error" role="alert">{error}</p></div>;
  if (!view) return <div class="page narrow"><p><span class="spinner" aria-hidden="true" /> Loading…</p></div>;

  return (
    <div class="page narrow public-report">
      <h1>Report {view.reference}</h1>
      <p class="lead">
        {view.categoryName} at {view.place}
        {view.place.endsWith(' ward') ? '' : `, ${view.ward.name} ward`}
      </p>
      <p>
        <span class={`pill ${view.fixed ? 'ok' : view.open ? (view.status === 'new' ? 'neutral' : 'warn') : 'neutral'}`} data-testid="status">{view.statusText}</span>
        <span class="muted"> · reported {formatDateTime(view.reportedAt)}</span>
      </p>
      {view.publicSummary && <p>{view.publicSummary}</p>}
      {view.afterPhoto && (
        <figure class="after-photo">
          <img src={view.afterPhoto.url} alt={`The place after the crew cleared the ${view.categoryName.toLowerCase()}`} />
          <figcaption>After the crew’s visit{view.closedAt ? `, ${formatDateTime(view.closedAt)}` : ''}</figcaption>
        </figure>
      )}
      <PointMap lat={view.lat} lng={view.lng} label={`Map showing where report ${view.reference} is`} />
      <h2>What has happened</h2>
      <ol class="timeline" data-testid="history">
        {view.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{formatDateTime(h.at)}</time>
            <strong>{h.text}</strong>
          </li>
        ))}
      </ol>
      {view.open && (
        <NearbyReports
          heading="Seen it too? Follow this report"
          reports={[{ reference: view.reference, categoryCode: view.categoryCode, categoryName: view.categoryName, status: view.status, statusText: view.statusText, place: view.place, reportedAt: view.reportedAt, lat: view.lat, lng: view.lng, distanceM: 0 }]}
        />
      )}
      <p class="small muted">This page shows no one’s name or contact details. Reports are made by residents and partners and dealt with by the council’s street cleansing team.</p>
      <p><Link href="/">Report a problem</Link></p>
    </div>
  );
}
