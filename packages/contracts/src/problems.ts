import { z } from 'zod';

/**
 * What can be wrong with one field, as a closed list of codes (ADR 033). Every field problem the
 * API sends carries one, with its params, beside the English `message`; the web translates
 * `problems.<code>` with the params (apps/web/src/lib/problems.ts), like gate reasons.
 */
export const PROBLEM_CODES = [
  /** Missing, or empty text. */
  'required',
  /** The wrong kind of value {expected}: text, number, whole number, list... */
  'invalid_type',
  /** Text shorter than {min} characters. */
  'too_short',
  /** Text longer than {max} characters. */
  'too_long',
  /** A number below {min} (or not above it when {exclusive}). */
  'too_small',
  /** A number above {max} (or not below it when {exclusive}). */
  'too_big',
  /** A list with fewer than {min} items. */
  'too_few',
  /** A list with more than {max} items. */
  'too_many',
  /** Not one of {options} (a code list, comma-separated). */
  'not_one_of',
  /** Not written the way the field needs {format}: uuid, email, a pattern... */
  'invalid_format',
  /** Not a real calendar date or date-time. */
  'invalid_date',
  /** A day before {today}, the customer's today. */
  'in_the_past',
  /** A day after {today}, the customer's today. */
  'in_the_future',
  /** Further ahead than {days} days. */
  'too_far_ahead',
  /** Must be more than zero. */
  'must_be_positive',
  /** Must be a whole number. */
  'not_integer',
  /** Below the policy's minimum {min} (an amount in minor units). */
  'below_minimum',
  /** More than the account's balance. */
  'more_than_balance',
  /** Must come after the previous item (instalments, thresholds). */
  'not_after_previous',
  /** Repeats a value that must be unique in the list. */
  'duplicate',
  /** Already used by another record. */
  'already_in_use',
  /** Refers to a record that does not exist. */
  'not_found',
  /** Fields the request does not take {keys}. */
  'unknown_fields',
  /** Outside the calling window {start}-{end} in the customer's time zone {zones}. */
  'outside_calling_window',
  /** Must be {value}. */
  'must_be',
  /** Only one of {fields} may be given. */
  'only_one_of',
  /** At least one of {fields} must be given. */
  'one_of_required',
  /** Not allowed with this disposition {disposition}, or in this situation. */
  'not_allowed_here',
  /** Looser than the law allows {rule} (a compliance profile). */
  'below_legal_floor',
  /** Must differ from the current value. */
  'must_differ',
  /** The record is {status} (judged, superseded, cancelled...), no longer pending: it cannot be changed. */
  'no_longer_pending',
  /** A team or collector with no active collector to give work to. */
  'no_active_collector',
  /** Text that cannot be stored (a NUL character, a lone surrogate) or nested too deep. */
  'unstorable_text',
  /** Anything else: the `message` says what. */
  'invalid',
] as const;
export const problemCodeSchema = z.enum(PROBLEM_CODES);
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const problemParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ProblemParams = z.infer<typeof problemParamsSchema>;

