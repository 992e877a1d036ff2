import { findTextProblems, problem } from '@crm/contracts';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

// The marker fastify-type-provider-zod puts on its validation issues (a registered symbol), so the
// error handler reports these exactly like schema failures: 400 validation_failed naming each field.
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

/** A JSON Pointer (RFC 6901): "/" and "~" inside a key are escaped, so a key may contain them. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function issue(path: readonly PropertyKey[], keyword: string, message: string, params: Record<string, unknown> = {}) {
  const pointer = jsonPointer(path);
  return { [ZOD_ISSUE]: true, keyword, instancePath: pointer, schemaPath: `#${pointer}/${keyword}`, message, params };
}

/**
 * The validator for every route part (params, querystring, body, headers): first refuses text no
 * field can store (NUL, unpaired surrogates) and absurd nesting, wherever it is, naming its path;
 * then the route's own zod schema. One mechanism, so a new field cannot forget it. A raw string
 * body (a CSV upload) is checked cell by cell by the CSV reader instead, which can name the row
 * and column. Paths are JSON Pointers; the error handler turns them into field names.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data: unknown) => {
    const problems = typeof data === 'string' ? [] : findTextProblems(data);
    if (problems.length > 0)
      return {
        error: problems.map((p) => issue(p.path, 'custom', p.message, { params: problem('unstorable_text') })),
      };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map(({ path, code, message, ...params }) =>
        issue(path, code, message, params as Record<string, unknown>),
      ),
    };
  };
