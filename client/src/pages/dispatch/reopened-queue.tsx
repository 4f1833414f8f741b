/**
 * Jobs reopened because a resident said the problem is still there (or a
 * dispatcher reopened them): shown above everything else on the triage board,
 * since someone has already been let down once. Each links to its job page,
 * where the resident's note and photo are.
 */
import { formatDateTime } from '../../dates.ts';
import { Link } from '../../router.tsx';
import type { WorkOrder } from '../../work-orders.ts';

export function ReopenedQueue({ open, catName, wardNames }: { open: WorkOrder[]; catName: (code: string) => string; wardNames: Map<string, string> }) {
  const reopened = open.filter((w) => w.status === 'reopened' && !w.crewId).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  if (!reopened.length) return null;
  return (
    <section class="reopened-queue" aria-labelledby="reopened-heading" data-testid="reopened-queue">
      <h2 id="reopened-heading">Still there – check these first ({reopened.length})</h2>
      <ul>
        {reopened.map((w) => (
          <li key={w.id}>
            <Link href={`/work-orders/${w.id}`}>{w.reference}</Link> {catName(w.categoryCode)}, {w.postcode ?? wardNames.get(w.wardCode) ?? w.wardCode} · due {formatDateTime(w.dueAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
