import { z } from 'zod';
import { PAYMENT_CHANNELS, PROMISE_STATUSES, oneOf } from './code-lists.js';
import { amountMinorSchema, isoDateSchema, uuidSchema } from './fields.js';

// ---- Amending and cancelling a promise (issue 14, ADR 027) -----------------------------------

export const promiseParamsSchema = z.object({ id: uuidSchema, promiseId: uuidSchema });

const reasonSchema = z.string().trim().min(3, { message: 'must explain why (3+ characters)' }).max(1000);

/**
 * New terms for a pending promise, and why: a new promise with them supersedes it. At least one
 * term must change (checked by the service after access, so another team's promise is 403/404 first).
 */
export const amendPromiseBodySchema = z.object({
  amountMinor: amountMinorSchema.optional(),
  dueDate: isoDateSchema.optional(),
  channel: z.enum(PAYMENT_CHANNELS, { message: oneOf(PAYMENT_CHANNELS) }).optional(),
  reason: reasonSchema,
});
export type AmendPromiseBody = z.infer<typeof amendPromiseBodySchema>;

export const cancelPromiseBodySchema = z.object({ reason: reasonSchema });
export type CancelPromiseBody = z.infer<typeof cancelPromiseBodySchema>;

export const promiseChangeResultSchema = z.object({
  id: uuidSchema,
  status: z.enum(PROMISE_STATUSES),
  /** The promise with the new terms (amend), which supersedes this one. */
  supersededById: uuidSchema.nullable(),
});
export type PromiseChangeResult = z.infer<typeof promiseChangeResultSchema>;
