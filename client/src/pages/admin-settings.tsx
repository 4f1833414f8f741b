/**
 * Admin: settings. One form per setting group (planner, hotspots, working
 * calendar, weekly report, WasteDataFlow costs, open data), each saved on its
 * own with PUT /api/settings/:key.
 * The server checks every value against the setting's schema; a refusal is
 * shown as an error summary above the form and a message beside each field,
 * in words that give the allowed range. A saved form says so until it is
 * changed again.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import type { Category } from '../config.ts';
import { useNotice } from './admin-shared.tsx';
import './admin-settings.css';

interface Settings {
  planner: { autoPublish: boolean; timeLimitMs: number; streetFactor: number; speedKmh: number; crewCostM: number; seed: number; serviceMinutes: Record<string, number> };
  hotspots: { minReports: number; radiusM: number; days: number };
  workingCalendar: { dutyDays: number[]; dayStart: string; dayEnd: string; holidays: string[] };
  weeklyReport: { maxPhotoPairs: number };
  wasteDataFlow: { clearanceCostPerSize: Record<string, number> };
  openData: { publishWorkOrders: boolean };
  inspections: { samplePerWard: number; visitsPerDay: number; slippingPoints: number };
}
type Key = keyof Settings;

/** A number field: its label, hint and the range the server's schema allows (for the words of an error). */
interface NumberSpec {
  name: string;
  label: string;
  hint: string;
  min: number;
  max?: number;
  whole?: boolean;
  step?: string;
}

const PLANNER_NUMBERS: NumberSpec[] = [
  { name: 'timeLimitMs', label: 'Search time (milliseconds)', hint: 'How long the planner looks for a better set of routes.', min: 100, max: 60_000, whole: true },
  { name: 'streetFactor', label: 'Street factor', hint: 'Road distance for each metre in a straight line.', min: 1, max: 3, step: '0.05' },
  { name: 'speedKmh', label: 'Average speed (km/h)', hint: 'Between jobs, including traffic and parking.', min: 1, max: 80, step: '0.5' },
  { name: 'crewCostM', label: 'Cost of one more crew (metres of driving)', hint: 'The planner sends another crew only when that saves more driving than this.', min: 0, max: 100_000, step: '100' },
  { name: 'seed', label: 'Random seed', hint: 'The same seed and the same work give the same plan.', min: 0, whole: true },
];
const HOTSPOT_NUMBERS: NumberSpec[] = [
  { name: 'minReports', label: 'Reports needed', hint: 'Reports of one category in one place before a sweep is suggested.', min: 2, max: 1_000, whole: true },
  { name: 'radiusM', label: 'Within (metres)', hint: 'How close together the reports must be.', min: 10, max: 5_000 },
  { name: 'days', label: 'Over (days)', hint: 'How far back the nightly check looks.', min: 1, max: 365, whole: true },
];
const WEEKLY_NUMBERS: NumberSpec[] = [
  { name: 'maxPhotoPairs', label: 'Before and after photo pairs (at most)', hint: 'Printed in each ward’s weekly PDF; 0 prints none.', min: 0, max: 500, whole: true },
];
/** Defra's fly-tip sizes, in Defra's order (the keys of the WasteDataFlow cost setting). */
const FLY_TIP_SIZES: { key: string; label: string }[] = [
  { key: 'single_black_bag', label: 'Single black bag' },
  { key: 'single_item', label: 'Single item' },
  { key: 'car_boot_or_less', label: 'Car boot or less' },
  { key: 'small_van_load', label: 'Small van load' },
  { key: 'transit_van_load', label: 'Transit van load' },
  { key: 'tipper_lorry_load', label: 'Tipper lorry load' },
  { key: 'significant_multi_loads', label: 'Significant / multi loads' },
];

