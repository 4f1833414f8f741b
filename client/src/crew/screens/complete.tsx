/** Finishing a job: the after photo, the quantities removed and, for fly-tipping, what it was (for the national return). */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CrewJob } from '../model.ts';
import { act, checkCapture, type CrewState } from '../state.ts';
import { go } from '../navigation.ts';
import { PhotoButton, categoryOf, useBusy } from '../widgets.tsx';

function usePreview(file: File | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}

/** Weights are estimated, not weighed: a tap is 5 kg. Counts and bags go one at a time. */
function stepFor(unit: string | undefined): number {
  return unit === 'kg' ? 5 : 1;
}

function Stepper({ label, unit, value, min, max, onChange }: { label: string; unit?: string; value: number; min: number; max: number; onChange: (v: number) => void }) {
  const step = stepFor(unit);
  return (
    <div class="stepper" data-testid="stepper">
      <span class="stepper-label">{label}</span>
      <button class="btn btn-step" aria-label={`Less ${label}`} disabled={value <= min} onClick={() => onChange(Math.max(min, value - step))}>
        −
      </button>
      <output class="stepper-value">
        {value}
        {unit ? <small> {unit}</small> : null}
      </output>
      <button class="btn btn-step" aria-label={`More ${label}`} disabled={value >= max} onClick={() => onChange(Math.min(max, value + step))}>
        +
      </button>
    </div>
  );
}

function Choice({ title, options, value, onChange }: { title: string; options: { key: string; label: string }[]; value: string | null; onChange: (k: string) => void }) {
  return (
    <fieldset class="choice">
      <legend>{title}</legend>
      {options.map((o) => (
        <button key={o.key} class={`btn btn-choice ${value === o.key ? 'is-on' : ''}`} aria-pressed={value === o.key} onClick={() => onChange(o.key)}>
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}

export function CompleteScreen({ s, job }: { s: CrewState; job: CrewJob }) {
  const cat = categoryOf(s, job);
  const [photo, setPhoto] = useState<File | null>(null);
  // Checked when taken: a photo the office would query is retaken or kept with the crew's reason.
  const [photoReason, setPhotoReason] = useState<string | null>(null);
  const takePhoto = (f: File) =>
    void checkCapture(job, f).then((c) => {
      setPhoto(c.keep ? f : null);
      setPhotoReason(c.keep ? c.reason : null);
    });
  const preview = usePreview(photo);
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries((cat?.quantities ?? []).map((q) => [q.code, job.quantities[q.code] ?? 0])));
  const flyTip = job.categoryCode === 'fly-tipping';
  const question = (code: string) => cat?.questions.find((q) => q.code === code)?.options ?? [];
  const fromReport = (code: string, wdKey: string) => job.wasteData?.[wdKey] ?? (typeof job.answers[code] === 'string' ? (job.answers[code] as string) : null);
  const [waste, setWaste] = useState(() => ({ size: fromReport('size', 'size'), wasteType: fromReport('waste_type', 'wasteType'), landType: fromReport('land_type', 'landType') }));
  const [busy, run] = useBusy();
  const finish = (kind: 'complete' | 'partial') =>
    run(async () => {
      const data: Record<string, unknown> = { quantities, ...(photoReason ? { photoReason } : {}) };
      if (flyTip) data.wasteData = Object.fromEntries(Object.entries(waste).filter(([, v]) => v));
      if (await act(job, kind, data, photo, { checked: true })) go('#/');
    });
  return (
    <section class="job" data-testid="complete-screen">
      <button class="btn btn-back" onClick={() => go(`#/job/${encodeURIComponent(job.id)}`)}>← Back</button>
      <h1 class="screen-title">Finish: {job.address ?? job.reference}</h1>
      <div class="photo-step">
        {preview ? <img class="preview" src={preview} alt="After photo" data-testid="after-preview" /> : <p class="muted">Take the after photo to close the job.</p>}
        <PhotoButton label={photo ? 'Take again' : 'Take after photo'} testId="after-photo" primary={!photo} onPhoto={takePhoto} />
        {photoReason && <p class="muted" data-testid="photo-reason">Your reason goes with the photo: “{photoReason}”</p>}
      </div>
      {(cat?.quantities ?? []).map((q) => (
        <Stepper key={q.code} label={q.label} unit={q.unit} min={q.min} max={q.max} value={quantities[q.code] ?? 0} onChange={(v) => setQuantities({ ...quantities, [q.code]: v })} />
      ))}
      {flyTip && (
        <>
          <Choice title="Size" options={question('size')} value={waste.size} onChange={(k) => setWaste({ ...waste, size: k })} />
          <Choice title="Waste type" options={question('waste_type')} value={waste.wasteType} onChange={(k) => setWaste({ ...waste, wasteType: k })} />
          <Choice title="Land type" options={question('land_type')} value={waste.landType} onChange={(k) => setWaste({ ...waste, landType: k })} />
        </>
      )}
      <div class="actions actions-end">
        <button class="btn btn-go btn-big" data-testid="complete" disabled={!photo || busy} onClick={() => void finish('complete')}>
          ✔ Job done
        </button>
        <button class="btn" data-testid="partial" disabled={!photo || busy} onClick={() => void finish('partial')}>
          Partly done
        </button>
      </div>
    </section>
  );
}
