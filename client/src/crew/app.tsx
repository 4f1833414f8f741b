/** The crew tablet screens: route, job, complete, can't complete, sync. Big targets, few taps, no typing to close a job. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { formatDistance, metresBetween, navigateUrl } from './geo.ts';
import { CameraIcon, CategoryIcon } from './icons.tsx';
import { CLOSED, NOT_COMPLETED_REASONS, STATUS_LABEL, clockTime, localState, type Category, type CrewJob } from './model.ts';
import { JOB_GONE_CODES, summarise, syncHeadline, type OutboxItem } from './queue.ts';
import { act, jobLabel, login, logout, markSeen, outbox, refreshRoute, useCrewState, type CrewState } from './state.ts';

type Screen = { name: 'route' } | { name: 'job' | 'complete' | 'cant'; jobId: string } | { name: 'sync' } | { name: 'login' };

function parseHash(hash: string): Screen {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'job' && parts[1]) {
    const name = parts[2] === 'complete' ? 'complete' : parts[2] === 'cant' ? 'cant' : 'job';
    return { name, jobId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'login') return { name: 'login' };
  return { name: 'route' };
}

export function go(hash: string): void {
  location.hash = hash;
}

function useScreen(): Screen {
  const [screen, setScreen] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => {
      setScreen(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return screen;
}

export function App() {
  const s = useCrewState();
  const screen = useScreen();
  if (s.phase === 'loading') return <main class="crew-loading">Opening…</main>;
  if (s.phase === 'login' || screen.name === 'login') return <LoginScreen />;
  const job = 'jobId' in screen ? s.route?.jobs.find((j) => j.id === screen.jobId) : undefined;
  return (
    <div class="crew">
      <TopBar s={s} />
      {s.needsLogin && (
        <div class="banner banner-warn" role="alert">
          Your login has ended. Things you do are kept on this tablet.
          <button class="btn btn-small" onClick={() => go('#/login')}>Log in again</button>
        </div>
      )}
      <NewJobsBanner s={s} />
      <RefusalsBanner s={s} />
      <main class="crew-main">
        {screen.name === 'route' && <RouteScreen s={s} />}
        {screen.name === 'sync' && <SyncScreen s={s} />}
        {'jobId' in screen && !job && <NotOnRoute />}
        {job && screen.name === 'job' && <JobScreen s={s} job={job} />}
        {job && screen.name === 'complete' && <CompleteScreen s={s} job={job} />}
        {job && screen.name === 'cant' && <CantCompleteScreen job={job} />}
      </main>
    </div>
  );
}

function TopBar({ s }: { s: CrewState }) {
  const summary = summarise(s.items);
  const tone = summary.failed ? 'bad' : summary.waiting ? 'wait' : 'ok';
  return (
    <header class="topbar">
      <button class="topbar-home" onClick={() => go('#/')} aria-label="Today's route">
        <span class="topbar-title">{s.route?.crewName ?? s.user?.name ?? 'Crew'}</span>
        <span class="topbar-sub">{s.route?.date ? `Route for ${s.route.date}` : "Today's route"}</span>
      </button>
      <button class={`sync-pill sync-${tone}`} data-testid="sync-status" onClick={() => go('#/sync')} aria-live="polite">
        <span class="sync-line">{syncHeadline(summary)}</span>
        <span class="sync-sub">
          {!s.online ? 'No signal' : summary.headReason ?? (summary.lastSentAt ? `Last sent ${clockTime(summary.lastSentAt)}` : 'Online')}
        </span>
      </button>
    </header>
  );
}

function NewJobsBanner({ s }: { s: CrewState }) {
  const fresh = s.newJobIds.map((id) => s.route?.jobs.find((j) => j.id === id)).filter((j): j is CrewJob => !!j);
  if (!fresh.length) return null;
  return (
    <div class="banner banner-new" role="alert" data-testid="new-jobs">
      <strong>{fresh.length === 1 ? 'New job added to your route' : `${fresh.length} new jobs added to your route`}</strong>
      {fresh.map((j) => (
        <button key={j.id} class="btn btn-small btn-urgent" onClick={() => go(`#/job/${encodeURIComponent(j.id)}`)}>
          {j.priority === 'urgent' ? 'URGENT · ' : ''}
          {jobLabel(j)}
        </button>
      ))}
    </div>
  );
}

/** Refused steps, one line per job, on every screen: the plain sentence, and "OK" once read (the server kept the evidence). */
function RefusalsBanner({ s }: { s: CrewState }) {
  const byJob = new Map<string, OutboxItem[]>();
  for (const i of s.items) if (i.status === 'failed') byJob.set(i.jobId, [...(byJob.get(i.jobId) ?? []), i]);
  if (!byJob.size) return null;
  return (
    <div class="banner banner-refused" role="alert" data-testid="refusals">
      {[...byJob.values()].map((items) => {
        const gone = items.every((i) => JOB_GONE_CODES.has(i.errorCode ?? ''));
        return (
          <div class="refused-row" key={items[0].jobId}>
            <span>
              <strong>{items[0].jobLabel}:</strong> {items[items.length - 1].reason}
            </span>
            {gone ? (
              <button class="btn btn-small" onClick={() => void Promise.all(items.map((i) => outbox.acknowledge(i.id)))}>
                OK
              </button>
            ) : (
              <button class="btn btn-small" onClick={() => go('#/sync')}>
                See why
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

let routeMarked = false;

/** For bench/crew-app: when the route first became readable after this page load. */
function markRouteVisible(): void {
  if (routeMarked || typeof performance === 'undefined') return;
  routeMarked = true;
  requestAnimationFrame(() => performance.mark('crew-route-visible'));
}

function RouteScreen({ s }: { s: CrewState }) {
  if (!s.route) {
    return (
      <section class="empty">
        <p>{s.online ? 'Loading today’s route…' : 'No signal, and no route saved on this tablet yet.'}</p>
        {s.routeError && <p class="error">{s.routeError}</p>}
        <button class="btn" onClick={() => void refreshRoute()}>Try again</button>
      </section>
    );
  }
  markRouteVisible();
  const open = s.route.jobs.filter((j) => !CLOSED.has(localState(j, s.items).status));
  const closed = s.route.jobs.filter((j) => CLOSED.has(localState(j, s.items).status));
  return (
    <section>
      <h1 class="screen-title">
        {open.length ? `${open.length} job${open.length === 1 ? '' : 's'} to do` : 'All jobs done'}
        <span class="muted"> · {closed.length} closed</span>
      </h1>
      {s.routeError && <p class="error">{s.routeError}</p>}
      {!s.online && <p class="muted">No signal — showing the route saved at {clockTime(s.route.fetchedAt)}.</p>}
      <ol class="route-list" data-testid="route">
        {[...open, ...closed].map((job, i) => (
          <RouteCard key={job.id} s={s} job={job} position={i + 1} />
        ))}
      </ol>
    </section>
  );
}

function RouteCard({ s, job, position }: { s: CrewState; job: CrewJob; position: number }) {
  const cat = categoryOf(s, job);
  const local = localState(job, s.items);
  const isNew = s.newJobIds.includes(job.id);
  const overdue = job.deadlineState === 'overdue' || (job.dueAt && Date.parse(job.dueAt) < Date.now());
  const distance = s.position && Number.isFinite(job.lat) ? formatDistance(metresBetween(s.position, job)) : null;
  const classes = ['route-card', `status-${local.status}`, isNew ? 'is-new' : '', job.priority === 'urgent' ? 'is-urgent' : '', local.refusal ? 'is-refused' : '', CLOSED.has(local.status) ? 'is-closed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} data-testid="route-job" data-job-id={job.id}>
      <button class="route-open" onClick={() => go(`#/job/${encodeURIComponent(job.id)}`)}>
        <span class="route-pos">{position}</span>
        <span class="route-icon"><CategoryIcon icon={cat?.icon} /></span>
        <span class="route-body">
          <span class="route-street">{job.address ?? job.postcode ?? job.reference}</span>
          <span class="route-meta">
            {cat?.name ?? job.categoryCode}
            {job.postcode && job.address ? ` · ${job.postcode}` : ''}
            {distance ? ` · ${distance} away` : ''}
          </span>
          {local.refusal && <span class="route-refusal">{local.refusal}</span>}
        </span>
        <span class="route-side">
          {isNew && <span class="tag tag-new">NEW</span>}
          {job.priority === 'urgent' && <span class="tag tag-urgent">URGENT</span>}
          <span class={`tag tag-status tag-${local.status}`}>{STATUS_LABEL[local.status] ?? local.status}</span>
          {local.pending && <span class="tag tag-wait">Not sent yet</span>}
          {!CLOSED.has(local.status) && job.dueAt && <span class={overdue ? 'due due-over' : 'due'}>Due {clockTime(job.dueAt)}</span>}
        </span>
      </button>
      <a class="btn btn-nav" href={navigateUrl(job.lat, job.lng, job.address ?? job.reference)} target="_blank" rel="noopener">
        Navigate
      </a>
    </li>
  );
}

/** The full category (with its questions) when cached, else the summary the route carries. */
function categoryOf(s: CrewState, job: CrewJob): Category | undefined {
  return s.categories[job.categoryCode] ?? job.category ?? undefined;
}

function NotOnRoute() {
  return (
    <section class="empty">
      <p>This job is not on today’s route any more.</p>
      <button class="btn" onClick={() => go('#/')}>Back to the route</button>
    </section>
  );
}

function answerText(cat: Category | undefined, code: string, value: unknown): { label: string; text: string } {
  const q = cat?.questions.find((x) => x.code === code);
  const label = q?.label ?? code.replace(/_/g, ' ');
  if (typeof value === 'boolean') return { label, text: value ? 'Yes' : 'No' };
  const option = q?.options?.find((o) => o.key === value);
  return { label, text: option?.label ?? (Array.isArray(value) ? value.join(', ') : String(value)) };
}

/** The camera button: a label around a hidden file input, so one tap opens the camera on a tablet. */
function PhotoButton({ label, onPhoto, testId, primary = true, wide = false }: { label: string; onPhoto: (f: File) => void; testId: string; primary?: boolean; wide?: boolean }) {
  return (
    <label class={`btn btn-photo ${primary ? 'btn-go' : ''} ${wide ? 'btn-wide' : ''}`} data-testid={testId}>
      <CameraIcon /> {label}
      <input
        type="file"
        accept="image/*"
        capture="environment"
        class="visually-hidden"
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const f = input.files?.[0];
          input.value = '';
          if (f) onPhoto(f);
        }}
      />
    </label>
  );
}

function useBusy(): [boolean, (fn: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  return [
    busy,
    async (fn) => {
      if (busy) return;
      setBusy(true);
      try {
        await fn();
      } finally {
        setBusy(false);
      }
    },
  ];
}

function JobScreen({ s, job }: { s: CrewState; job: CrewJob }) {
  const cat = categoryOf(s, job);
  const local = localState(job, s.items);
  const [busy, run] = useBusy();
  useEffect(() => markSeen(job.id), [job.id]);
  const canStart = ['assigned', 'scheduled', 'accepted', 'reopened'].includes(local.status);
  const started = local.status === 'in_progress';
  const reportPhotos = job.photos.filter((p) => p.kind === 'report');
  const answers = Object.entries(job.answers).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <section class="job" data-testid="job-screen">
      <button class="btn btn-back" onClick={() => go('#/')}>← Route</button>
      <h1 class="screen-title">
        <CategoryIcon icon={cat?.icon} size={40} />
        {cat?.name ?? job.categoryCode}
        {job.priority === 'urgent' && <span class="tag tag-urgent">URGENT</span>}
      </h1>
      <p class="job-where">
        {job.address ?? ''} {job.postcode ?? ''} <span class="muted">· {job.reference}</span>
      </p>
      <p class="job-status">
        <span class={`tag tag-status tag-${local.status}`}>{STATUS_LABEL[local.status] ?? local.status}</span>
        {local.pending && <span class="tag tag-wait">Saved on tablet — not sent yet</span>}
        {job.dueAt && !CLOSED.has(local.status) && <span class="due">Due {clockTime(job.dueAt)}</span>}
      </p>
      {local.refusal && (
        <p class="refusal" role="alert" data-testid="job-refusal">
          {local.refusal}
        </p>
      )}
      <div class="actions">
        {busy && <p class="muted">Saving…</p>}
        {canStart && !local.refusal && (
          <>
            <PhotoButton label="Start — take before photo" testId="start-photo" wide onPhoto={(f) => void run(() => act(job, 'start', {}, f))} />
            {cat && !cat.requiresBeforePhoto && (
              <button class="btn" onClick={() => void run(() => act(job, 'start', {}, null))}>Start without a photo</button>
            )}
          </>
        )}
        {started && !local.refusal && (
          <>
            <button class="btn btn-go btn-wide" data-testid="to-complete" onClick={() => go(`#/job/${encodeURIComponent(job.id)}/complete`)}>
              ✔ Finish job
            </button>
            <button class="btn btn-stop" data-testid="to-cant" onClick={() => go(`#/job/${encodeURIComponent(job.id)}/cant`)}>
              ✖ Can’t complete
            </button>
            <PhotoButton label="Add a photo" testId="extra-photo" primary={false} onPhoto={(f) => void run(() => act(job, 'photos', {}, f))} />
          </>
        )}
        {canStart && !local.refusal && (
          <button class="btn btn-stop" data-testid="to-cant" onClick={() => go(`#/job/${encodeURIComponent(job.id)}/cant`)}>
            ✖ Can’t do this job
          </button>
        )}
        <a class="btn btn-nav" href={navigateUrl(job.lat, job.lng, job.address ?? job.reference)} target="_blank" rel="noopener">
          Navigate
        </a>
      </div>
      {job.description && <p class="job-desc">“{job.description}”</p>}
      {answers.length > 0 && (
        <dl class="answers">
          {answers.map(([code, value]) => {
            const a = answerText(cat, code, value);
            return (
              <div key={code}>
                <dt>{a.label}</dt>
                <dd>{a.text}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {job.notes.length > 0 && (
        <div class="notes">
          <h2>Notes from the office</h2>
          {job.notes.map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </div>
      )}
      {reportPhotos.length > 0 && (
        <div class="photos">
          <h2>Photos from the report</h2>
          {reportPhotos.map((p) => (
            <a key={p.id} href={p.fullUrl} target="_blank" rel="noopener">
              <img src={p.thumbUrl} alt="Reported problem" loading="lazy" />
            </a>
          ))}
        </div>
      )}
    </section>
  );
}

function usePreview(file: File | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}

/** Weights are estimated, not weighed: a tap is 5 kg. Counts and bags go one at a time. */
function stepFor(unit: string | undefined): number {
  return unit === 'kg' ? 5 : 1;
}

function Stepper({ label, unit, value, min, max, onChange }: { label: string; unit?: string; value: number; min: number; max: number; onChange: (v: number) => void }) {
  const step = stepFor(unit);
  return (
    <div class="stepper" data-testid="stepper">
      <span class="stepper-label">{label}</span>
      <button class="btn btn-step" aria-label={`Less ${label}`} disabled={value <= min} onClick={() => onChange(Math.max(min, value - step))}>
        −
      </button>
      <output class="stepper-value">
        {value}
        {unit ? <small> {unit}</small> : null}
      </output>
      <button class="btn btn-step" aria-label={`More ${label}`} disabled={value >= max} onClick={() => onChange(Math.min(max, value + step))}>
        +
      </button>
    </div>
  );
}

function Choice({ title, options, value, onChange }: { title: string; options: { key: string; label: string }[]; value: string | null; onChange: (k: string) => void }) {
  return (
    <fieldset class="choice">
      <legend>{title}</legend>
      {options.map((o) => (
        <button key={o.key} class={`btn btn-choice ${value === o.key ? 'is-on' : ''}`} aria-pressed={value === o.key} onClick={() => onChange(o.key)}>
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}

function CompleteScreen({ s, job }: { s: CrewState; job: CrewJob }) {
  const cat = categoryOf(s, job);
  const [photo, setPhoto] = useState<File | null>(null);
  const preview = usePreview(photo);
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries((cat?.quantities ?? []).map((q) => [q.code, job.quantities[q.code] ?? 0])));
  const flyTip = job.categoryCode === 'fly-tipping';
  const question = (code: string) => cat?.questions.find((q) => q.code === code)?.options ?? [];
  const fromReport = (code: string, wdKey: string) => job.wasteData?.[wdKey] ?? (typeof job.answers[code] === 'string' ? (job.answers[code] as string) : null);
  const [waste, setWaste] = useState(() => ({ size: fromReport('size', 'size'), wasteType: fromReport('waste_type', 'wasteType'), landType: fromReport('land_type', 'landType') }));
  const [busy, run] = useBusy();
  const finish = (kind: 'complete' | 'partial') =>
    run(async () => {
      const data: Record<string, unknown> = { quantities };
      if (flyTip) data.wasteData = Object.fromEntries(Object.entries(waste).filter(([, v]) => v));
      await act(job, kind, data, photo);
      go('#/');
    });
  return (
    <section class="job" data-testid="complete-screen">
      <button class="btn btn-back" onClick={() => go(`#/job/${encodeURIComponent(job.id)}`)}>← Back</button>
      <h1 class="screen-title">Finish: {job.address ?? job.reference}</h1>
      <div class="photo-step">
        {preview ? <img class="preview" src={preview} alt="After photo" data-testid="after-preview" /> : <p class="muted">Take the after photo to close the job.</p>}
        <PhotoButton label={photo ? 'Take again' : 'Take after photo'} testId="after-photo" primary={!photo} onPhoto={setPhoto} />
      </div>
      {(cat?.quantities ?? []).map((q) => (
        <Stepper key={q.code} label={q.label} unit={q.unit} min={q.min} max={q.max} value={quantities[q.code] ?? 0} onChange={(v) => setQuantities({ ...quantities, [q.code]: v })} />
      ))}
      {flyTip && (
        <>
          <Choice title="Size" options={question('size')} value={waste.size} onChange={(k) => setWaste({ ...waste, size: k })} />
          <Choice title="Waste type" options={question('waste_type')} value={waste.wasteType} onChange={(k) => setWaste({ ...waste, wasteType: k })} />
          <Choice title="Land type" options={question('land_type')} value={waste.landType} onChange={(k) => setWaste({ ...waste, landType: k })} />
        </>
      )}
      <div class="actions actions-end">
        <button class="btn btn-go btn-big" data-testid="complete" disabled={!photo || busy} onClick={() => void finish('complete')}>
          ✔ Job done
        </button>
        <button class="btn" data-testid="partial" disabled={!photo || busy} onClick={() => void finish('partial')}>
          Partly done
        </button>
      </div>
    </section>
  );
}

function CantCompleteScreen({ job }: { job: CrewJob }) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, run] = useBusy();
  const ready = reason && (reason !== 'other' || note.trim());
  return (
    <section class="job" data-testid="cant-screen">
      <button class="btn btn-back" onClick={() => go(`#/job/${encodeURIComponent(job.id)}`)}>← Back</button>
      <h1 class="screen-title">Why can’t it be done?</h1>
      <div class="reasons">
        {NOT_COMPLETED_REASONS.map((r) => (
          <button key={r.code} class={`btn btn-reason ${reason === r.code ? 'is-on' : ''}`} aria-pressed={reason === r.code} onClick={() => setReason(r.code)}>
            {r.label}
          </button>
        ))}
      </div>
      {reason === 'other' && (
        <label class="note">
          What happened?
          <textarea value={note} rows={3} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
      )}
      <PhotoButton label={photo ? 'Photo taken ✓ (take again)' : 'Add a photo (optional)'} testId="cant-photo" primary={false} onPhoto={setPhoto} />
      <div class="actions actions-end">
        <button
          class="btn btn-stop-solid btn-big"
          data-testid="send-cant"
          disabled={!ready || busy}
          onClick={() =>
            void run(async () => {
              await act(job, 'not-completed', { reason, ...(note.trim() ? { note: note.trim() } : {}) }, photo);
              go('#/');
            })
          }
        >
          Send: can’t complete
        </button>
      </div>
    </section>
  );
}

const KIND_LABEL: Record<string, string> = { start: 'Start + before photo', complete: 'Job done + after photo', 'not-completed': "Can't complete", partial: 'Partly done', photos: 'Extra photo' };

function SyncScreen({ s }: { s: CrewState }) {
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

function LoginScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  return (
    <main class="login">
      <h1>Kerbside crew</h1>
      <p>Log in once at the start of your shift.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const err = await login(email.trim(), password);
            setError(err);
            if (!err) go('#/');
          });
        }}
      >
        <label>
          Email
          <input type="email" name="email" autoComplete="username" value={email} onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} required />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} required />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="btn btn-go btn-big" type="submit" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}
