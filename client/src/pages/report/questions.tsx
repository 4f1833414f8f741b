/** Once a category is chosen: its response time (and a hazard warning), then its own questions. */
import { QuestionField } from '../../components/questions.tsx';
import { slaText, type Category } from '../../config.ts';
import type { FieldErrors } from './draft.ts';

interface Props {
  category: Category | null;
  answers: Record<string, unknown>;
  errors: FieldErrors;
  onAnswer: (code: string, value: unknown) => void;
}

export function CategoryQuestions({ category, answers, errors, onAnswer }: Props) {
  return (
    <>
      {category && (
        <p class="banner small">
          We aim to deal with {category.name.toLowerCase()} {slaText(category.slaPolicy)}.
          {category.hazard && ' Do not touch it: needles and drug litter can carry infection.'}
        </p>
      )}

      {category?.questions.map((q) => (
        <QuestionField key={`${category.code}.${q.code}`} id={`q-${q.code}`} question={q} value={answers[q.code]} error={errors[`q-${q.code}`]} onChange={(v) => onAnswer(q.code, v)} />
      ))}
    </>
  );
}
