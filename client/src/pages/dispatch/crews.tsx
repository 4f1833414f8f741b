/**
 * The crews' day: one column per crew (and one for unassigned jobs) with drag
 * and drop, and the planner's draft plan to publish when the server has one.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Countdown } from '../../components/countdown.tsx';
import { Icon } from '../../components/icons.tsx';
import { Link } from '../../router.tsx';
import { dispatcherActions, normalise, placeOf, type WorkOrder } from '../../work-orders.ts';
import { statusWords } from '../track.tsx';
import { assignedNotice, noticeFor, type BoardContext, type Crew, type CrewDay, type Notice } from './board.ts';

interface RoutePlan {
  id: string;
  routeDate: string;
  status: 'draft' | 'published' | 'superseded';
  createdAt: string;
  summary: { jobs: number; planned: number; late: string[]; unplanned: string[]; crewsUsed: number; distanceKm: number; elapsedMs: number; published?: number; skipped?: string[]; reasons?: { workOrderId: string; reference: string; code: string; message: string }[]; crewsOnShift?: number };
  assignments: { workOrderId: string; reference?: string; crewId: string; position: number; plannedStartAt: string; late: boolean }[];
}

export function CrewsView({ open, ctx, setNotice, reload }: { open: WorkOrder[]; ctx: BoardContext; setNotice: (n: Notice | null) => void; reload: () => Promise<void> }) {
  const [crews, setCrews] = useState<Crew[] | null>(null);
  const [days, setDays] = useState<Map<string, CrewDay>>(new Map());
  const [planner, setPlanner] = useState(false);
  const [plan, setPlan] = useState<RoutePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<string | null>(null);

  useEffect(() => {
    api.get<Crew[]>('/api/crews').then(setCrews, (e) => setNotice(noticeFor(e)));
    hasPlanner().then(
      (yes) => {
        setPlanner(yes);
        if (yes) api.get<RoutePlan[]>('/api/plans').then((plans) => setPlan(plans.find((p) => p.status !== 'superseded' && p.summary.jobs > 0) ?? null), () => undefined);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!crews) return;
    Promise.all(crews.map((c) => api.get<CrewDay>(`/api/crews/${c.id}/day`).then((d) => [c.id, d] as const))).then(
      (pairs) => setDays(new Map(pairs.map(([id, d]) => [id, { ...d, workOrders: d.workOrders.map(normalise) }]))),
      (e) => setNotice(noticeFor(e)),
    );
  }, [crews, ctx.version]);

  const byId = new Map<string, WorkOrder>();
  for (const w of open) byId.set(w.id, w);
  for (const d of days.values()) for (const w of d.workOrders) if (!byId.has(w.id)) byId.set(w.id, w);
  const unassigned = open.filter((w) => !w.crewId && w.status !== 'new').sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  const dropOn = async (crewId: string | null, position?: number) => {
    const id = dragging;
    setDragging(null);
    const wo = id ? byId.get(id) : null;
    if (!wo) return;
    if (crewId === null) {
      if (wo.crewId) await ctx.run(() => dispatcherActions.unassign(wo), `${wo.reference} taken off ${crews?.find((c) => c.id === wo.crewId)?.name ?? 'its crew'}.`);
      return;
    }
    const crew = crews?.find((c) => c.id === crewId);
    // Dropped "before stop N" within its own day: taking it out first shifts the later stops up by one.
    const target = position && wo.crewId === crewId && wo.routePosition !== null && wo.routePosition < position ? position - 1 : position;
    if (wo.crewId === crewId && target === wo.routePosition) return;
    const done = `${wo.reference} given to ${crew?.name ?? 'the crew'}${target ? ` as stop ${target}` : ''}.`;
    // Moved onto another crew: warned when that crew is off shift now. A reorder within a day is not.
    await ctx.run(() => dispatcherActions.assign(wo, crewId, target), wo.crewId === crewId ? done : assignedNotice(done));
  };

  const moveByKeyboard = async (wo: WorkOrder, crewId: string) => {
    if (crewId === '') return ctx.run(() => dispatcherActions.unassign(wo), `${wo.reference} taken off its crew.`);
    const crew = crews?.find((c) => c.id === crewId);
    await ctx.run(() => dispatcherActions.assign(wo, crewId), assignedNotice(`${wo.reference} given to ${crew?.name ?? 'the crew'}.`));
  };

  const planDay = async () => {
    setBusy(true);
    try {
      const draft = await api.post<RoutePlan>('/api/plans', {});
      setPlan(draft);
      const s = draft.summary;
      // Success is only claimed for a plan that places something; otherwise the summary says why each job could not be planned.
      if (s.jobs === 0) setNotice({ kind: 'ok', text: 'There are no open jobs to plan today.' });
      else if (s.planned === 0) setNotice({ kind: 'error', text: `The planner could not plan any of the ${s.jobs} jobs. The reasons are listed below; nothing is ready to publish.` });
      else setNotice({ kind: s.unplanned.length ? 'warn' : 'ok', text: `The planner has drafted routes for ${s.planned} of ${s.jobs} jobs. Check them, then publish.` });
    } catch (err) {
      setNotice(noticeFor(err));
    }
    setBusy(false);
  };
  const publish = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      setPlan(await api.post<RoutePlan>(`/api/plans/${plan.id}/publish`, {}));
      setNotice({ kind: 'ok', text: 'Today’s routes are published to the crews’ tablets.' });
    } catch (err) {
      setNotice(noticeFor(err));
    }
    setBusy(false);
    await reload();
  };

  if (!crews) return <p><span class="spinner" aria-hidden="true" /> Loading crews…</p>;
  const date = [...days.values()][0]?.date;

  return (
    <>
      <div class="row plan-bar">
        <p class="muted">{date ? `Routes for ${new Date(date + 'T12:00:00Z').toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })}. ` : ''}Drag a job onto a crew, or between jobs to set the order. Each card also has a “Move to” list for keyboard use.</p>
        {planner && <button onClick={planDay} disabled={busy}>{busy ? 'Working…' : 'Plan the day'}</button>}
        {planner && <button class="secondary" onClick={publish} disabled={busy || plan?.status !== 'draft' || !plan.assignments.length} title={plan?.status === 'draft' && !plan.assignments.length ? 'This plan puts no job on any crew' : undefined}>Publish routes</button>}
        {!planner && <span class="small muted">Automatic planning is not available on this server.</span>}
      </div>
      {plan && <PlanSummary plan={plan} crews={crews} refOf={(id) => byId.get(id)?.reference ?? id.slice(0, 8)} />}
      <div class="crew-columns">
        <Column
          title="Ready to assign"
          subtitle={`${unassigned.length} job${unassigned.length === 1 ? '' : 's'}`}
          jobs={unassigned}
          crews={crews}
          ctx={ctx}
          dragging={dragging}
          setDragging={setDragging}
          onDrop={(pos) => dropOn(null, pos)}
          onMove={moveByKeyboard}
          testId="col-unassigned"
        />
        {crews.map((c) => {
          const day = days.get(c.id);
          const jobs = (day?.workOrders ?? []).slice().sort((a, b) => (a.routePosition ?? 0) - (b.routePosition ?? 0));
          return (
            <Column
              key={c.id}
              crewId={c.id}
              title={c.name}
              subtitle={`${shiftWords(day?.shift ?? null)} · skills: ${c.skills.join(', ')}`}
              jobs={jobs}
              crews={crews}
              ctx={ctx}
              dragging={dragging}
              setDragging={setDragging}
              onDrop={(pos) => dropOn(c.id, pos)}
              onMove={moveByKeyboard}
              onReorder={(wo, position) => ctx.run(() => dispatcherActions.assign(wo, c.id, position), `${wo.reference} is now stop ${position} for ${c.name}.`)}
              testId={`col-${c.id}`}
            />
          );
        })}
      </div>
    </>
  );
}

/** Today's shift as of now: a column must not say "on shift" for a crew that has gone home. */
function shiftWords(shift: { start: string; end: string } | null): string {
  if (!shift) return 'No shift today';
  const now = Date.now();
  if (Date.parse(shift.end) <= now) return `Shift ended at ${clockTime(shift.end)}`;
  if (Date.parse(shift.start) > now) return `Shift ${clockTime(shift.start)}–${clockTime(shift.end)}`;
  return `On shift ${clockTime(shift.start)}–${clockTime(shift.end)}`;
}

