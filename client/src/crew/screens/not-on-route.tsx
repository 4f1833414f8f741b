/** A job link (from a banner or history) for a job the route no longer has. */
import { go } from '../navigation.ts';

export function NotOnRoute() {
  return (
    <section class="empty">
      <p>This job is not on today’s route any more.</p>
      <button class="btn" onClick={() => go('#/')}>Back to the route</button>
    </section>
  );
}
