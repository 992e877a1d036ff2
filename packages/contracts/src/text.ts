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

/** How deep a request's JSON may nest; no contract goes beyond a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Every string (values and object keys) in a parsed JSON value that cannot be stored as text, and
 * nesting deeper than MAX_JSON_DEPTH (reported once, at the first path that goes too deep). Walks
 * with its own stack, so no input can exhaust the call stack.
 */
export function findTextProblems(value: unknown): TextProblem[] {
  const found: TextProblem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let tooDeep = false;
  while (stack.length > 0) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === 'string') {
      const message = textProblem(item);
      if (message) found.push({ path, message });
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      if (!tooDeep) found.push({ path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` });
      tooDeep = true;
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(item)
      ? item.map((v, i) => [i, v])
      : Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const keyProblem = typeof key === 'string' ? textProblem(key) : null;
      if (keyProblem) found.push({ path: [...path, key], message: `name ${keyProblem}` });
      else stack.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}