/** "07:00" in London for an ISO instant (or an HH:MM already). */
function clockTime(t: string): string {
  if (/^\d\d:\d\d$/.test(t)) return t;
  return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/** Whether this server has the planner (read from its API description, not guessed). */
async function hasPlanner(): Promise<boolean> {
  const doc = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
  return !!doc.paths['/api/plans']?.post && !!doc.paths['/api/plans/{id}/publish']?.post;
}

function PlanSummary({ plan, crews, refOf }: { plan: RoutePlan; crews: Crew[]; refOf: (id: string) => string }) {
  const s = plan.summary;
  const byCrew = crews
    .map((c) => ({ c, jobs: plan.assignments.filter((a) => a.crewId === c.id).sort((a, b) => a.position - b.position) }))
    .filter((x) => x.jobs.length);
  return (
    <div class={`panel plan-summary ${plan.status}`} data-testid="plan-summary">
      <h2>{plan.status === 'draft' ? 'Draft plan (not yet on the crews’ tablets)' : plan.status === 'published' ? 'Published plan' : 'Superseded plan'}</h2>
      <p>
        {s.planned} of {s.jobs} jobs planned across {s.crewsUsed} crew{s.crewsUsed === 1 ? '' : 's'}, {s.distanceKm.toFixed(1)} km of driving.
        {s.late.length > 0 && <strong class="bad-text"> {s.late.length} would miss their deadline.</strong>}
        {s.unplanned.length > 0 && <strong class="bad-text"> {s.unplanned.length} could not be planned:</strong>}
      </p>
      {(s.reasons?.length ?? 0) > 0 && (
        <ul class="plan-reasons" data-testid="plan-reasons">
          {s.reasons!.map((r) => <li key={r.workOrderId}><strong>{r.reference}</strong>: {r.message}</li>)}
        </ul>
      )}
      {plan.status === 'draft' && (
        <div class="plan-crews">
          {byCrew.map(({ c, jobs }) => (
            <p key={c.id} class="small">
              <strong>{c.name}:</strong>{' '}
              {jobs.map((a) => `${a.position}. ${a.reference ?? refOf(a.workOrderId)} ${new Date(a.plannedStartAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}${a.late ? ' (late)' : ''}`).join(' · ')}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

function Column(props: {
  title: string;
  subtitle: string;
  jobs: WorkOrder[];
  crews: Crew[];
  crewId?: string;
  ctx: BoardContext;
  dragging: string | null;
  setDragging: (id: string | null) => void;
  onDrop: (position?: number) => void;
  onMove: (wo: WorkOrder, crewId: string) => void;
  onReorder?: (wo: WorkOrder, position: number) => void;
  testId: string;
}) {
  const [over, setOver] = useState<number | null>(null);
  const { jobs, crewId } = props;
  const accept = (e: DragEvent, pos: number) => {
    if (!props.dragging) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'move';
    setOver(pos);
  };
  const drop = (e: DragEvent, pos: number) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(null);
    props.onDrop(crewId ? pos : undefined);
  };
  return (
    <section
      class={`crew-column${over !== null ? ' drop-target' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
      onDragOver={(e) => accept(e, jobs.length + 1)}
      onDragLeave={(e) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) setOver(null);
      }}
      onDrop={(e) => drop(e, jobs.length + 1)}
    >
      <header>
        <h2>{props.title}</h2>
        <p class="small muted">{props.subtitle}</p>
      </header>
      <ol class="job-list">
        {jobs.map((wo, i) => (
          <li
            key={wo.id}
            class={`job-card${props.dragging === wo.id ? ' dragging' : ''}${over === i + 1 ? ' insert-before' : ''}`}
            draggable
            data-testid={`job-${wo.reference}`}
            onDragStart={(e) => {
              e.dataTransfer!.setData('text/plain', wo.id);
              e.dataTransfer!.effectAllowed = 'move';
              props.setDragging(wo.id);
            }}
            onDragEnd={() => props.setDragging(null)}
            onDragOver={(e) => accept(e, i + 1)}
            onDrop={(e) => drop(e, i + 1)}
          >
            <div class="job-line">
              {crewId && <span class="pos" aria-label={`Stop ${i + 1}`}>{i + 1}</span>}
              <Icon name={props.ctx.categories.find((c) => c.code === wo.categoryCode)?.icon ?? 'other'} size={22} />
              <Link href={`/work-orders/${wo.id}`}>{wo.reference}</Link>
              <span class="small">{props.ctx.catName(wo.categoryCode)}</span>
            </div>
            <div class="job-line small">
              <span>{placeOf(wo)}</span>
              <Countdown dueAt={wo.dueAt} state={wo.deadlineState} />
            </div>
            <div class="job-line small">
              <span class="muted">{statusWords(wo.status)}</span>
              {crewId && props.onReorder && (
                <span class="reorder">
                  <button type="button" class="secondary small" disabled={i === 0} onClick={() => props.onReorder!(wo, i)} aria-label={`Move ${wo.reference} earlier`}>↑</button>
                  <button type="button" class="secondary small" disabled={i === jobs.length - 1} onClick={() => props.onReorder!(wo, i + 2)} aria-label={`Move ${wo.reference} later`}>↓</button>
                </span>
              )}
              <label class="visually-hidden" for={`mv-${wo.id}`}>Move {wo.reference} to</label>
              <select id={`mv-${wo.id}`} class="move-select" value={crewId ?? ''} onChange={(e) => props.onMove(wo, e.currentTarget.value)}>
                <option value="">Not assigned</option>
                {props.crews.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </div>
          </li>
        ))}
        {jobs.length === 0 && <li class="empty muted small">{crewId ? 'No jobs yet. Drop one here.' : 'Nothing waiting.'}</li>}
      </ol>
    </section>
  );
}
