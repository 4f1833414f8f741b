/**
 * The councillor's ward dashboard: this week so far, open jobs on a map, a
 * 12-week trend, and the weekly PDFs to download. Built only from data that
 * carries no personal details (work-order summaries, archived report figures):
 * no reporter names, contacts or unmoderated descriptions ever reach this screen.
 */
import * as L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { DEADLINE_WORDS } from '../components/countdown.tsx';
import { jobIcon } from '../components/leaflet-kit.ts';
import { escapeHtml, LeafletMap } from '../components/map.tsx';
import { loadCategories, loadWards, type Category } from '../config.ts';
import type { Session } from '../session.ts';
import { listWorkOrders, OPEN_STATUSES, type WorkOrder } from '../work-orders.ts';
import { formatDateTime } from '../dates.ts';
import { statusWords } from './track.tsx';
import { CouncillorCleanliness } from './councillor-cleanliness.tsx';

interface ArchivedReport {
  week: string;
  bytes: number;
  pages: number;
  createdAt: string;
  url: string;
  summary: { wardName: string; received: number; fixed: number; closedNotFixed: number; stillOpen: number; overdue: number; withinDeadlineShare: number | null; pairs: number };
}

const FIXED = ['completed'];
const CLOSED_NOT_FIXED = ['not_completed', 'partially_completed', 'rejected', 'cancelled', 'duplicate', 'not_responsible'];

/** Monday 00:00 (Europe/London) of the week containing `t`, as epoch ms. Good to the hour across clock changes, which is all a dashboard needs. */
function weekStart(t: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(new Date(t));
  const get = (k: string) => parts.find((p) => p.type === k)!.value;
  const dow = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  const midnightUtc = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')));
  return midnightUtc - dow * 86_400_000;
}

