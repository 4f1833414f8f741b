/**
 * Admin: categories. One form adds a category and edits one: name, group,
 * description, icon, service level, crew skill, hazard, auto-accept,
 * duplicate radius, active, and the reporter's questions with their choices.
 * A question's code and a choice's key stay fixed once saved (past reports
 * and partners use them); everything else can change. Changes apply to the next report.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.ts';
import type { ApiBody, Skill } from '../api/types.ts';
import { Icon, ICON_NAMES } from '../components/icons.tsx';
import { slaText, type Category, type CategoryQuestion, type SlaPolicy } from '../config.ts';
import { EditButton, EditRow, SaveOrCancel, SKILLS, useNotice } from './admin-shared.tsx';

/** What an administrator sees of a category (GET /api/categories?all=true gives every field). */
export interface AdminCategory extends Category {
  autoAccept?: boolean;
  dedupeRadiusM?: number;
}

/** `saved`: already stored, so its code (key) stays fixed: past reports' answers and partners' systems use it. */
type Option = { key: string; label: string; saved?: boolean };
type EditQuestion = Omit<CategoryQuestion, 'options'> & { options?: Option[]; saved?: boolean };

export function CategoriesSection() {
  const [cats, setCats] = useState<AdminCategory[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const notice = useNotice();
  // Admins see inactive categories too, so they can bring them back.
  const load = () => api.get<AdminCategory[]>('/api/categories', { all: true }).then(setCats, notice.fail);
  useEffect(() => {
    void load();
  }, []);
  const setActive = async (c: Category, active: boolean) => {
    try {
      await api.patch(`/api/categories/${c.code}`, { active } satisfies ApiBody<'categories.update'>);
      notice.ok(active ? `“${c.name}” is on the public report form again.` : `“${c.name}” is no longer offered to reporters; its work orders keep it.`);
      void load();
    } catch (err) {
      notice.fail(err);
    }
  };
  return (
    <>
      {notice.view}
      <table class="data">
        <thead><tr><th>Category</th><th>Group</th><th>Service level</th><th>Questions</th><th>Crew skill</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {cats?.map((c) => (
            <Fragment key={c.code}>
              <tr>
                <td><span class="cat-cell"><Icon name={c.icon} size={22} /> {c.name}</span> <span class="muted small block">{c.code}</span>{!c.active && <span class="pill neutral">inactive</span>}</td>
                <td>{c.groupName}</td>
                <td>{slaText(c.slaPolicy)}{c.hazard ? ' · hazard' : ''}{c.autoAccept ? ' · auto-accepted' : ''}</td>
                <td>{c.questions.map((q) => q.label).join('; ') || '—'}</td>
                <td>{c.requiredSkill ?? ''}</td>
                <td>
                  <div class="row zone-actions">
                    <EditButton open={editing === c.code} name={c.name} onToggle={() => setEditing(editing === c.code ? null : c.code)} />
                    <button type="button" class="secondary small" onClick={() => void setActive(c, !c.active)}>
                      {c.active ? 'Deactivate' : 'Reactivate'}<span class="visually-hidden"> {c.name}</span>
                    </button>
                  </div>
                </td>
              </tr>
              <EditRow open={editing === c.code} columns={6}>
                <CategoryForm
                  category={c}
                  others={cats.filter((o) => o.code !== c.code && o.active)}
                  onSaved={(m) => { notice.ok(m); setEditing(null); void load(); }}
                  onCancel={() => setEditing(null)}
                />
              </EditRow>
            </Fragment>
          ))}
        </tbody>
      </table>
      <h2>Add a category</h2>
      <CategoryForm others={(cats ?? []).filter((o) => o.active)} onSaved={(m) => { notice.ok(m); void load(); }} />
    </>
  );
}

function slugify(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
}
const questionCode = (label: string) => slugify(label).replace(/-/g, '_');

/** The server's field paths this form shows next to an input; any other problem goes in the banner. */
const SHOWN_FIELDS = /^(code|name|groupName|description|icon|slaPolicy(\..+)?|requiredSkill|dedupeRadiusM|questions|questions\.\d+(\.(code|label|type|required|options(\..+)?|min|max|help|routesTo))?)$/;

const QUESTION_TYPES: { value: CategoryQuestion['type']; label: string }[] = [
  { value: 'boolean', label: 'Yes / no' },
  { value: 'number', label: 'Number' },
  { value: 'single', label: 'One of a list' },
  { value: 'multi', label: 'Any of a list' },
  { value: 'text', label: 'Short text' },
  { value: 'datetime', label: 'Date and time' },
];

/** Adds a category, or edits `category` (its code cannot change). `others`: categories a yes/no question may send reports to. */
export function CategoryForm({ category, others = [], onSaved, onCancel }: { category?: AdminCategory; others?: Category[]; onSaved: (m: string) => void; onCancel?: () => void }) {
  const c = category;
  const [name, setName] = useState(c?.name ?? '');
  const [code, setCode] = useState(c?.code ?? '');
  const [groupName, setGroupName] = useState(c?.groupName ?? 'Street cleaning');
  const [description, setDescription] = useState(c?.description ?? '');
  const [icon, setIcon] = useState(c?.icon ?? 'other');
  const [slaKind, setSlaKind] = useState<SlaPolicy['kind']>(c?.slaPolicy.kind ?? 'working_days');
  const [slaValue, setSlaValue] = useState(c ? (c.slaPolicy.kind === 'hours' ? String(c.slaPolicy.hours) : c.slaPolicy.kind === 'working_days' ? String(c.slaPolicy.days) : '2') : '2');
  const [skill, setSkill] = useState<Skill>(c?.requiredSkill ?? 'general');
  const [hazard, setHazard] = useState(c?.hazard ?? false);
  const [autoAccept, setAutoAccept] = useState(c?.autoAccept ?? false);
  const [radius, setRadius] = useState(String(c?.dedupeRadiusM ?? 50));
  const [active, setActive] = useState(c?.active ?? true);
  const [questions, setQuestions] = useState<EditQuestion[]>(c ? c.questions.map((q) => ({ ...q, saved: true, options: q.options?.map((o) => ({ ...o, saved: true })) })) : []);
  const [error, setError] = useState<unknown>(null);
  const p = c ? `ce-${c.code}` : 'cat';

  const fields = error instanceof ApiError ? error.fields : {};
  const fieldError = (...paths: string[]) => {
    const path = Object.keys(fields).find((f) => paths.some((x) => f === x || (x.endsWith('.') && f.startsWith(x))));
    return path ? fields[path] : undefined;
  };
  const errorText = (id: string, message: string | undefined) => message && <span class="field-error" id={`${id}-error`}>{message}</span>;
  const described = (id: string, message: string | undefined) => (message ? `${id}-error` : undefined);
  const otherProblems = Object.entries(fields).filter(([f]) => !SHOWN_FIELDS.test(f));

  const updateQ = (i: number, patch: Partial<EditQuestion>) => setQuestions(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const updateOption = (i: number, j: number, patch: Partial<Option>) => updateQ(i, { options: (questions[i].options ?? []).map((o, k) => (k === j ? { ...o, ...patch } : o)) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...questions];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setQuestions(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const slaPolicy: SlaPolicy = slaKind === 'zone' ? { kind: 'zone' } : slaKind === 'hours' ? { kind: 'hours', hours: Number(slaValue) } : { kind: 'working_days', days: Number(slaValue) };
    const body = {
      name,
      groupName,
      description,
      icon,
      slaPolicy,
      hazard,
      autoAccept,
      dedupeRadiusM: Number(radius),
      requiredSkill: skill,
      ...(c ? { active } : {}),
      questions: questions.map((q) => ({
        code: q.code || questionCode(q.label),
        label: q.label,
        type: q.type,
        required: q.required,
        ...(q.help?.trim() ? { help: q.help.trim() } : {}),
        ...(q.type === 'boolean' && q.routesTo ? { routesTo: q.routesTo } : {}),
        ...(q.type === 'single' || q.type === 'multi' ? { options: (q.options ?? []).map((o) => ({ key: o.key || questionCode(o.label), label: o.label })) } : {}),
        ...(q.type === 'number' && q.min !== undefined ? { min: q.min } : {}),
        ...(q.type === 'number' && q.max !== undefined ? { max: q.max } : {}),
      })),
    };
    try {
      if (c) {
        await api.patch(`/api/categories/${c.code}`, body satisfies ApiBody<'categories.update'>);
        onSaved(`“${name}” saved. The next report uses the new questions and service level; work orders already filed keep their deadlines.`);
      } else {
        await api.post('/api/categories', { ...body, code: code || slugify(name) } satisfies ApiBody<'categories.create'>);
        onSaved(`“${name}” added. It is on the public report form now.`);
        setName(''); setCode(''); setDescription(''); setQuestions([]);
      }
    } catch (err) {
      setError(err);
    }
  };
  const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s));

  const nameErr = fieldError('name');
  const codeErr = fieldError('code');
  const groupErr = fieldError('groupName');
  const slaErr = fieldError('slaPolicy', 'slaPolicy.');
  const skillErr = fieldError('requiredSkill');
  const radiusErr = fieldError('dedupeRadiusM');
  return (
    <form class="admin-form panel" onSubmit={submit} noValidate>
      {error != null && (
        <div class="banner error" role="alert">
          {describeError(error)}
          {otherProblems.length > 0 && <ul class="field-error">{otherProblems.map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>}
        </div>
      )}
      <div class="row">
        <div class={nameErr ? 'field has-error' : ''}>
          <label for={`${p}-name`}>Name (as residents will see it)</label>
          {errorText(`${p}-name`, nameErr)}
          <input id={`${p}-name`} type="text" value={name} aria-invalid={!!nameErr} aria-describedby={described(`${p}-name`, nameErr)} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class={codeErr ? 'field has-error' : ''}>
          <label for={`${p}-code`}>Code <span class="muted">({c ? 'fixed: partners and past reports use it' : 'for partners; cannot change later'})</span></label>
          {errorText(`${p}-code`, codeErr)}
          <input id={`${p}-code`} type="text" value={code} readOnly={!!c} placeholder={slugify(name) || 'e.g. shopping-trolley'} aria-invalid={!!codeErr} aria-describedby={described(`${p}-code`, codeErr)} onInput={(e) => setCode(e.currentTarget.value)} />
        </div>
        <div class={groupErr ? 'field has-error' : ''}>
          <label for={`${p}-group`}>Group</label>
          {errorText(`${p}-group`, groupErr)}
          <input id={`${p}-group`} type="text" value={groupName} aria-invalid={!!groupErr} aria-describedby={described(`${p}-group`, groupErr)} onInput={(e) => setGroupName(e.currentTarget.value)} />
        </div>
        <div>
          <label for={`${p}-icon`}>Icon</label>
          {errorText(`${p}-icon`, fieldError('icon'))}
          <select id={`${p}-icon`} value={icon} onChange={(e) => setIcon(e.currentTarget.value)}>
            {ICON_NAMES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <Icon name={icon} size={36} />
      </div>
      <div>
        <label for={`${p}-desc`}>Description <span class="muted">(optional, shown under the name)</span></label>
        {errorText(`${p}-desc`, fieldError('description'))}
        <input id={`${p}-desc`} type="text" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="row">
        <div class={slaErr ? 'field has-error' : ''}>
          <label for={`${p}-sla`}>Service level</label>
          {errorText(`${p}-sla`, slaErr)}
          <select id={`${p}-sla`} value={slaKind} aria-describedby={described(`${p}-sla`, slaErr)} onChange={(e) => setSlaKind(e.currentTarget.value as SlaPolicy['kind'])}>
            <option value="hours">Within a number of hours</option>
            <option value="working_days">Within a number of working days</option>
            <option value="zone">By the street’s zone (Code of Practice)</option>
          </select>
        </div>
        {slaKind !== 'zone' && <div><label for={`${p}-sla-n`}>{slaKind === 'hours' ? 'Hours' : 'Working days'}</label><input id={`${p}-sla-n`} type="number" class="short" min={1} value={slaValue} aria-invalid={!!slaErr} aria-describedby={described(`${p}-sla`, slaErr)} onInput={(e) => setSlaValue(e.currentTarget.value)} /></div>}
        <div class={skillErr ? 'field has-error' : ''}>
          <label for={`${p}-skill`}>Crew skill needed</label>
          {errorText(`${p}-skill`, skillErr)}
          <select id={`${p}-skill`} value={skill} onChange={(e) => setSkill(e.currentTarget.value as Skill)}>
            {SKILLS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div class={radiusErr ? 'field has-error' : ''}>
          <label for={`${p}-radius`}>Duplicate radius (metres)</label>
          {errorText(`${p}-radius`, radiusErr)}
          <input id={`${p}-radius`} type="number" class="short" min={0} max={1000} value={radius} aria-invalid={!!radiusErr} aria-describedby={described(`${p}-radius`, radiusErr)} onInput={(e) => setRadius(e.currentTarget.value)} />
        </div>
      </div>
      <div class="row">
        <label class="choice"><input type="checkbox" checked={hazard} onChange={(e) => setHazard(e.currentTarget.checked)} /> Hazard (needles, chemicals…)</label>
        <label class="choice"><input type="checkbox" checked={autoAccept} onChange={(e) => setAutoAccept(e.currentTarget.checked)} /> Accept reports without triage</label>
        {c && <label class="choice"><input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> Offered to reporters (untick to retire it; its work orders keep it)</label>}
      </div>
      <h3>Questions for the reporter</h3>
      {errorText(`${p}-questions`, fieldError('questions'))}
      {questions.map((q, i) => {
        const qp = `questions.${i}`;
        const id = `${p}-q${i}`;
        const labelErr = fieldError(`${qp}.label`);
        const qCodeErr = fieldError(`${qp}.code`, qp);
        const typeErr = fieldError(`${qp}.type`);
        const optionsErr = fieldError(`${qp}.options`, `${qp}.options.`);
        const rangeErr = fieldError(`${qp}.min`, `${qp}.max`);
        const helpErr = fieldError(`${qp}.help`);
        const routeErr = fieldError(`${qp}.routesTo`);
        const choice = q.type === 'single' || q.type === 'multi';
        const codeFixed = !!q.saved;
        const n = i + 1;
        return (
          <fieldset class="question-edit" key={i}>
            <legend>Question {n}</legend>
            <div class="row">
              <div class={labelErr ? 'field has-error' : ''}>
                <label for={`${id}-label`}>Question</label>
                {errorText(`${id}-label`, labelErr)}
                <input id={`${id}-label`} type="text" value={q.label} aria-invalid={!!labelErr} aria-describedby={described(`${id}-label`, labelErr)} onInput={(e) => updateQ(i, { label: e.currentTarget.value })} />
              </div>
              <div class={qCodeErr ? 'field has-error' : ''}>
                <label for={`${id}-code`}>Question code{codeFixed && <span class="muted"> (fixed)</span>}</label>
                {errorText(`${id}-code`, qCodeErr)}
                <input id={`${id}-code`} type="text" value={q.code} readOnly={codeFixed} placeholder={questionCode(q.label) || 'e.g. blocking_path'} aria-invalid={!!qCodeErr} aria-describedby={described(`${id}-code`, qCodeErr)} onInput={(e) => updateQ(i, { code: e.currentTarget.value })} />
              </div>
              <div class={typeErr ? 'field has-error' : ''}>
                <label for={`${id}-type`}>Answer type</label>
                {errorText(`${id}-type`, typeErr)}
                <select
                  id={`${id}-type`}
                  value={q.type}
                  onChange={(e) => {
                    const type = e.currentTarget.value as CategoryQuestion['type'];
                    updateQ(i, { type, ...((type === 'single' || type === 'multi') && !q.options?.length ? { options: [{ key: '', label: '' }] } : {}) });
                  }}
                >
                  {QUESTION_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
                </select>
              </div>
              <label class="choice"><input type="checkbox" checked={q.required} onChange={(e) => updateQ(i, { required: e.currentTarget.checked })} /> Required</label>
            </div>
            <div class="row">
              <div class={`grow${helpErr ? ' field has-error' : ''}`}>
                <label for={`${id}-help`}>Help for the reporter <span class="muted">(optional)</span></label>
                {errorText(`${id}-help`, helpErr)}
                <input id={`${id}-help`} type="text" value={q.help ?? ''} aria-invalid={!!helpErr} aria-describedby={described(`${id}-help`, helpErr)} onInput={(e) => updateQ(i, { help: e.currentTarget.value })} />
              </div>
              {q.type === 'boolean' && (
                <div class={routeErr ? 'field has-error' : ''}>
                  <label for={`${id}-route`}>A “yes” files the report under</label>
                  {errorText(`${id}-route`, routeErr)}
                  <select id={`${id}-route`} value={q.routesTo ?? ''} aria-describedby={described(`${id}-route`, routeErr)} onChange={(e) => updateQ(i, { routesTo: e.currentTarget.value || undefined })}>
                    <option value="">this category</option>
                    {others.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
                    {q.routesTo && !others.some((o) => o.code === q.routesTo) && <option value={q.routesTo}>{q.routesTo}</option>}
                  </select>
                </div>
              )}
            </div>
            {choice && (
              <fieldset class={`choices${optionsErr ? ' field has-error' : ''}`}>
                <legend>Choices for question {n}</legend>
                {errorText(`${id}-opts`, optionsErr)}
                {(q.options ?? []).map((o, j) => {
                  const fixed = !!o.saved;
                  const m = j + 1;
                  const optErr = fieldError(`${qp}.options.${j}.label`, `${qp}.options.${j}.key`, `${qp}.options.${j}`);
                  return (
                    <div class="option-edit" key={j}>
                      <div>
                        <label for={`${id}-o${j}-label`}>Choice {m}<span class="visually-hidden"> of question {n}</span></label>
                        <input id={`${id}-o${j}-label`} type="text" value={o.label} aria-invalid={!!optErr} aria-describedby={optErr ? `${id}-opts-error` : undefined} onInput={(e) => updateOption(i, j, { label: e.currentTarget.value })} />
                      </div>
                      <div>
                        <label for={`${id}-o${j}-key`}>Code{fixed ? ' (fixed)' : ''}<span class="visually-hidden"> of choice {m} of question {n}</span></label>
                        <input id={`${id}-o${j}-key`} type="text" class="short" value={o.key} readOnly={fixed} placeholder={questionCode(o.label) || 'e.g. van_load'} onInput={(e) => updateOption(i, j, { key: e.currentTarget.value })} />
                      </div>
                      <button type="button" class="secondary small" onClick={() => updateQ(i, { options: (q.options ?? []).filter((_, k) => k !== j) })}>
                        Remove choice {m}<span class="visually-hidden"> of question {n}</span>
                      </button>
                    </div>
                  );
                })}
                <button type="button" class="secondary small" onClick={() => updateQ(i, { options: [...(q.options ?? []), { key: '', label: '' }] })}>
                  Add a choice<span class="visually-hidden"> to question {n}</span>
                </button>
              </fieldset>
            )}
            {q.type === 'number' && (
              <div class={`row${rangeErr ? ' field has-error' : ''}`}>
                {errorText(`${id}-range`, rangeErr)}
                <div><label for={`${id}-min`}>Smallest answer</label><input id={`${id}-min`} type="number" class="short" value={q.min ?? ''} onInput={(e) => updateQ(i, { min: numberOrUndefined(e.currentTarget.value) })} /></div>
                <div><label for={`${id}-max`}>Largest answer</label><input id={`${id}-max`} type="number" class="short" value={q.max ?? ''} aria-describedby={described(`${id}-range`, rangeErr)} onInput={(e) => updateQ(i, { max: numberOrUndefined(e.currentTarget.value) })} /></div>
              </div>
            )}
            <div class="row question-tools">
              {i > 0 && <button type="button" class="secondary small" onClick={() => move(i, -1)}>Move question {n} up</button>}
              {i < questions.length - 1 && <button type="button" class="secondary small" onClick={() => move(i, 1)}>Move question {n} down</button>}
              <button type="button" class="secondary small" onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>Remove question {n}</button>
            </div>
          </fieldset>
        );
      })}
      <div class="row">
        <button type="button" class="secondary" onClick={() => setQuestions([...questions, { code: '', label: '', type: 'boolean', required: true }])}>Add a question</button>
        <SaveOrCancel label={c ? 'Save category' : 'Add category'} onCancel={onCancel} />
      </div>
    </form>
  );
}
