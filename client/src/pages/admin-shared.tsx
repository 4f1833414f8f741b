/** Small pieces every admin section uses: a notice banner, a form's error banner and buttons, and the edit-in-place row of a table. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import type { Skill } from '../api/types.ts';

export function useNotice() {
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const view = notice && (
    <p class={`banner ${notice.kind}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>{notice.text}</p>
  );
  return { view, ok: (text: string) => setNotice({ kind: 'ok', text }), fail: (e: unknown) => setNotice({ kind: 'error', text: describeError(e) }), clear: () => setNotice(null) };
}

export function FieldErrors({ err }: { err: unknown }) {
  if (!(err instanceof ApiError)) return null;
  const fields = Object.entries(err.fields);
  if (!fields.length) return null;
  return <ul class="field-error">{fields.map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>;
}

/** A form's failure: the server's message, then its field problems. */
export function FormError({ err }: { err: unknown }) {
  if (err == null) return null;
  return <div class="banner error" role="alert">{describeError(err)}<FieldErrors err={err} /></div>;
}

/** "Edit <name>" that opens and closes the row's form (the name is for screen readers and tests). */
export function EditButton({ open, name, onToggle }: { open: boolean; name: string; onToggle: () => void }) {
  return (
    <button type="button" class="secondary small" aria-expanded={open} onClick={onToggle}>
      Edit<span class="visually-hidden"> {name}</span>
    </button>
  );
}

/** The full-width row under a table row that holds its edit form while open. */
export function EditRow({ open, columns, children }: { open: boolean; columns: number; children: ComponentChildren }) {
  if (!open) return null;
  return (
    <tr>
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}

/** A form's submit button, and Cancel when the form is an edit that can be closed unsaved. */
export function SaveOrCancel({ label, onCancel }: { label: string; onCancel?: () => void }) {
  return (
    <>
      <button type="submit">{label}</button>
      {onCancel && <button type="button" class="secondary" onClick={onCancel}>Cancel</button>}
    </>
  );
}

/** Every skill the server knows (a new one fails to compile here until it is listed), in the order the forms show them. */
const ALL_SKILLS: Record<Skill, true> = { sharps: true, 'fly-tip-van': true, 'graffiti-removal': true, general: true };
export const SKILLS = Object.keys(ALL_SKILLS) as Skill[];
