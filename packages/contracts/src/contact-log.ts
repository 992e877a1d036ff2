import { z } from 'zod';
import {
  storedAmountMinorSchema,
  currencySchema,
  isoDateSchema,
  limitSchema,
  stageSchema,
  uuidSchema,
} from './fields.js';
import { personal } from './personal-data.js';
import { CHANNELS, DISPOSITIONS, PARTIES_REACHED, PROMISE_STATUSES, oneOf } from './code-lists.js';

const booleanParam = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/**
 * Filters of the contact log. Dates are calendar dates in the signed-in user's time zone, both
 * included. promiseDueFrom/To and promiseStatus select attempts by the promises they produced
 * (the KPI report's "due in the period" figures link here).
 */
const contactLogFilterFields = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  collectorId: uuidSchema.optional(),
  teamId: uuidSchema.optional(),
  accountId: uuidSchema.optional(),
  scriptVersionId: uuidSchema.optional(),
  channel: z.enum(CHANNELS, { message: oneOf(CHANNELS) }).optional(),
  disposition: z.enum(DISPOSITIONS, { message: oneOf(DISPOSITIONS) }).optional(),
  stage: stageSchema.optional(),
  /** anyone: someone answered (the customer or a third party). */
  reached: z.enum(['anyone', ...PARTIES_REACHED], { message: oneOf(['anyone', ...PARTIES_REACHED]) }).optional(),
  hasPromise: booleanParam.optional(),
  overrideUsed: booleanParam.optional(),
  promiseDueFrom: isoDateSchema.optional(),
  promiseDueTo: isoDateSchema.optional(),
  promiseStatus: z.enum(PROMISE_STATUSES, { message: oneOf(PROMISE_STATUSES) }).optional(),
  reviewed: booleanParam.optional(),
  coaching: booleanParam.optional(),
});
const periodInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
export const contactLogFiltersSchema = contactLogFilterFields.refine(periodInOrder, {
  message: 'must not be before from',
  path: ['to'],
});
export type ContactLogFilters = z.infer<typeof contactLogFiltersSchema>;

export const contactLogQuerySchema = contactLogFilterFields
  .extend({ cursor: z.string().max(300).optional(), limit: limitSchema })
  .refine(periodInOrder, { message: 'must not be before from', path: ['to'] });
export type ContactLogQuery = z.infer<typeof contactLogQuerySchema>;

export const reviewChecksSchema = z.object({
  identifiedSelfAndCreditor: z.boolean(),
  verifiedRightParty: z.boolean(),
  disclosureGiven: z.boolean(),
  noProhibitedLanguage: z.boolean(),
  clearSummary: z.boolean(),
});

export const reviewBodySchema = z.object({
  checks: reviewChecksSchema,
  comment: z.string().trim().max(2000, { message: 'must be at most 2000 characters' }).optional(),
  coaching: z.boolean().default(false),
});
export type ReviewBody = z.infer<typeof reviewBodySchema>;

export const reviewSchema = z.object({
  checks: reviewChecksSchema,
  score: z.number().int().min(0).max(100),
  /** Failed whatever else scored (prohibited language; domain `reviewResult`): the score is 0. */
  failed: z.boolean(),
  comment: z.string().nullable(),
  coaching: z.boolean(),
  reviewerName: z.string(),
  reviewedAt: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;
export const contactLogItemSchema = z.object({
  id: uuidSchema,
  startedAt: z.string(),
  collector: z.object({ id: uuidSchema, displayName: z.string() }).nullable(),
  account: z.object({ id: uuidSchema, externalId: z.string(), currency: currencySchema }),
  customerName: personal(z.string()),
  channel: z.string(),
  direction: z.string(),
  partyReached: z.string(),
  disposition: z.string(),
  stage: stageSchema.nullable(),
  scriptVersion: z.object({ id: uuidSchema, label: z.string() }).nullable(),
  notes: personal(z.string()).nullable(),
  overrideReasonCode: z.string().nullable(),
  review: reviewSchema.nullable(),
  promises: z.array(
    z.object({
      id: uuidSchema,
      amountMinor: storedAmountMinorSchema,
      currency: currencySchema,
      dueDate: isoDateSchema,
      status: z.enum(PROMISE_STATUSES),
      paidMinor: storedAmountMinorSchema,
    }),
  ),
});
export type ContactLogItem = z.infer<typeof contactLogItemSchema>;

export const contactLogResponseSchema = z.object({
  items: z.array(contactLogItemSchema),
  nextCursor: z.string().nullable(),
});
export type ContactLogResponse = z.infer<typeof contactLogResponseSchema>;

export const contactIdParamsSchema = z.object({ contactId: uuidSchema });

export const reviewsReportQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] });

/** Reviews per collector: attempts in the period, how many were reviewed, the average score, failed reviews, coaching marks. */
export const reviewsReportSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  collectors: z.array(
    z.object({
      collector: z.object({ id: uuidSchema, displayName: z.string() }),
      attempts: z.number().int(),
      reviewed: z.number().int(),
      reviewedShare: z.number().nullable(),
      averageScore: z.number().nullable(),
      /** Reviews failed for prohibited language (score 0). */
      failed: z.number().int(),
      coaching: z.number().int(),
    }),
  ),
});
export type ReviewsReport = z.infer<typeof reviewsReportSchema>;