const INSPECTION_NUMBERS: NumberSpec[] = [
  { name: 'samplePerWard', label: 'Transects per ward in each tranche', hint: 'Drawn at random, in proportion to the land uses.', min: 1, max: 500, whole: true },
  { name: 'visitsPerDay', label: 'Transects per inspector a day', hint: 'How the draw spreads a tranche over working days.', min: 1, max: 100, whole: true },
  { name: 'slippingPoints', label: 'Slipping after (percentage points)', hint: 'Litter or detritus this much worse than the tranche before marks a ward as slipping.', min: 0, max: 100 },
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const GROUPS: { key: Key; title: string; intro: string; savedText: string; saveText?: string }[] = [
  { key: 'planner', title: 'Day planner', intro: 'How the overnight planner builds each crew’s route.', savedText: 'Planner settings saved. The next plan uses them.' },
  { key: 'hotspots', title: 'Hotspots', intro: 'When repeated reports in one place become a suggested sweep.', savedText: 'Hotspot settings saved. The next nightly check uses them.' },
  { key: 'workingCalendar', title: 'Working calendar', intro: 'When the council is on duty, for deadlines counted in working days.', savedText: 'Working calendar saved. New deadlines follow it; deadlines already set keep theirs.' },
  { key: 'weeklyReport', title: 'Weekly report', intro: 'The councillors’ weekly PDF.', savedText: 'Weekly report settings saved. Next Monday’s reports use them.' },
  { key: 'wasteDataFlow', title: 'WasteDataFlow return', intro: 'The council’s own cost of clearing one fly-tip of each size, for the estimated clearance costs in the monthly return.', savedText: 'Clearance costs saved. The next return uses them.', saveText: 'clearance costs' },
  { key: 'openData', title: 'Open data', intro: 'Publish every work order as anonymised CSV at a public address: no personal data, no free text, positions to about 100 metres.', savedText: 'Open data setting saved.' },
  { key: 'inspections', title: 'Cleanliness surveys', intro: 'How each tranche’s sample is drawn and handed out, and when a ward counts as slipping.', savedText: 'Survey settings saved. The next draw uses them.' },
];

const numberWords = (n: number) => n.toLocaleString('en-GB');
function rangeWords(spec: NumberSpec): string {
  const kind = spec.whole ? 'a whole number' : 'a number';
  return spec.max === undefined ? `Enter ${kind} of ${numberWords(spec.min)} or more` : `Enter ${kind} from ${numberWords(spec.min)} to ${numberWords(spec.max)}`;
}

/** The server names fields by their path in the setting ("planner.serviceMinutes.litter"); this is the input that shows it. */
function fieldOf(key: Key, path: string): string {
  const rest = path.startsWith(`${key}.`) ? path.slice(key.length + 1) : '';
  const [first, second] = rest.split('.');
  if (first === 'serviceMinutes' && second) return `serviceMinutes.${second}`;
  if (first === 'clearanceCostPerSize' && second) return `cost.${second}`;
  return first || 'form';
}

/** A problem the server found, in words: the field's name (for the summary) and what to do (shown beside the field too). */
function problemWords(key: Key, field: string, serverMessage: string, path: string, categoryName: (code: string) => string): { label: string; words: string } {
  const spec = [...PLANNER_NUMBERS, ...HOTSPOT_NUMBERS, ...WEEKLY_NUMBERS].find((s) => s.name === field);
  if (spec && key !== 'workingCalendar') return { label: spec.label, words: rangeWords(spec) };
  if (field.startsWith('cost.')) return { label: `Cost for ${FLY_TIP_SIZES.find((z) => z.key === field.slice(5))?.label ?? field.slice(5)}`, words: 'Enter an amount in pounds from 0 to 1,000,000, or leave it empty' };
  if (field.startsWith('serviceMinutes.')) return { label: `Minutes on site for ${categoryName(field.slice('serviceMinutes.'.length))}`, words: 'Enter a whole number from 1 to 600, or leave it empty' };
  if (field === 'dutyDays') return { label: 'Days on duty', words: 'Choose at least one day' };
  if (field === 'dayStart') return { label: 'Duty starts', words: 'Enter a time as HH:MM, for example 07:00' };
  if (field === 'dayEnd') return { label: 'Duty ends', words: 'Enter a time as HH:MM, for example 18:00' };
  if (field === 'holidays') {
    const line = Number(path.split('.').pop());
    return Number.isInteger(line) ? { label: 'Days with no duty', words: `Line ${line + 1}: enter a date as YYYY-MM-DD, for example 2026-12-25` } : { label: 'Days with no duty', words: serverMessage };
  }
  return { label: field, words: serverMessage };
}

/** Why a save failed, in words, for the top of the summary. */
function failureWords(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 400) return 'The settings were not saved. Check the fields below.';
    if (err.status === 409) return 'Someone else changed these settings while you were editing them. Reload the page to see their values, then make your change again.';
    if (err.status === 403) return 'Only administrators can change settings.';
  }
  return `The settings were not saved. ${describeError(err)}`;
}

