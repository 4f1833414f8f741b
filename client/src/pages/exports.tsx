/**
 * The office's Exports page: work orders as CSV or GeoJSON with filters (and
 * how many will be included before downloading, with progress while a large
 * file arrives), the month's WasteDataFlow fly-tipping return with the
 * incidents to fix before submitting, and whether open data is published.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, withQuery } from '../api.ts';
import type { ApiResponse } from '../api/types.ts';
import { loadCategories, loadWards, type Category } from '../config.ts';
import { Link } from '../router.tsx';
import './exports/exports.css';

type Preview = ApiResponse<'exports.preview'>;
/** The wastedataflow route documents no JSON answer, so its shape is written out here. */

interface WasteReturn {
  month: string;
  firstDay: string;
  lastDay: string;
  incidentsCounted: number;
  bySize: Record<string, number>;
  byLandType: Record<string, number>;
  enforcement: Record<string, number>;
  estimatedCost: { total: number | null; sizesWithoutCost: string[] };
  incomplete: { id: string; reference: string; ward: string; completedAt: string; missing: string[] }[];
}

const STATUS_GROUPS: { key: string; label: string; statuses: string }[] = [
  { key: '', label: 'Any status', statuses: '' },
  { key: 'open', label: 'Open', statuses: 'new,accepted,scheduled,assigned,in_progress,reopened' },
  { key: 'fixed', label: 'Fixed', statuses: 'completed' },
  { key: 'closed_not_fixed', label: 'Closed – not fixed', statuses: 'not_completed,partially_completed,rejected,cancelled,duplicate,not_responsible' },
];

const ACTION_LABELS: Record<string, string> = {
  investigation: 'Investigations', warning_letter: 'Warning letters', fixed_penalty_notice: 'Fixed penalty notices', prosecution: 'Prosecutions', statutory_notice: 'Statutory notices', duty_of_care_inspection: 'Duty of care inspections',
};

const number = (n: number) => n.toLocaleString('en-GB');

