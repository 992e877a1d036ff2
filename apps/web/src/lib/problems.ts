import type { FieldProblem } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** A field problem as the server (or a form's zod check via fieldProblemsOf) gives it. */
export type ProblemLike = Pick<FieldProblem, 'message'> & {
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Field problems in the reader's language, from their code and params (ADR 033), like gate
 * reasons: numbers and dates in the params formatted for the locale. An unknown code, or
 * `invalid` (the server named nothing more specific), falls back to the English `message`.
 */
export function useProblemText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (p: ProblemLike): string => {
    // No key for the code: `defaultValue` gives the English message.
    if (!p.code || p.code === 'invalid') return p.message;
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(p.params ?? {})) {
      if (typeof value === 'number') params[key] = fmt.number(value);
      else if (ISO_DATE.test(value)) params[key] = fmt.date(value);
      else params[key] = value;
    }
    // Plural forms ("1 character" / "2 characters") key off `count`.
    const count = p.params?.max ?? p.params?.min ?? p.params?.days;
    return t(`problems.${p.code}`, {
      ...params,
      ...(typeof count === 'number' ? { count } : {}),
      defaultValue: p.message,
    });
  };
}