export function SettingsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [categories, setCategories] = useState<(Category & { serviceMinutes?: number })[]>([]);
  const notice = useNotice();
  useEffect(() => {
    api.get<Settings>('/api/settings').then(setSettings, notice.fail);
    api.get<(Category & { serviceMinutes?: number })[]>('/api/categories', { all: true }).then(setCategories, () => undefined);
  }, []);
  return (
    <>
      {notice.view}
      <p>Changes apply from the next time each is used. Every group is saved on its own.</p>
      {settings && GROUPS.map((g) => <SettingsForm key={g.key} group={g} stored={settings[g.key]} categories={categories} onSaved={(value) => setSettings({ ...settings, [g.key]: value })} />)}
    </>
  );
}

type Draft = Record<string, string | boolean | number[]>;

/** Form state as the inputs hold it (numbers as typed text). */
function toDraft(key: Key, value: Settings[Key]): Draft {
  if (key === 'workingCalendar') {
    const v = value as Settings['workingCalendar'];
    return { dutyDays: v.dutyDays, dayStart: v.dayStart, dayEnd: v.dayEnd, holidays: v.holidays.join('\n') };
  }
  const draft: Draft = {};
  for (const [name, v] of Object.entries(value)) {
    if (name === 'clearanceCostPerSize') for (const [size, pounds] of Object.entries(v as Record<string, number>)) draft[`cost.${size}`] = String(pounds);
    else if (name === 'serviceMinutes') for (const [code, minutes] of Object.entries(v as Record<string, number>)) draft[`serviceMinutes.${code}`] = String(minutes);
    else draft[name] = typeof v === 'boolean' ? v : String(v);
  }
  return draft;
}

/** The body to send. An empty number is sent as null so the server names the field, rather than a silent 0. */
function fromDraft(key: Key, draft: Draft): unknown {
  const num = (s: unknown) => (typeof s === 'string' && s.trim() !== '' ? Number(s) : null);
  if (key === 'workingCalendar') {
    const holidays = String(draft.holidays).split('\n').map((l) => l.trim()).filter(Boolean);
    return { dutyDays: [...(draft.dutyDays as number[])].sort((a, b) => a - b), dayStart: draft.dayStart, dayEnd: draft.dayEnd, holidays };
  }
  if (key === 'wasteDataFlow') {
    const clearanceCostPerSize: Record<string, number | null> = {};
    for (const [name, v] of Object.entries(draft)) if (name.startsWith('cost.') && String(v).trim() !== '') clearanceCostPerSize[name.slice(5)] = num(v);
    return { clearanceCostPerSize };
  }
  const body: Record<string, unknown> = {};
  const serviceMinutes: Record<string, number | null> = {};
  for (const [name, v] of Object.entries(draft)) {
    if (name.startsWith('serviceMinutes.')) {
      if (String(v).trim() !== '') serviceMinutes[name.slice('serviceMinutes.'.length)] = num(v);
    } else body[name] = typeof v === 'boolean' ? v : num(v);
  }
  if (key === 'planner') body.serviceMinutes = serviceMinutes;
  return body;
}

