/**
 * Warns at capture when a photo will be flagged for the office: taken long
 * ago, far from the job, or with no position at all. The crew lead can retake
 * it, or keep it and say why; the reason travels with the photo to the office.
 * The server makes the same checks on what it receives (EXIF first, else the
 * tablet's position and clock), so a warning here is a preview, not the rule.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CaptureWarning } from './capture-rules.ts';

export { captureWarnings, type CaptureWarning } from './capture-rules.ts';

type Answer = { keep: true; reason: string } | { keep: false };
interface Prompt {
  /** Distinct per question, so each one starts with an empty reason. */
  id: number;
  warnings: CaptureWarning[];
  resolve: (a: Answer) => void;
}

let promptCount = 0;

let prompt: Prompt | null = null;
const listeners = new Set<(p: Prompt | null) => void>();

function show(p: Prompt | null): void {
  prompt = p;
  for (const fn of listeners) fn(p);
}

/** Asks the crew lead: retake, or keep with a reason. */
export function askAboutCapture(warnings: CaptureWarning[]): Promise<Answer> {
  return new Promise((resolve) => show({ id: ++promptCount, warnings, resolve: (a) => (show(null), resolve(a)) }));
}

/** The question itself, over whatever screen took the photo (mounted once by the app). */
export function CapturePrompt() {
  const [p, setP] = useState(prompt);
  useEffect(() => {
    listeners.add(setP);
    return () => void listeners.delete(setP);
  }, []);
  // Keyed by the question: a new one mounts with an empty reason in the same render (a reset in an effect
  // would land after paint and could wipe a reason typed at once).
  return p ? <PromptCard key={p.id} p={p} /> : null;
}

function PromptCard({ p }: { p: Prompt }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= 3;
  return (
    <div class="capture-prompt" role="alertdialog" aria-modal="true" aria-labelledby="capture-title" data-testid="capture-warning">
      <div class="capture-card">
        <h2 id="capture-title">The office will check this photo</h2>
        <ul>
          {p.warnings.map((w) => (
            <li key={w.code} data-code={w.code}>
              {w.text}
            </li>
          ))}
        </ul>
        <p>Take it again at the job, or keep it and say why.</p>
        <button class="btn btn-go btn-wide" data-testid="capture-retake" onClick={() => p.resolve({ keep: false })}>
          Take it again
        </button>
        <label class="capture-reason">
          Why keep this photo?
          <textarea data-testid="capture-reason" rows={2} maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <button class="btn btn-wide" data-testid="capture-keep" disabled={!ok} onClick={() => p.resolve({ keep: true, reason: reason.trim() })}>
          Keep photo and send the reason
        </button>
      </div>
    </div>
  );
}
