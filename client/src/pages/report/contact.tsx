/** The reporter's optional name, email and phone, with who may see them. */
import type { Draft, FieldHelpers, SetDraft } from './draft.ts';

export function ContactFields({ draft, set, field: { fieldClass, err, describedBy } }: { draft: Draft; set: SetDraft; field: FieldHelpers }) {
  return (
    <fieldset class="contact">
      <legend>Your contact details <span class="muted">(optional)</span></legend>
      <p class="hint" id="contact-hint">
        Only council staff handling your report can see these. They are never shown to councillors, partner organisations or the public,
        and never published. Give an email address if you want to hear when it is dealt with.
      </p>
      <div class={fieldClass('name')}>
        <label for="name">Your name</label>
        {err('name')}
        <input id="name" type="text" autocomplete="name" value={draft.name} onInput={(e) => set('name', e.currentTarget.value)} aria-describedby={describedBy('name')} />
      </div>
      <div class={fieldClass('email')}>
        <label for="email">Email address</label>
        {err('email')}
        <input id="email" type="email" autocomplete="email" value={draft.email} onInput={(e) => set('email', e.currentTarget.value)} aria-describedby={describedBy('email')} />
      </div>
      <div class={fieldClass('phone')}>
        <label for="phone">Phone number</label>
        {err('phone')}
        <input id="phone" type="tel" autocomplete="tel" value={draft.phone} onInput={(e) => set('phone', e.currentTarget.value)} aria-describedby={describedBy('phone')} />
      </div>
    </fieldset>
  );
}
