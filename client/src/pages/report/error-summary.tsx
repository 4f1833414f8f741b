/**
 * The box at the top listing every problem, each a link to its field: where
 * the server's field paths land on this form and how their messages read.
 */
import type { Ref } from 'preact';
import type { Category } from '../../config.ts';

/** Where a server field path ("answers.size", "contact.email", "lat") is shown on this form. */
export function fieldTarget(path: string): string {
  if (path.startsWith('answers.')) return `q-${path.slice('answers.'.length)}`;
  if (path === 'categoryCode' || path === 'category') return 'category';
  if (['lat', 'lng', 'postcode', 'location', 'ward'].some((p) => path === p || path.startsWith(p + '.'))) return 'location';
  if (path.startsWith('contact.')) return path.slice('contact.'.length);
  if (path.startsWith('photo')) return 'photo';
  return path;
}

const FIELD_LABELS: Record<string, string> = {
  category: 'What is the problem',
  location: 'Where is it',
  photo: 'Photo',
  description: 'Describe it',
  address: 'Nearest address or landmark',
  name: 'Your name',
  email: 'Email address',
  phone: 'Phone number',
};

export function ErrorSummary({ errors, formError, category, summaryRef }: { errors: Record<string, string>; formError: string | null; category: Category | null; summaryRef: Ref<HTMLDivElement> }) {
  const errorList = Object.entries(errors);
  if (!(errorList.length > 0 || formError)) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      {formError && <p>{formError}</p>}
      <ul>
        {errorList.map(([id, msg]) => (
          <li key={id}>
            <a href={`#${id === 'category' ? 'category-first' : id === 'location' ? 'postcode' : id}`} onClick={(e) => { e.preventDefault(); focusField(id); }}>
              {summaryText(id, msg, category)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Server messages name no field ("must be at least 1"), so the summary says which question they belong to. */
function summaryText(id: string, msg: string, category: Category | null): string {
  const label = FIELD_LABELS[id] ?? category?.questions.find((q) => `q-${q.code}` === id)?.label;
  if (!label || msg.startsWith('Answer') || /^(Choose|Tell|Enter)/.test(msg)) return msg;
  return `${label.replace(/[?:]$/, '')}: ${msg[0].toLowerCase()}${msg.slice(1)}`;
}

export function sentence(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s;
}

function focusField(id: string) {
  const target = id === 'category' ? 'category-first' : id === 'location' ? 'postcode' : id;
  const el = document.getElementById(target) ?? document.querySelector<HTMLElement>(`#${CSS.escape(id)} input, #${CSS.escape(id)} select`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}
