/**
 * The public report form, made for a phone in the street: pick what it is,
 * say where (GPS, postcode or a pin), add a photo, answer the category's
 * questions. Server validation errors land next to their field; everything
 * typed is kept (also across a reload, in sessionStorage) until it is sent.
 * The form's parts live in report/; this component holds the draft and sends it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import { loadCategories, type Category } from '../config.ts';
import { CategoryGrid } from './report/category-grid.tsx';
import { Confirmation } from './report/confirmation.tsx';
import { ContactFields } from './report/contact.tsx';
import { DRAFT_KEY, EMPTY, loadDraft, submitReport, type Busy, type Draft, type FieldHelpers, type ReportReceipt } from './report/draft.ts';
import { ErrorSummary, fieldTarget, sentence } from './report/error-summary.tsx';
import { LocationField } from './report/location.tsx';
import { PhotosField } from './report/photos.tsx';
import { CategoryQuestions } from './report/questions.tsx';

export function ReportPage() {
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>('');
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const detailsRef = useRef<HTMLElement>(null);
  // A tap on a card brings what it opened (its questions) into view; arrow keys moving through the cards do not scroll.
  const tapped = useRef(false);
  const [revealCount, setRevealCount] = useState(0);
  useEffect(() => {
    if (revealCount) detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [revealCount]);

  useEffect(() => {
    loadCategories().then(setCategories, (e) => setLoadError(describeError(e)));
  }, []);
  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [draft]);

  const category = useMemo(() => categories?.find((c) => c.code === draft.categoryCode) ?? null, [categories, draft.categoryCode]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      const target = key === 'categoryCode' ? 'category' : key === 'place' || key === 'postcode' ? 'location' : key;
      if (!(target in e)) return e;
      const { [target]: _gone, ...rest } = e;
      return rest;
    });
  };
  const setAnswer = (code: string, value: unknown) => {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [code]: value } }));
    setErrors((e) => {
      const { [`q-${code}`]: _gone, ...rest } = e;
      return rest;
    });
  };

  const localErrors = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!category) e.category = 'Choose what the problem is.';
    if (!draft.place) e.location = 'Tell us where it is: use your location, enter a postcode or tap the map.';
    if (!draft.description.trim()) e.description = 'Tell us briefly what you saw.';
    for (const q of category?.questions ?? []) {
      const v = draft.answers[q.code];
      if (q.required && (v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) e[`q-${q.code}`] = `Answer “${q.label}”.`;
    }
    if (draft.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) e.email = 'Enter an email address like name@example.com, or leave it empty.';
    return e;
  };

  const showErrors = (e: Record<string, string>, general?: string) => {
    setErrors(e);
    setFormError(general ?? null);
    setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const local = localErrors();
    if (Object.keys(local).length) return showErrors(local);
    setBusy('send');
    try {
      const r = await submitReport(draft, category!, photos);
      sessionStorage.removeItem(DRAFT_KEY);
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const [path, message] of Object.entries(err.fields)) {
          const t = fieldTarget(path);
          byField[t] ??= sentence(message);
        }
        if (err.code === 'OUTSIDE_AREA') byField.location = err.message;
        const detailsField = (err.details as { field?: string } | undefined)?.field;
        if (detailsField && !Object.keys(byField).length) byField[fieldTarget(detailsField)] = err.message;
        showErrors(byField, Object.keys(byField).length ? undefined : describeError(err));
      } else showErrors({}, describeError(err));
    } finally {
      setBusy('');
    }
  };

  if (receipt) return <Confirmation receipt={receipt} onAnother={() => { setReceipt(null); setDraft(EMPTY); setPhotos([]); }} />;

  const field: FieldHelpers = {
    errors,
    fieldClass: (id) => `field${errors[id] ? ' has-error' : ''}`,
    err: (id) => errors[id] && <span class="field-error" id={`${id}-error`}>{errors[id]}</span>,
    describedBy: (id, hint) => [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
  };

  return (
    <div class="page narrow report-page">
      <h1>Report a street problem</h1>
      <p>Litter, fly-tipping, needles, graffiti and more. No account needed. Start with where it is: we will show you reports already made nearby.</p>
      {loadError && <p class="banner error" role="alert">{loadError}</p>}

      <ErrorSummary errors={errors} formError={formError} category={category} summaryRef={summaryRef} />

      <form onSubmit={submit} noValidate>
        <LocationField draft={draft} set={set} setErrors={setErrors} busy={busy} setBusy={setBusy} field={field} />

        <div onPointerDown={() => (tapped.current = true)} onKeyDown={() => (tapped.current = false)}>
          <CategoryGrid
            categories={categories}
            loadError={loadError}
            chosen={draft.categoryCode}
            onChoose={(code) => {
              set('categoryCode', code);
              if (tapped.current) setRevealCount((n) => n + 1);
            }}
            field={field}
          />
        </div>

        <section ref={detailsRef} class={`category-details${category ? ' chosen' : ''}`} aria-label="About the problem">
          {category && (
            <p class="chosen-line" role="status" data-testid="chosen-category">
              <strong>{category.name}</strong>
              {category.questions.length ? ` – ${category.questions.length === 1 ? 'one question' : `${category.questions.length} questions`} below.` : ' chosen.'}
            </p>
          )}
          <CategoryQuestions category={category} answers={draft.answers} errors={errors} onAnswer={setAnswer} />
        </section>

        <PhotosField photos={photos} setPhotos={setPhotos} setErrors={setErrors} field={field} />

        <div class={field.fieldClass('description')}>
          <label for="description">Describe it</label>
          <span class="hint" id="description-hint">What is there and exactly where, for example “six black bags behind the shops on Sheil Road”.</span>
          {field.err('description')}
          <textarea id="description" rows={3} maxLength={2000} value={draft.description} onInput={(e) => set('description', e.currentTarget.value)} aria-describedby={field.describedBy('description', true)} />
        </div>

        <ContactFields draft={draft} set={set} field={field} />

        <button type="submit" class="big" disabled={busy === 'send'}>{busy === 'send' ? 'Sending…' : 'Send report'}</button>
      </form>
    </div>
  );
}
