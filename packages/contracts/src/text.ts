/**
 * Text every field must be able to hold: PostgreSQL cannot store NUL in `text`, and an unpaired
 * UTF-16 surrogate cannot be written as UTF-8. Checked once for every request (apps/api
 * plugins/validation.ts) and for every CSV cell, so no field can forget it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return null;
}

export interface TextProblem {
  /** Path to the string, e.g. ['plan', 0, 'dueDate']; empty for a string at the root. */
  path: (string | number)[];
  message: string;
}

/** Every string (values and object keys) in a parsed JSON value that cannot be stored as text. */
export function findTextProblems(value: unknown, path: (string | number)[] = [], found: TextProblem[] = []): TextProblem[] {
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) found.push({ path, message });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findTextProblems(item, [...path, i], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) found.push({ path: [...path, key], message: `name ${keyProblem}` });
      else findTextProblems(item, [...path, key], found);
    }
  }
  return found;
}
