import { findTextProblems } from '@crm/contracts';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

// The marker fastify-type-provider-zod puts on its validation issues (a registered symbol), so the
// error handler reports these exactly like schema failures: 400 validation_failed naming each field.
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The validator for every route part (params, querystring, body, headers): first refuses text no
 * field can store (NUL, unpaired surrogates) wherever it is, naming its path, then the route's
 * own zod schema. One mechanism, so a new field cannot forget it. A raw string body (a CSV
 * upload) is checked cell by cell by the CSV reader instead, which can name the row and column.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    if (typeof data !== 'string') {
      const problems = findTextProblems(data);
      if (problems.length > 0) {
        return {
          error: problems.map((p) => ({
            [ZOD_ISSUE]: true,
            keyword: 'custom',
            instancePath: `/${p.path.join('/')}`,
            schemaPath: `#/${p.path.join('/')}/custom`,
            message: p.message,
            params: {},
          })),
        };
      }
    }
    return validate(data);
  };
};
