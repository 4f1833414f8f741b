/**
 * Grading one transect: a row of eight large buttons (A to D) per element,
 * an optional photo, one Save. The tablet's position and time go with it.
 * A C or D for litter or detritus says, before saving, that a clean-up job will be raised.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { go } from '../navigation.ts';
import type { CrewState } from '../state.ts';
import { PhotoButton, useBusy } from '../widgets.tsx';
import { TransectMap } from './transect-map.tsx';
import { ELEMENTS, GRADES, LAND_USE_LABELS, failsSite, localSurvey, recordSurvey, useSurveys, type Grades } from './survey-state.ts';

const EMPTY: Grades = { litter: null, detritus: null, graffiti: null, flyPosting: null };

export function GradeScreen({ s, visitId }: { s: CrewState; visitId: string }) {
  const { day } = useSurveys();
  const visit = day?.visits.find((v) => v.id === visitId);
  const [grades, setGrades] = useState<Grades>(EMPTY);
  const [photo, setPhoto] = useState<File | null>(null);
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : null), [photo]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const [busy, run] = useBusy();
  if (!day) return <p class="empty">Opening…</p>;
  if (!visit) {
    return (
      <section class="empty">
        <p>This transect is not on today’s list any more.</p>
        <button class="btn" onClick={() => go('#/surveys')}>Back to the list</button>
      </section>
    );
  }
  const local = localSurvey(visit, s.items);
  const shown = local.done ? (local.grades ?? EMPTY) : grades;
  const raises = !local.done && (failsSite(grades.litter) || failsSite(grades.detritus));
  const ready = grades.litter !== null && grades.detritus !== null && grades.graffiti !== null && grades.flyPosting !== null;
  const save = () =>
    run(async () => {
      await recordSurvey(visit, grades, photo);
      go('#/surveys');
    });
  return (
    <section class="job survey" data-testid="grade-screen">
      <button class="btn btn-back" onClick={() => go('#/surveys')}>← Today’s transects</button>
      <h1 class="screen-title">
        {visit.transect.name}
        <span class="muted"> · {LAND_USE_LABELS[visit.transect.landUse] ?? visit.transect.landUse} · {visit.wardName}</span>
        {visit.kind === 'reinspection' && <span class="tag tag-new">RE-INSPECTION</span>}
      </h1>
      <TransectMap visits={[visit]} done={() => local.done} position={s.position} selected={visit.id} height={150} />
      {local.done && <p class="banner banner-ok" role="status">Graded{local.pending ? ' — kept on this tablet, will be sent when there is signal' : ' and sent'}.</p>}
      {ELEMENTS.map((e) => (
        <fieldset class="grade-row" key={e.key} data-testid={`grade-${e.key}`}>
          <legend>{e.label}</legend>
          <div class="grade-buttons">
            {GRADES.map((g) => (
              <button
                key={g}
                class={`btn grade-btn grade-${g.charAt(0).toLowerCase()} ${shown[e.key] === g ? 'is-on' : ''}`}
                aria-pressed={shown[e.key] === g}
                aria-label={`${e.label} ${g}`}
                disabled={local.done}
                onClick={() => setGrades({ ...grades, [e.key]: g })}
              >
                {g}
              </button>
            ))}
          </div>
        </fieldset>
      ))}
      {!local.done && (
        <>
          {raises && <p class="banner banner-warn" role="status" data-testid="raises-job">C or D for litter or detritus: a clean-up job will be raised for this transect.</p>}
          <div class="photo-step">
            {preview ? <img class="preview" src={preview} alt="Survey photo" /> : <p class="muted">A photo is optional.</p>}
            <PhotoButton label={photo ? 'Take again' : 'Add a photo'} testId="survey-photo" primary={false} onPhoto={setPhoto} />
          </div>
          <div class="actions">
            <button class="btn btn-go btn-wide" data-testid="save-survey" disabled={!ready || busy} onClick={() => void save()}>
              {ready ? 'Save grades' : 'Grade all four to save'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
