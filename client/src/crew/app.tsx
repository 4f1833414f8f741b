/** The crew tablet screens: route, job, complete, can't complete, sync. Big targets, few taps, no typing to close a job. */
import { CapturePrompt } from './capture-check.tsx';
import { go, useScreen } from './navigation.ts';
import { CantCompleteScreen } from './screens/cant-complete.tsx';
import { CompleteScreen } from './screens/complete.tsx';
import { JobScreen } from './screens/job.tsx';
import { LoginScreen } from './screens/login.tsx';
import { NewJobsBanner } from './screens/new-jobs-banner.tsx';
import { NotOnRoute } from './screens/not-on-route.tsx';
import { RefusalsBanner } from './screens/refusals-banner.tsx';
import { RouteScreen } from './screens/route.tsx';
import { SyncScreen } from './screens/sync.tsx';
import { isSurveyScreen, SurveyScreens } from './surveys/surveys.tsx';
import { TopBar } from './screens/top-bar.tsx';
import { useCrewState } from './state.ts';

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
        <SurveyScreens s={s} screen={screen} />
        {screen.name === 'route' && !isSurveyScreen(screen, s) && <RouteScreen s={s} />}
        {screen.name === 'sync' && <SyncScreen s={s} />}
        {'jobId' in screen && !job && <NotOnRoute />}
        {job && screen.name === 'job' && <JobScreen s={s} job={job} />}
        {job && screen.name === 'complete' && <CompleteScreen s={s} job={job} />}
        {job && screen.name === 'cant' && <CantCompleteScreen job={job} />}
      </main>
      <CapturePrompt />
    </div>
  );
}
