/**
 * Cleanliness surveys inside the crew tablet app: the screens under
 * #/surveys, and the way in (an inspector starts here; a crew lead with
 * transects to grade gets a button above the route).
 */
import type { Screen } from '../navigation.ts';
import { go } from '../navigation.ts';
import type { CrewState } from '../state.ts';
import { GradeScreen } from './grade-screen.tsx';
import { SurveysScreen } from './surveys-screen.tsx';
import { localSurvey, useSurveys } from './survey-state.ts';
import './surveys.css';

export function isSurveyScreen(screen: Screen, s: CrewState): boolean {
  return screen.name === 'surveys' || screen.name === 'survey' || (screen.name === 'route' && s.user?.role === 'inspector');
}

export function SurveyScreens({ s, screen }: { s: CrewState; screen: Screen }) {
  if (screen.name === 'survey') return <GradeScreen s={s} visitId={screen.visitId} />;
  if (isSurveyScreen(screen, s)) return <SurveysScreen s={s} />;
  if (screen.name === 'route' && s.user?.role === 'crew_lead') return <SurveysEntry s={s} />;
  return null;
}

/** Above a crew lead's route, when they have transects to grade today. */
function SurveysEntry({ s }: { s: CrewState }) {
  const { day } = useSurveys();
  const todo = day?.visits.filter((v) => !localSurvey(v, s.items).done).length ?? 0;
  if (!todo) return null;
  return (
    <div class="banner banner-survey">
      {todo} transect{todo === 1 ? '' : 's'} to grade today
      <button class="btn btn-small" onClick={() => go('#/surveys')}>Open surveys</button>
    </div>
  );
}