/** One field's problem: which field, a code and its params (to translate), and the English message. */
export const fieldProblemSchema = z.object({
  field: z.string(),
  code: problemCodeSchema,
  params: problemParamsSchema.optional(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** A field problem as thrown inside the API: the code is given where it is known, else `invalid`. */
export type FieldProblemInput = Omit<FieldProblem, 'code'> & { code?: ProblemCode | undefined };

/** The params a refinement in the contracts gives to name its code: `{ params: problem('duplicate') }`. */
export function problem(code: ProblemCode, params: ProblemParams = {}): ProblemParams {
  return { ...params, code };
}

const isProblemCode = (v: unknown): v is ProblemCode =>
  typeof v === 'string' && (PROBLEM_CODES as readonly string[]).includes(v);

/** The parts of a zod issue the mapping reads (a ZodError's issues, or fastify's validation params). */
export interface IssueLike {
  code: string;
  path?: readonly PropertyKey[];
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: readonly unknown[];
  format?: string;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

const num = (v: number | bigint | undefined) => (typeof v === 'bigint' ? Number(v) : (v ?? 0));
const isList = (origin: string | undefined) => origin === 'array' || origin === 'set';
const isText = (origin: string | undefined) => origin === 'string';

/** The message the contracts give a missing field (zod-messages.ts); zod keeps no input in its issues. */
export const REQUIRED_MESSAGE = 'is required';

/**
 * The code and params of one zod issue. `missing` says the value at the issue's path was absent
 * (when the caller knows the input); otherwise a type problem with the contracts' "is required" is one.
 */
export function problemOfIssue(issue: IssueLike, missing = false): { code: ProblemCode; params?: ProblemParams } {
  switch (issue.code) {
    case 'invalid_type':
      if (missing || issue.message === REQUIRED_MESSAGE) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_integer' };
      return { code: 'invalid_type', params: { expected: issue.expected ?? 'value' } };
    case 'too_small': {
      const min = num(issue.minimum);
      if (isText(issue.origin)) return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (isList(issue.origin)) return { code: 'too_few', params: { min } };
      if (min === 0 && issue.inclusive === false) return { code: 'must_be_positive' };
      return { code: 'too_small', params: { min, ...(issue.inclusive === false ? { exclusive: 1 } : {}) } };
    }
    case 'too_big': {
      const max = num(issue.maximum);
      if (isText(issue.origin)) return { code: 'too_long', params: { max } };
      if (isList(issue.origin)) return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max, ...(issue.inclusive === false ? { exclusive: 1 } : {}) } };
    }
    case 'invalid_value':
      if (missing || issue.message === REQUIRED_MESSAGE) return { code: 'required' };
      return (issue.values ?? []).length === 1
        ? { code: 'must_be', params: { value: String(issue.values![0]) } }
        : { code: 'not_one_of', params: { options: (issue.values ?? []).map(String).join(', ') } };
    case 'invalid_format':
      if (issue.format === 'date' || issue.format === 'datetime' || issue.format === 'time')
        return { code: 'invalid_date' };
      return { code: 'invalid_format', params: { format: issue.format ?? 'text' } };
    case 'not_multiple_of':
      return { code: 'not_integer' };
    case 'unrecognized_keys':
      return { code: 'unknown_fields', params: { keys: (issue.keys ?? []).join(', ') } };
    case 'custom': {
      const { code, ...rest } = issue.params ?? {};
      if (!isProblemCode(code)) return { code: 'invalid' };
      const params: ProblemParams = {};
      for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      return Object.keys(params).length ? { code, params } : { code };
    }
    default:
      return { code: 'invalid' };
  }
}

/** "plan.0.dueDate" from ['plan', 0, 'dueDate']. */
export function fieldPath(path: readonly PropertyKey[] | undefined): string {
  return (path ?? []).map(String).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Every field problem of a zod error (or its issues), with code, params and the English message:
 * the one mapping the API error handler uses, and the web's forms can use for client-side checks.
 * Give the `input` that was parsed when you have it, so a missing value is told from a wrong one.
 */
export function fieldProblemsOf(
  error: { issues: readonly IssueLike[] } | readonly IssueLike[],
  input?: unknown,
): FieldProblem[] {
  const issues: readonly IssueLike[] = Array.isArray(error)
    ? error
    : (error as { issues: readonly IssueLike[] }).issues;
  return issues.map((issue) => {
    const path = issue.path ?? [];
    const missing = input !== undefined && path.length > 0 && valueAt(input, path) === undefined;
    const { code, params } = problemOfIssue(issue, missing);
    return {
      field: fieldPath(path) || 'request',
      code,
      ...(params ? { params } : {}),
      message: issue.message ?? 'is invalid',
    };
  });
}
