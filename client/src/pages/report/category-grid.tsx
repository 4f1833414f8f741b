/** "What is the problem?": the active categories as big radio cards, grouped as the council groups them. */
import { useMemo } from 'preact/hooks';
import { Icon } from '../../components/icons.tsx';
import type { Category } from '../../config.ts';
import type { FieldHelpers } from './draft.ts';

interface Props {
  categories: Category[] | null;
  loadError: string | null;
  chosen: string;
  onChoose: (code: string) => void;
  field: FieldHelpers;
}

export function CategoryGrid({ categories, loadError, chosen, onChoose, field }: Props) {
  const groups = useMemo(() => {
    const g = new Map<string, Category[]>();
    for (const c of categories ?? []) g.set(c.groupName, [...(g.get(c.groupName) ?? []), c]);
    return [...g.entries()];
  }, [categories]);
  return (
    <fieldset class={field.fieldClass('category')} id="category" aria-describedby={field.describedBy('category')}>
      <legend>What is the problem?</legend>
      {field.err('category')}
      {!categories && !loadError && <p><span class="spinner" aria-hidden="true" /> Loading…</p>}
      {groups.map(([group, cats]) => (
        <div class="category-group" key={group}>
          <h3 class="small muted">{group}</h3>
          <div class="category-grid">
            {cats.map((c, i) => (
              <label class={`category-card${chosen === c.code ? ' selected' : ''}`} key={c.code}>
                <input
                  type="radio"
                  name="category"
                  value={c.code}
                  id={group === groups[0][0] && i === 0 ? 'category-first' : `category-${c.code}`}
                  checked={chosen === c.code}
                  onChange={() => onChoose(c.code)}
                />
                <Icon name={c.icon} />
                <span>{c.name}</span>
              </label>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
