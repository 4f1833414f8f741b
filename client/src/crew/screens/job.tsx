/** One job: where and what, the reporter's answers, notes and photos, and the step that comes next (start, finish, can't complete). */
import { useEffect } from 'preact/hooks';
import { navigateUrl } from '../geo.ts';
import { CategoryIcon } from '../icons.tsx';
import { CLOSED, STATUS_LABEL, dueText, localState, type Category, type CrewJob } from '../model.ts';
import { RouteSketch } from '../route-sketch.tsx';
import { act, markSeen, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';
import { PhotoButton, categoryOf, useBusy } from '../widgets.tsx';

function answerText(cat: Category | undefined, code: string, value: unknown): { label: string; text: string } {
  const q = cat?.questions.find((x) => x.code === code);
  const label = q?.label ?? code.replace(/_/g, ' ');
  if (typeof value === 'boolean') return { label, text: value ? 'Yes' : 'No' };
  const option = q?.options?.find((o) => o.key === value);
  return { label, text: option?.label ?? (Array.isArray(value) ? value.join(', ') : String(value)) };
}

export function JobScreen({ s, job }: { s: CrewState; job: CrewJob }) {
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
        {[job.address, job.postcode ? (job.address ? job.postcode : `near ${job.postcode}`) : null, job.reference].filter(Boolean).map((part, i) => (
          <span key={i} class={i > 0 ? 'muted' : undefined}>{i > 0 ? ' · ' : ''}{part}</span>
        ))}
      </p>
      <p class="job-status">
        <span class={`tag tag-status tag-${local.status}`}>{STATUS_LABEL[local.status] ?? local.status}</span>
        {local.pending && <span class="tag tag-wait">Saved on tablet — not sent yet</span>}
        {job.dueAt && !CLOSED.has(local.status) && (() => {
          const due = dueText(job.dueAt);
          return <span class={due.overdue ? 'due due-over' : 'due'} data-testid="job-due">{due.text}</span>;
        })()}
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
      {s.route && <RouteSketch jobs={s.route.jobs.filter((j) => j.id === job.id || !CLOSED.has(localState(j, s.items).status))} current={job.id} label={`Map of ${job.reference} (ringed) among today’s open jobs`} />}
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
