/** Today's route: open jobs first, then closed ones, each a card with its status and a Navigate button. */
import { formatDistance, metresBetween, navigateUrl } from '../geo.ts';
import { CategoryIcon } from '../icons.tsx';
import { CLOSED, STATUS_LABEL, clockTime, dueText, localState, type CrewJob } from '../model.ts';
import { RouteSketch } from '../route-sketch.tsx';
import { refreshRoute, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';
import { categoryOf } from '../widgets.tsx';

let routeMarked = false;

/** For bench/crew-app: when the route first became readable after this page load. */
function markRouteVisible(): void {
  if (routeMarked || typeof performance === 'undefined') return;
  routeMarked = true;
  requestAnimationFrame(() => performance.mark('crew-route-visible'));
}

export function RouteScreen({ s }: { s: CrewState }) {
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
      {open.length > 0 && <RouteSketch jobs={open} label={`Map of today’s ${open.length} open jobs in route order`} />}
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
  const due = job.dueAt ? dueText(job.dueAt) : null;
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
          <span class="route-street">{job.address ?? (job.postcode ? `near ${job.postcode}` : job.reference)}</span>
          <span class="route-meta">
            {[cat?.name ?? job.categoryCode, job.postcode && job.address ? job.postcode : null, distance ? `${distance} away` : null].filter(Boolean).join(' · ')}
          </span>
          {local.refusal && <span class="route-refusal">{local.refusal}</span>}
        </span>
        <span class="route-side">
          {isNew && <span class="tag tag-new">NEW</span>}
          {job.priority === 'urgent' && <span class="tag tag-urgent">URGENT</span>}
          <span class={`tag tag-status tag-${local.status}`}>{STATUS_LABEL[local.status] ?? local.status}</span>
          {local.pending && <span class="tag tag-wait">Not sent yet</span>}
          {!CLOSED.has(local.status) && due?.text && <span class={due.overdue ? 'due due-over' : 'due'}>{due.text}</span>}
        </span>
      </button>
      <a class="btn btn-nav" href={navigateUrl(job.lat, job.lng, job.address ?? job.reference)} target="_blank" rel="noopener">
        Navigate
      </a>
    </li>
  );
}
