/** Pieces several crew screens share: the camera button, a busy guard for taps, a job's category. */
import { useState } from 'preact/hooks';
import { CameraIcon } from './icons.tsx';
import type { Category, CrewJob } from './model.ts';
import type { CrewState } from './state.ts';

/** The full category (with its questions) when cached, else the summary the route carries. */
export function categoryOf(s: CrewState, job: CrewJob): Category | undefined {
  return s.categories[job.categoryCode] ?? job.category ?? undefined;
}

/** The camera button: a label around a hidden file input, so one tap opens the camera on a tablet. */
export function PhotoButton({ label, onPhoto, testId, primary = true, wide = false }: { label: string; onPhoto: (f: File) => void; testId: string; primary?: boolean; wide?: boolean }) {
  return (
    <label class={`btn btn-photo ${primary ? 'btn-go' : ''} ${wide ? 'btn-wide' : ''}`} data-testid={testId}>
      <CameraIcon /> {label}
      <input
        type="file"
        accept="image/*"
        capture="environment"
        class="visually-hidden"
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const f = input.files?.[0];
          input.value = '';
          if (f) onPhoto(f);
        }}
      />
    </label>
  );
}

export function useBusy(): [boolean, (fn: () => Promise<unknown>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  return [
    busy,
    async (fn) => {
      if (busy) return;
      setBusy(true);
      try {
        await fn();
      } finally {
        setBusy(false);
      }
    },
  ];
}
