/** A category question rendered by its type; the same component serves the public form and staff screens. */
import type { CategoryQuestion } from '../config.ts';

interface Props {
  id: string;
  question: CategoryQuestion;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}

export function QuestionField({ id, question: q, value, error, onChange }: Props) {
  const errId = error ? `${id}-error` : '';
  const hintId = q.help ? `${id}-hint` : '';
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const optional = !q.required && <span class="muted"> (optional)</span>;
  const cls = `field${error ? ' has-error' : ''}`;
  const hint = q.help && <span class="hint" id={hintId}>{q.help}</span>;
  const errorText = error && <span class="field-error" id={errId}>{error}</span>;

  if (q.type === 'boolean' || (q.type === 'single' && (q.options?.length ?? 0) <= 6) || q.type === 'multi') {
    const options = q.type === 'boolean' ? [{ key: 'true', label: 'Yes' }, { key: 'false', label: 'No' }] : (q.options ?? []);
    const multi = q.type === 'multi';
    const selected = (key: string) =>
      q.type === 'boolean' ? String(value) === key : multi ? Array.isArray(value) && value.includes(key) : value === key;
    return (
      <fieldset class={cls} id={id} aria-describedby={describedBy}>
        <legend>{q.label}{optional}</legend>
        {hint}
        {errorText}
        <div class={q.type === 'boolean' ? 'inline-choices' : ''}>
          {options.map((o, i) => (
            <label class="choice" key={o.key}>
              <input
                type={multi ? 'checkbox' : 'radio'}
                name={id}
                id={i === 0 ? `${id}-first` : undefined}
                value={o.key}
                checked={selected(o.key)}
                onChange={(e) => {
                  if (q.type === 'boolean') onChange(o.key === 'true');
                  else if (multi) {
                    const cur = Array.isArray(value) ? (value as string[]) : [];
                    onChange(e.currentTarget.checked ? [...cur, o.key] : cur.filter((k) => k !== o.key));
                  } else onChange(o.key);
                }}
              />
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  return (
    <div class={cls}>
      <label for={id}>{q.label}{optional}</label>
      {hint}
      {errorText}
      {q.type === 'single' ? (
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value || undefined)} aria-describedby={describedBy}>
          <option value="">Choose…</option>
          {q.options?.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
        </select>
      ) : q.type === 'number' ? (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          class="short"
          min={q.min}
          max={q.max}
          value={typeof value === 'number' ? String(value) : ''}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            onChange(raw === '' ? undefined : Number(raw));
          }}
          aria-describedby={describedBy}
        />
      ) : q.type === 'datetime' ? (
        <input id={id} type="datetime-local" value={typeof value === 'string' ? value : ''} onInput={(e) => onChange(e.currentTarget.value || undefined)} aria-describedby={describedBy} />
      ) : (
        <input id={id} type="text" value={typeof value === 'string' ? value : ''} onInput={(e) => onChange(e.currentTarget.value)} aria-describedby={describedBy} />
      )}
    </div>
  );
}