/** ISO week label (2026-W48) of a Monday. */
function isoWeekLabel(monday: number): string {
  const d = new Date(monday);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 3));
  const jan4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - weekStart(jan4.getTime())) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export default function CouncillorPage({ session }: { session: Session }) {
  const [wards, setWards] = useState<{ code: string; name: string }[]>([]);
  const [ward, setWard] = useState<string>(session.wardCodes[0] ?? '');
  const [jobs, setJobs] = useState<WorkOrder[] | null>(null);
  const [archive, setArchive] = useState<ArchivedReport[] | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    loadWards().then((all) => {
      const mine = session.user.role === 'councillor' ? all.features.filter((f) => session.wardCodes.includes(f.properties.code)) : all.features;
      const list = mine.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name));
      setWards(list);
      if (!ward && list[0]) setWard(list[0].code);
    }, (e) => setError(describeError(e)));
  }, []);
  useEffect(() => {
    if (!ward) return;
    setJobs(null);
    setArchive(null);
    listWorkOrders({ ward }).then(setJobs, (e) => setError(describeError(e)));
    api.get<ArchivedReport[]>(`/api/wards/${ward}/reports`).then(setArchive, (e) => setError(describeError(e)));
  }, [ward]);

  const wardName = wards.find((w) => w.code === ward)?.name ?? '';
  const catName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  if (session.user.role === 'councillor' && session.wardCodes.length === 0) {
    return (
      <div class="page">
        <h1>Ward dashboard</h1>
        <p class="banner warn">Your account is not linked to a ward yet. Ask an administrator to add your ward.</p>
      </div>
    );
  }

  return (
    <div class="page councillor">
      <h1>{wardName ? `${wardName} ward` : 'Ward dashboard'}</h1>
      {wards.length > 1 && (
        <div class="field">
          <label for="ward-pick">Ward</label>
          <select id="ward-pick" class="short" value={ward} onChange={(e) => setWard(e.currentTarget.value)}>
            {wards.map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
          </select>
        </div>
      )}
      {error && <p class="banner error" role="alert">{error}</p>}
      {jobs === null ? <p><span class="spinner" aria-hidden="true" /> Loading…</p> : <Dashboard key={ward} ward={ward} wardName={wardName} jobs={jobs} catName={catName} />}
      {ward && <CouncillorCleanliness key={`clean-${ward}`} ward={ward} />}

      <section aria-labelledby="ward-data-title">
        <h2 id="ward-data-title">Every job, for spreadsheets and maps</h2>
        <p>Every job in {wardName || 'the ward'}, one row each: what was reported, when it was due, when and how it was closed. It contains no one’s personal details.</p>
        <p class="row">
          <a class="button" href={`/api/exports/work-orders.csv?ward=${ward}`} download={`${ward}-work-orders.csv`}>Download this ward’s data (CSV)</a>
          <a class="button secondary" href={`/api/exports/work-orders.geojson?ward=${ward}`} download={`${ward}-work-orders.geojson`}>As a map file (GeoJSON)</a>
        </p>
      </section>

      <section aria-labelledby="pdf-title">
        <h2 id="pdf-title">Weekly reports (PDF)</h2>
        <p>A report for each week arrives by email every Monday. You can also download them here to forward to residents’ groups: they contain no one’s personal details.</p>
        <p class="row">
          <a class="button" href={`/api/wards/${ward}/reports/weekly`} download={`${ward}-last-week.pdf`}>Download last week’s report (PDF)</a>
          <a class="button secondary" href={`/api/wards/${ward}/reports/weekly?week=${isoWeekLabel(weekStart(Date.now()))}`} download={`${ward}-this-week-so-far.pdf`}>This week so far (provisional)</a>
        </p>
        <h3>Archive</h3>
        {archive === null ? (
          <p class="muted">Loading…</p>
        ) : archive.length === 0 ? (
          <p class="muted">No weekly reports archived for this ward yet.</p>
        ) : (
          <table class="data">
            <thead><tr><th>Week</th><th>Reports received</th><th>Fixed</th><th>Closed, not fixed</th><th>Still open</th><th>Within deadline</th><th>File</th></tr></thead>
            <tbody>
              {archive.map((r) => (
                <tr key={r.week}>
                  <td>{r.week}</td>
                  <td>{r.summary.received}</td>
                  <td>{r.summary.fixed}</td>
                  <td>{r.summary.closedNotFixed}</td>
                  <td>{r.summary.stillOpen}</td>
                  <td>{r.summary.withinDeadlineShare === null ? '—' : `${Math.round(r.summary.withinDeadlineShare * 100)}%`}</td>
                  <td><a href={r.url} download={`${ward}-${r.week}.pdf`}>PDF, {r.pages} page{r.pages === 1 ? '' : 's'}, {Math.max(1, Math.round(r.bytes / 1024))} KB<span class="visually-hidden"> for {r.week}</span></a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function Dashboard({ ward, wardName, jobs, catName }: { ward: string; wardName: string; jobs: WorkOrder[]; catName: (c: string) => string }) {
  const now = Date.now();
  const thisWeek = weekStart(now);
  const week = jobs.filter((j) => Date.parse(j.openedAt) >= thisWeek);
  const open = jobs.filter((j) => OPEN_STATUSES.includes(j.status)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const figures = [
    { label: 'Reported this week', value: week.length },
    { label: 'Fixed', value: week.filter((j) => FIXED.includes(j.status)).length },
    { label: 'Closed, not fixed', value: week.filter((j) => CLOSED_NOT_FIXED.includes(j.status)).length },
    { label: 'Open now (all weeks)', value: open.length },
    { label: 'Overdue now', value: open.filter((j) => j.deadlineState === 'overdue').length },
  ];
  const trend = useMemo(() => {
    const weeks: { start: number; label: string; reported: number; fixed: number }[] = [];
    for (let i = 11; i >= 0; i--) {
      const start = weekStart(thisWeek - i * 7 * 86_400_000 + 3 * 86_400_000);
      weeks.push({ start, label: isoWeekLabel(start), reported: 0, fixed: 0 });
    }
    for (const j of jobs) {
      const t = Date.parse(j.openedAt);
      const w = [...weeks].reverse().find((x) => t >= x.start);
      if (!w || t < weeks[0].start) continue;
      w.reported++;
      if (FIXED.includes(j.status)) w.fixed++;
    }
    return weeks;
  }, [jobs]);

  const mapRef = useRef<L.Map | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!mapRef.current) return;
    const group = L.layerGroup(
      open.map((j) =>
        L.marker([j.lat, j.lng], { icon: jobIcon(j.deadlineState), title: `${j.reference} ${catName(j.categoryCode)}`, keyboard: true }).bindPopup(
          `<strong>${escapeHtml(catName(j.categoryCode))}</strong><br>${escapeHtml(j.reference)} · ${escapeHtml(statusWords(j.status))}<br>Due ${escapeHtml(formatDateTime(j.dueAt))}`,
        ),
      ),
    ).addTo(mapRef.current);
    return () => group.remove();
  }, [ready, jobs]);

  return (
    <>
      <section aria-labelledby="week-title">
        <h2 id="week-title">This week so far</h2>
        <ul class="figures">
          {figures.map((f) => (
            <li key={f.label}><strong>{f.value}</strong> <span>{f.label}</span></li>
          ))}
        </ul>
      </section>
      <div class="grid2">
        <section aria-labelledby="open-title">
          <h2 id="open-title">Open jobs in {wardName}</h2>
          <div class="legend" aria-hidden="true">
            <span><i class="on_time" /> On time</span>
            <span><i class="at_risk" /> At risk</span>
            <span><i class="overdue" /> Overdue</span>
          </div>
          <LeafletMap label={`Map of open jobs in ${wardName}`} class="map" wards={[ward]} onReady={(m) => { mapRef.current = m; setReady(true); }} />
        </section>
        <section aria-labelledby="trend-title">
          <h2 id="trend-title">Last 12 weeks</h2>
          <TrendChart weeks={trend} />
        </section>
      </div>
      <h3>Open jobs</h3>
      {open.length === 0 ? (
        <p class="muted">No open jobs in this ward.</p>
      ) : (
        <table class="data" data-testid="open-jobs">
          <thead><tr><th>Job</th><th>What</th><th>Where</th><th>Status</th><th>Deadline</th></tr></thead>
          <tbody>
            {open.slice(0, 50).map((j) => (
              <tr key={j.id}>
                <td>{j.reference}</td>
                <td>{catName(j.categoryCode)}</td>
                <td>{j.publicPlace ?? (j.postcode ? `near ${j.postcode}` : `${j.lat.toFixed(4)}, ${j.lng.toFixed(4)}`)}</td>
                <td>{statusWords(j.status)}</td>
                <td><span class={`pill ${j.deadlineState}`}>{DEADLINE_WORDS[j.deadlineState]}</span> {formatDateTime(j.dueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Reported and fixed per week as paired bars; a table underneath carries the same numbers for screen readers. */
function TrendChart({ weeks }: { weeks: { label: string; reported: number; fixed: number }[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.reported));
  const W = 480;
  const H = 180;
  const band = W / weeks.length;
  const y = (v: number) => H - 20 - (v / max) * (H - 40);
  return (
    <figure class="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="trend-caption" class="trend-svg">
        <line x1="0" y1={H - 20} x2={W} y2={H - 20} stroke="#505a5f" />
        {weeks.map((w, i) => (
          <g key={w.label}>
            <rect x={i * band + band * 0.12} y={y(w.reported)} width={band * 0.36} height={H - 20 - y(w.reported)} fill="#1d4ed8" />
            <rect x={i * band + band * 0.52} y={y(w.fixed)} width={band * 0.36} height={H - 20 - y(w.fixed)} fill="#00703c" />
            {i % 2 === 1 && <text x={i * band + band / 2} y={H - 5} font-size="10" text-anchor="middle" fill="#0b0c0c">{w.label.slice(5)}</text>}
          </g>
        ))}
        <text x="4" y="12" font-size="10" fill="#0b0c0c">{max}</text>
      </svg>
      <figcaption id="trend-caption">
        <span class="legend"><span><i class="sw reported" /> Reported</span><span><i class="sw fixed" /> Fixed</span></span>
      </figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table class="data small">
          <thead><tr><th>Week</th><th>Reported</th><th>Fixed</th></tr></thead>
          <tbody>{weeks.map((w) => <tr key={w.label}><td>{w.label}</td><td>{w.reported}</td><td>{w.fixed}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
