/** Jobs added to the route while the app was open, each a button to open it. */
import type { CrewJob } from '../model.ts';
import { jobLabel, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';

export function NewJobsBanner({ s }: { s: CrewState }) {
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