function SettingsForm({ group, stored, categories, onSaved }: { group: (typeof GROUPS)[number]; stored: Settings[Key]; categories: (Category & { serviceMinutes?: number })[]; onSaved: (value: Settings[Key]) => void }) {
  const { key } = group;
  const [draft, setDraft] = useState<Draft>(() => toDraft(key, stored));
  const [savedText, setSavedText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const p = `set-${key}`;
  const dirty = JSON.stringify(fromDraft(key, draft)) !== JSON.stringify(fromDraft(key, toDraft(key, stored)));

  const problems: Record<string, { label: string; words: string }> = {};
  if (error instanceof ApiError) {
    for (const [path, message] of Object.entries(error.fields)) {
      const field = fieldOf(key, path);
      problems[field] ??= problemWords(key, field, message, path, (code) => categories.find((c) => c.code === code)?.name ?? code);
    }
  }
  useEffect(() => {
    if (error != null) summaryRef.current?.focus();
  }, [error]);

  const set = (name: string, value: string | boolean | number[]) => {
    setDraft({ ...draft, [name]: value });
    setSavedText(null);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const value = await api.put<Settings[Key]>(`/api/settings/${key}`, fromDraft(key, draft));
      setDraft(toDraft(key, value));
      setSavedText(group.savedText);
      onSaved(value);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const id = (field: string) => `${p}-${field.replace(/\./g, '-')}`;
  const errorOf = (field: string) => problems[field] && <span class="field-error" id={`${id(field)}-error`}><span class="visually-hidden">Error: </span>{problems[field].words}</span>;
  const describedBy = (field: string, hint: boolean) => [hint ? `${id(field)}-hint` : '', problems[field] ? `${id(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  // A plain function, not a component: a component declared here would be new on every render and remount its input (losing focus while typing).
  const wrap = (field: string, children: ComponentChildren) => <div key={field} class={problems[field] ? 'field has-error' : 'field'}>{children}</div>;
  const numberInput = (s: NumberSpec) =>
    wrap(s.name, <>
      <label for={id(s.name)}>{s.label}</label>
      <span class="hint" id={`${id(s.name)}-hint`}>{s.hint}</span>
      {errorOf(s.name)}
      <input
        id={id(s.name)} type="number" inputMode={s.whole ? 'numeric' : 'decimal'} min={s.min} max={s.max} step={s.step ?? (s.whole ? '1' : 'any')}
        value={String(draft[s.name] ?? '')} aria-invalid={!!problems[s.name]} aria-describedby={describedBy(s.name, true)}
        onInput={(e) => set(s.name, e.currentTarget.value)}
      />
    </>);
  const summary = Object.entries(problems);

  return (
    <section class="panel settings-group" aria-labelledby={`${p}-title`}>
      <h2 id={`${p}-title`}>{group.title}</h2>
      <p class="muted">{group.intro}</p>
      <form id={id('form')} tabIndex={-1} class="admin-form" onSubmit={submit} noValidate>
        {error != null && (
          <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={`${p}-summary`}>
            <h3 id={`${p}-summary`}>There is a problem</h3>
            <p>{failureWords(error)}</p>
            {summary.length > 0 && (
              <ul>
                {summary.map(([field, problem]) => (
                  <li key={field}>
                    <a href={`#${id(field)}`} onClick={(e) => { e.preventDefault(); document.getElementById(id(field))?.focus(); }}>{field === 'form' ? problem.words : `${problem.label}: ${problem.words}`}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        {key === 'planner' && (
          <>
            <label class="choice">
              <input id={id('autoPublish')} type="checkbox" checked={draft.autoPublish === true} onChange={(e) => set('autoPublish', e.currentTarget.checked)} />
              Publish the overnight plan without waiting for a dispatcher
            </label>
            <div class="settings-grid">{PLANNER_NUMBERS.map(numberInput)}</div>
            <fieldset class="settings-minutes">
              <legend>Minutes on site, by category</legend>
              <span class="hint">Leave empty to use the category’s own estimate.</span>
              <div class="settings-grid">
                {categories.map((c) => {
                  const field = `serviceMinutes.${c.code}`;
                  return wrap(field, <>
                      <label for={id(field)}>{c.name}</label>
                      {errorOf(field)}
                      <input
                        id={id(field)} type="number" inputMode="numeric" min={1} max={600} step="1" placeholder={c.serviceMinutes ? String(c.serviceMinutes) : undefined}
                        value={String(draft[field] ?? '')} aria-invalid={!!problems[field]} aria-describedby={describedBy(field, false)}
                        onInput={(e) => set(field, e.currentTarget.value)}
                      />
                  </>);
                })}
              </div>
            </fieldset>
          </>
        )}
        {key === 'hotspots' && <div class="settings-grid">{HOTSPOT_NUMBERS.map(numberInput)}</div>}
        {key === 'weeklyReport' && <div class="settings-grid">{WEEKLY_NUMBERS.map(numberInput)}</div>}
        {key === 'wasteDataFlow' && (
          <fieldset>
            <legend>Cost of clearing one fly-tip (£)</legend>
            <span class="hint">Leave a size empty to leave it out of the estimate.</span>
            <div class="settings-grid">
              {FLY_TIP_SIZES.map((size) => {
                const field = `cost.${size.key}`;
                return wrap(field, <>
                  <label for={id(field)}>{size.label}</label>
                  {errorOf(field)}
                  <input id={id(field)} type="number" inputMode="decimal" min={0} max={1_000_000} step="0.01" value={String(draft[field] ?? '')} aria-invalid={!!problems[field]} aria-describedby={describedBy(field, false)} onInput={(e) => set(field, e.currentTarget.value)} />
                </>);
              })}
            </div>
          </fieldset>
        )}
        {key === 'openData' && (
          <label class="choice">
            <input id={id('publishWorkOrders')} type="checkbox" checked={draft.publishWorkOrders === true} onChange={(e) => set('publishWorkOrders', e.currentTarget.checked)} />
            Publish the anonymised work orders at /api/open-data/work-orders.csv
          </label>
        )}
        {key === 'inspections' && <div class="settings-grid">{INSPECTION_NUMBERS.map(numberInput)}</div>}
        {key === 'workingCalendar' && (
          <>
            <fieldset id={id('dutyDays')} tabIndex={-1} class={problems.dutyDays ? 'field has-error' : ''} aria-describedby={describedBy('dutyDays', false)}>
              <legend>Days on duty</legend>
              {errorOf('dutyDays')}
              <div class="row">
                {WEEKDAYS.map((day, i) => {
                  const days = draft.dutyDays as number[];
                  return (
                    <label class="choice" key={day}>
                      <input type="checkbox" checked={days.includes(i + 1)} onChange={(e) => set('dutyDays', e.currentTarget.checked ? [...days, i + 1] : days.filter((d) => d !== i + 1))} />
                      {day}
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <div class="settings-grid">
              {(['dayStart', 'dayEnd'] as const).map((field) =>
                wrap(field, <>
                  <label for={id(field)}>{field === 'dayStart' ? 'Duty starts' : 'Duty ends'}</label>
                  {errorOf(field)}
                  <input id={id(field)} type="time" value={String(draft[field])} aria-invalid={!!problems[field]} aria-describedby={describedBy(field, false)} onInput={(e) => set(field, e.currentTarget.value)} />
                </>),
              )}
            </div>
            {wrap('holidays', <>
              <label for={id('holidays')}>Days with no duty</label>
              <span class="hint" id={`${id('holidays')}-hint`}>One date a line, as YYYY-MM-DD: the bank holidays and any day the council adds.</span>
              {errorOf('holidays')}
              <textarea id={id('holidays')} rows={6} class="settings-dates" spellcheck={false} value={String(draft.holidays)} aria-invalid={!!problems.holidays} aria-describedby={describedBy('holidays', true)} onInput={(e) => set('holidays', e.currentTarget.value)} />
            </>)}
          </>
        )}

        <div class="row settings-actions">
          <button type="submit" disabled={saving}>Save {group.saveText ?? group.title.toLowerCase()}</button>
          <span role="status" class={savedText && !dirty ? 'settings-state saved' : 'settings-state'}>
            {saving ? 'Saving…' : dirty ? 'Not saved yet' : savedText ?? ''}
          </span>
        </div>
      </form>
    </section>
  );
}
