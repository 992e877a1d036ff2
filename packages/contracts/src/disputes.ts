import { z } from 'zod';
import { DISPUTE_METHODS, DISPUTE_STATUSES, LOCALES, OUTBOX_STATUSES, oneOf } from './code-lists.js';
import { amountMinorSchema, isoDateSchema, isoDateTimeSchema, storedAmountMinorSchema, uuidSchema } from './fields.js';
import { personal } from './personal-data.js';

// ---- Validation notices (Reg F 1006.34) and disputes (1006.38) --------------------------------

/** Queue the account's validation notice (one pending per account: asking again returns it). */
export const queueValidationNoticeBodySchema = z.object({
  /**
   * The itemization date (1006.34(b)(3)): the figures are itemized from it. Default: the date
   * of the account's last payment, or the day it was opened when nothing was paid.
   */
  itemizationDate: isoDateSchema.optional(),
});
export type QueueValidationNoticeBody = z.infer<typeof queueValidationNoticeBodySchema>;

export const validationNoticeSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  /** The letter's outbox status: queued until the print-and-mail drop takes it. */
  status: z.enum(OUTBOX_STATUSES),
  /** Why it is held back or blocked (the contact gate's reasons), if it is. */
  lastError: z.string().nullable(),
  locales: z.array(z.enum(LOCALES)),
  itemizationDate: isoDateSchema,
  currency: z.string(),
  amountOnItemizationMinor: storedAmountMinorSchema,
  interestSinceMinor: storedAmountMinorSchema,
  feesSinceMinor: storedAmountMinorSchema,
  paymentsCreditsSinceMinor: storedAmountMinorSchema,
  currentAmountMinor: storedAmountMinorSchema,
  queuedAt: isoDateTimeSchema,
  sentAt: isoDateTimeSchema.nullable(),
  /** The last day of the validation period the letter states (for a queued letter: if it went out today). */
  validationEndsOn: isoDateSchema,
  /** Days left in the validation period (customer's calendar); null until the letter is sent. */
  daysLeft: z.number().int().nullable(),
  fileName: z.string(),
});
export type ValidationNoticeDto = z.infer<typeof validationNoticeSchema>;

export const recordDisputeBodySchema = z.object({
  method: z.enum(DISPUTE_METHODS, { message: oneOf(DISPUTE_METHODS) }),
  /** When the dispute reached us (a letter's arrival, the call). Not in the future. */
  receivedAt: isoDateTimeSchema,
  /** The disputed amount in minor units; absent or null: the whole debt. */
  amountMinor: amountMinorSchema.min(1, { message: 'must be at least 1 minor unit' }).nullable().optional(),
  /** What the customer disputes, in their words. */
  description: personal(
    z
      .string()
      .trim()
      .min(3, { message: 'must say what is disputed (3+ characters)' })
      .max(2000, { message: 'must be at most 2000 characters' }),
  ),
  /** Hold collection even where the law sets no pause (a dispute after the validation period). */
  hold: z.boolean().optional(),
});
export type RecordDisputeBody = z.infer<typeof recordDisputeBodySchema>;

export const verificationSentBodySchema = z.object({
  /** What was sent as verification (statement copies, the signed agreement...). */
  summary: personal(
    z
      .string()
      .trim()
      .min(3, { message: 'must say what was sent (3+ characters)' })
      .max(2000, { message: 'must be at most 2000 characters' }),
  ),
});
export type VerificationSentBody = z.infer<typeof verificationSentBodySchema>;

export const disputeSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  status: z.enum(DISPUTE_STATUSES),
  method: z.enum(DISPUTE_METHODS),
  amountMinor: storedAmountMinorSchema.nullable(),
  currency: z.string(),
  description: personal(z.string()),
  receivedAt: isoDateTimeSchema,
  /** before_notice, within_period or after_period. */
  timing: z.enum(['before_notice', 'within_period', 'after_period']),
  /** Why collection is held: law, policy, requested, or none. */
  holdBasis: z.enum(['law', 'policy', 'requested', 'none']),
  /** Collection of the disputed debt is paused now (an open dispute with a hold). */
  collectionPaused: z.boolean(),
  stopFlagId: uuidSchema.nullable(),
  contactAttemptId: uuidSchema.nullable(),
  /** The product's target date for the answer (30 days after receipt, customer's calendar). */
  responseDueOn: isoDateSchema,
  verificationSentAt: isoDateTimeSchema.nullable(),
  verificationSummary: personal(z.string()).nullable(),
});
export type DisputeDto = z.infer<typeof disputeSchema>;

/** An account's validation notices (newest first) and disputes (newest first). */
export const accountDisputesSchema = z.object({
  /** Whether this account's profile sends validation notices (US; other profiles when they ask for one). */
  noticeApplies: z.boolean(),
  notices: z.array(validationNoticeSchema),
  disputes: z.array(disputeSchema),
});
export type AccountDisputes = z.infer<typeof accountDisputesSchema>;

export const disputeParamsSchema = z.object({ id: uuidSchema, disputeId: uuidSchema });
export const noticeParamsSchema = z.object({ id: uuidSchema, noticeId: uuidSchema });
