import { z } from 'zod';
import { fieldProblemSchema } from './problems.js';

export const errorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unsupported_media_type',
  'payload_too_large',
  /** An idempotency key (Idempotency-Key header, payment reference) reused with a different request. */
  'idempotency_conflict',
  'contact_not_allowed',
  /** The account is reserved by another collector right now (ADR 032). */
  'reservation_taken',
  'csrf_failed',
  'rate_limited',
  'service_unavailable',
  'internal_error',
]);
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
