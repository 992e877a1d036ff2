import { z } from 'zod';
import { problem } from './problems.js';
import { amountMinorSchema, currencySchema, isoDateTimeSchema, uuidSchema } from './fields.js';

export const postPaymentBodySchema = z.object({
  accountId: uuidSchema,
  amountMinor: amountMinorSchema.refine((n) => n > 0, {
    message: 'must be more than zero',
    params: problem('must_be_positive'),
  }),
  currency: currencySchema,
  paidAt: isoDateTimeSchema,
  channel: z.string().trim().min(1, { message: 'is required' }).max(50),
  reference: z.string().trim().min(1, { message: 'is required' }).max(100),
  /** Where the reference is unique (a bank feed, a file, "manual"). */
  source: z.string().trim().min(1).max(50).default('manual'),
  /** For a bounced / NSF payment: the payment this one reverses (same amount). */
  reversalOfId: uuidSchema.optional(),
});
export type PostPaymentBody = z.infer<typeof postPaymentBodySchema>;

export const paymentSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  amountMinor: z.number().int(),
  currency: currencySchema,
  paidAt: z.string(),
  channel: z.string(),
  reference: z.string(),
  source: z.string(),
  reversalOfId: uuidSchema.nullable(),
});

export const postPaymentResponseSchema = z.object({
  payment: paymentSchema,
  /** Promises whose status changed because of this payment. */
  changedPromises: z.array(z.object({ id: uuidSchema, from: z.string(), to: z.string(), paidMinor: z.number().int() })),
  /** "I already paid" tasks this payment confirmed. */
  resolvedClaims: z.array(uuidSchema),
});
export type PostPaymentResponse = z.infer<typeof postPaymentResponseSchema>;
