import { z } from 'zod';
import { ERROR_CODES } from './constants.js';
import { fieldProblemSchema } from './problems.js';

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The one error shape every API error has. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    requestId: z.string(),
    /**
     * For validation failures: each offending field and what is wrong with it, as a code with params
     * (to translate, ADR 033) and in English.
     */
    fields: z.array(fieldProblemSchema).optional(),
    /** For contact_not_allowed: every reason the contact gate gave. */
    reasons: z
      .array(
        z.object({
          code: z.string(),
          message: z.string(),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
