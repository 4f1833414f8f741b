/** Why a job cannot be done: a reason (a note for "other") and an optional photo. */
import { useState } from 'preact/hooks';
import { NOT_COMPLETED_REASONS, type CrewJob } from '../model.ts';
import { act } from '../state.ts';
import { go } from '../navigation.ts';
import { PhotoButton, useBusy } from '../widgets.tsx';

export function CantCompleteScreen({ job }: { job: CrewJob }) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, run] = useBusy();
  const ready = reason && (reason !== 'other' || note.trim());
  return (
    <section class="job" data-testid="cant-screen">
      <button class="btn btn-back" onClick={() => go(`#/job/${encodeURIComponent(job.id)}`)}>← Back</button>
      <h1 class="screen-title">Why can’t it be done?</h1>
      <div class="reasons">
        {NOT_COMPLETED_REASONS.map((r) => (
          <button key={r.code} class={`btn btn-reason ${reason === r.code ? 'is-on' : ''}`} aria-pressed={reason === r.code} onClick={() => setReason(r.code)}>
            {r.label}
          </button>
        ))}
      </div>
      {reason === 'other' && (
        <label class="note">
          What happened?
          <textarea value={note} rows={3} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
      )}
      <PhotoButton label={photo ? 'Photo taken ✓ (take again)' : 'Add a photo (optional)'} testId="cant-photo" primary={false} onPhoto={setPhoto} />
      <div class="actions actions-end">
        <button
          class="btn btn-stop-solid btn-big"
          data-testid="send-cant"
          disabled={!ready || busy}
          onClick={() =>
            void run(async () => {
              // A photo of why it could not be done is not proof of a fix: no capture warning.
              await act(job, 'not-completed', { reason, ...(note.trim() ? { note: note.trim() } : {}) }, photo, { checked: true });
              go('#/');
            })
          }
        >
          Send: can’t complete
        </button>
      </div>
    </section>
  );
}
