/** Steps the server refused, shown on every screen until read. */
import { JOB_GONE_CODES, type OutboxItem } from '../queue.ts';
import { outbox, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';

/** Refused steps, one line per job, on every screen: the plain sentence, and "OK" once read (the server kept the evidence). */
export function RefusalsBanner({ s }: { s: CrewState }) {
  const byJob = new Map<string, OutboxItem[]>();
  for (const i of s.items) if (i.status === 'failed') byJob.set(i.jobId, [...(byJob.get(i.jobId) ?? []), i]);
  if (!byJob.size) return null;
  return (
    <div class="banner banner-refused" role="alert" data-testid="refusals">
      {[...byJob.values()].map((items) => {
        const gone = items.every((i) => JOB_GONE_CODES.has(i.errorCode ?? ''));
        return (
          <div class="refused-row" key={items[0].jobId}>
            <span>
              <strong>{items[0].jobLabel}:</strong> {items[items.length - 1].reason}
            </span>
            {gone ? (
              <button class="btn btn-small" onClick={() => void Promise.all(items.map((i) => outbox.acknowledge(i.id)))}>
                OK
              </button>
            ) : (
              <button class="btn btn-small" onClick={() => go('#/sync')}>
                See why
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