/** The previous month in the browser's calendar, as YYYY-MM: the return the office usually prepares. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Saves a Blob under a file name through a temporary link. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ExportsPage() {
  const [wards, setWards] = useState<{ code: string; name: string }[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [filters, setFilters] = useState({ from: '', to: '', ward: '', category: '', status: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ format: string; rows: number; bytes: number; done: boolean } | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => {
    loadWards().then((w) => setWards(w.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name))), () => undefined);
    loadCategories().then(setCategories, () => undefined);
    return () => abortRef.current?.abort();
  }, []);

  const query = {
    from: filters.from, to: filters.to, ward: filters.ward, category: filters.category,
    status: STATUS_GROUPS.find((g) => g.key === filters.status)?.statuses ?? '',
  };
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    setPreviewError(null);
    const timer = setTimeout(() => {
      api.get<Preview>(withQuery('/api/exports/work-orders/preview', query)).then(setPreview, (e) => { setPreview(null); setPreviewError(describeError(e)); });
    }, 250);
    return () => clearTimeout(timer);
  }, [queryKey]);

  const set = (name: keyof typeof filters, value: string) => setFilters({ ...filters, [name]: value });

  /** Fetches the export as a stream, counting rows as they arrive, then saves it. */
  const download = async (format: 'csv' | 'geojson') => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setDownloadError(null);
    setProgress({ format, rows: 0, bytes: 0, done: false });
    let rows = 0;
    let receiving = false;
    /** Work orders received so far (a CSV's first line is its header). */
    const received = () => Math.max(0, format === 'csv' ? rows - 1 : rows);
    try {
      const res = await fetch(withQuery(`/api/exports/work-orders.${format}`, query), { credentials: 'same-origin', signal: controller.signal });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.error?.message ?? `The export failed (${res.status}).`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `kerbside-work-orders.${format}`;
      const reader = res.body.getReader();
      receiving = true;
      const parts: Uint8Array[] = [];
      let bytes = 0;
      let tail = '';
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        const text = decoder.decode(value, { stream: true });
        // CSV: one line a row (after the header); GeoJSON: one "Feature" a work order. The carried tail is one
        // character shorter than the marker, so a marker split across chunks counts once and none counts twice.
        rows += format === 'csv' ? (text.match(/\n/g)?.length ?? 0) : ((tail + text).match(/"type":"Feature"/g)?.length ?? 0);
        tail = text.slice(-16);
        setProgress({ format, rows: received(), bytes, done: false });
      }
      saveBlob(new Blob(parts as BlobPart[], { type: format === 'csv' ? 'text/csv' : 'application/geo+json' }), name);
      setProgress((p) => (p ? { ...p, done: true } : p));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setProgress(null);
      // Once rows are arriving, a failure is the stream being cut (the browser only says "network error").
      setDownloadError(receiving
        ? `The download stopped part-way, after about ${number(received())} work orders, and nothing was saved. Please try again; if it keeps stopping, narrow the dates or ward.`
        : e instanceof Error ? e.message : describeError(e));
    }
  };

  const total = preview?.count ?? 0;
  const busy = progress !== null && !progress.done;
  const share = progress && total ? Math.min(1, progress.rows / total) : 0;

  return (
    <div class="page exports">
      <h1>Exports</h1>
      <p class="lead">Work orders for spreadsheets and maps, and the monthly fly-tipping return for Defra. No export contains anyone’s name, email address or phone number.</p>

      <section class="panel" aria-labelledby="wo-title">
        <h2 id="wo-title">Work orders</h2>
        <form class="export-filters" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="x-from">Reported from</label>
            <input id="x-from" type="date" value={filters.from} max={filters.to || undefined} onInput={(e) => set('from', e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="x-to">Reported to</label>
            <input id="x-to" type="date" value={filters.to} min={filters.from || undefined} onInput={(e) => set('to', e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="x-ward">Ward</label>
            <select id="x-ward" value={filters.ward} onChange={(e) => set('ward', e.currentTarget.value)}>
              <option value="">All wards</option>
              {wards.map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="x-category">Category</label>
            <select id="x-category" value={filters.category} onChange={(e) => set('category', e.currentTarget.value)}>
              <option value="">All categories</option>
              {categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="x-status">Status</label>
            <select id="x-status" value={filters.status} onChange={(e) => set('status', e.currentTarget.value)}>
              {STATUS_GROUPS.map((g) => <option key={g.key} value={g.key}>{g.label}</option>)}
            </select>
          </div>
        </form>

        <div class="export-summary" aria-live="polite" data-testid="export-summary">
          {previewError ? <p class="banner error" role="alert">{previewError}</p>
            : !preview ? <p class="muted"><span class="spinner" aria-hidden="true" /> Counting…</p>
            : <p><strong>{number(preview.count)}</strong> work order{preview.count === 1 ? '' : 's'} will be included, one row each, in the order they were reported. Times are UK time.</p>}
        </div>
        {preview && (
          <details class="export-columns">
            <summary>What each row contains ({preview.columns.length} columns)</summary>
            <p class="small">{preview.columns.join(' · ')}</p>
          </details>
        )}
        <div class="row export-actions">
          <button type="button" disabled={busy || !preview || preview.count === 0} onClick={() => download('csv')}>Download CSV (spreadsheet)</button>
          <button type="button" class="secondary" disabled={busy || !preview || preview.count === 0} onClick={() => download('geojson')}>Download GeoJSON (map)</button>
          {busy && <button type="button" class="linklike" onClick={() => { abortRef.current?.abort(); setProgress(null); }}>Cancel</button>}
        </div>
        {progress && (
          <div class="export-progress" data-testid="export-progress">
            <progress max={1} value={progress.done ? 1 : share} aria-label="Export progress" />
            <span role="status">
              {progress.done
                ? `Done: ${number(progress.rows)} work orders saved as ${progress.format === 'csv' ? 'CSV' : 'GeoJSON'} (${(progress.bytes / 1e6).toFixed(1)} MB).`
                : `Downloading: ${number(progress.rows)} of ${number(total)} work orders (${(progress.bytes / 1e6).toFixed(1)} MB)…`}
            </span>
          </div>
        )}
        {downloadError && <p class="banner error" role="alert">{downloadError}</p>}
      </section>

      <WasteDataFlowSection />

      <section class="panel" aria-labelledby="open-title">
        <h2 id="open-title">Open data</h2>
        {preview?.openDataPublished ? (
          <p>Published. Anyone can download the anonymised work orders (no personal data, no free text, positions to about 100 metres) at <a href="/api/open-data/work-orders.csv">/api/open-data/work-orders.csv</a>.</p>
        ) : (
          <p class="muted">Not published. An administrator can publish the anonymised work orders at a public address in <Link href="/admin/settings">Admin › Settings › Open data</Link>.</p>
        )}
      </section>
    </div>
  );
}

function WasteDataFlowSection() {
  const [month, setMonth] = useState(lastMonth());
  const [data, setData] = useState<WasteReturn | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    setData(null);
    setError(null);
    api.get<WasteReturn>('/api/exports/wastedataflow', { month, format: 'json' }).then(setData, (e) => setError(describeError(e)));
  }, [month]);
  const actions = data ? Object.entries(data.enforcement).filter(([, n]) => n > 0) : [];
  return (
    <section class="panel" aria-labelledby="wdf-title">
      <h2 id="wdf-title">WasteDataFlow fly-tipping return</h2>
      <p class="muted">Fly-tips cleared in the month (UK time), counted by land type, waste type and size as Defra asks, with the enforcement actions recorded on each job.</p>
      <div class="row">
        <div class="field">
          <label for="wdf-month">Month</label>
          <input id="wdf-month" type="month" class="short" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
        </div>
        <div class="field">
          <a class="button" href={`/api/exports/wastedataflow?month=${month}`} download={`wastedataflow-fly-tipping-${month}.csv`}>Download the return (CSV)</a>
        </div>
      </div>
      {error && <p class="banner error" role="alert">{error}</p>}
      {data && (
        <div data-testid="wdf-summary">
          <ul class="figures">
            <li><strong>{number(data.incidentsCounted)}</strong> <span>incidents counted</span></li>
            <li><strong>{number(Object.values(data.enforcement).reduce((a, b) => a + b, 0))}</strong> <span>enforcement actions</span></li>
            <li><strong>{data.estimatedCost.total === null ? '—' : `£${data.estimatedCost.total.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`}</strong> <span>estimated clearance cost</span></li>
            <li class={data.incomplete.length ? 'needs-fix' : ''}><strong>{number(data.incomplete.length)}</strong> <span>to fix before submitting</span></li>
          </ul>
          {actions.length > 0 && <p class="small">{actions.map(([k, n]) => `${ACTION_LABELS[k] ?? k}: ${n}`).join(' · ')}</p>}
          {data.estimatedCost.sizesWithoutCost.length > 0 && (
            <p class="small muted">No cost entered for: {data.estimatedCost.sizesWithoutCost.join(', ')}. An administrator can enter the council’s cost per size in Admin › Settings.</p>
          )}
          {data.incomplete.length > 0 ? (
            <>
              <h3>Incidents to fix before submitting</h3>
              <p>These fly-tips were cleared this month but lack a field Defra requires, so they are not counted yet. Open each job and complete its fly-tip details.</p>
              <table class="data">
                <thead><tr><th>Job</th><th>Cleared</th><th>Ward</th><th>Missing</th></tr></thead>
                <tbody>
                  {data.incomplete.map((i) => (
                    <tr key={i.id}>
                      <td><Link href={`/work-orders/${i.id}`}>{i.reference}</Link></td>
                      <td>{new Date(i.completedAt).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })}</td>
                      <td>{i.ward}</td>
                      <td>{i.missing.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p class="banner ok">Every fly-tip cleared this month has the fields Defra requires.</p>
          )}
        </div>
      )}
    </section>
  );
}
