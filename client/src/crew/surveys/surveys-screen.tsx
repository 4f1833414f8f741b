/** The inspector's day: today's transects on a map and in a list; one tap opens a transect to grade. */
import { clockTime } from '../model.ts';
import { go } from '../navigation.ts';
import type { CrewState } from '../state.ts';
import { TransectMap } from './transect-map.tsx';
import { LAND_USE_LABELS, localSurvey, refreshSurveys, useSurveys, type SurveyVisit } from './survey-state.ts';

export function SurveysScreen({ s }: { s: CrewState }) {
  const { day, error } = useSurveys();
  if (!day) {
    return (
      <section class="empty">
        <p>{s.online ? 'Loading today’s transects…' : 'No signal, and no survey list saved on this tablet yet.'}</p>
        {error && <p class="error">{error}</p>}
        <button class="btn" onClick={() => void refreshSurveys()}>Try again</button>
      </section>
    );
  }
  const state = (v: SurveyVisit) => localSurvey(v, s.items);
  const todo = day.visits.filter((v) => !state(v).done);
  const done = day.visits.filter((v) => state(v).done);
  const ordered = [...todo, ...done];
  return (
    <section data-testid="surveys-screen">
      <h1 class="screen-title">
        {todo.length ? `${todo.length} transect${todo.length === 1 ? '' : 's'} to grade` : 'All transects graded'}
        <span class="muted"> · {done.length} done · {day.day}</span>
      </h1>
      {error && <p class="error">{error}</p>}
      {!s.online && <p class="muted">No signal — showing the list saved at {clockTime(day.fetchedAt)}. Grades are kept on this tablet and sent when signal returns.</p>}
      <TransectMap visits={ordered} done={(v) => state(v).done} position={s.position} />
      <ol class="route-list" data-testid="survey-list">
        {ordered.map((v, i) => {
          const st = state(v);
          return (
            <li key={v.id} class={`route-card ${st.done ? 'is-closed' : ''} ${st.refusal ? 'is-refused' : ''}`} data-testid="survey-visit" data-visit-id={v.id}>
              <button class="route-open" onClick={() => go(`#/surveys/${encodeURIComponent(v.id)}`)}>
                <span class="route-pos">{i + 1}</span>
                <span class="route-body">
                  <span class="route-street">{v.transect.name}</span>
                  <span class="route-meta">
                    {LAND_USE_LABELS[v.transect.landUse] ?? v.transect.landUse} · {v.wardName}
                    {v.kind === 'reinspection' ? ' · re-inspection after clean-up' : ''}
                    {v.dueOn < day.day && !st.done ? ` · due ${v.dueOn}` : ''}
                  </span>
                  {st.refusal && <span class="route-refusal">{st.refusal}</span>}
                </span>
                <span class="route-side">
                  {v.kind === 'reinspection' && <span class="tag tag-new">RE-INSPECT</span>}
                  <span class={`tag ${st.done ? 'tag-ok' : ''}`}>{st.done ? 'Graded' : 'To grade'}</span>
                  {st.pending && <span class="tag tag-wait">Not sent yet</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
