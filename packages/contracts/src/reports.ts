import { z } from 'zod';
import {
  currencySchema,
  isCalendarDate,
  isoDateSchema,
  MAX_YEAR,
  MIN_YEAR,
  moneyTotalSchema,
  stageSchema,
  uuidSchema,
} from './fields.js';

/** Open accounts per stage, with overdue totals per currency (never summed across currencies). */
export const portfolioSummaryResponseSchema = z.object({
  asOf: z.string(),
  stages: z.array(
    z.object({
      stage: stageSchema,
      accounts: z.number().int(),
      overdue: z.array(moneyTotalSchema),
    }),
  ),
});
export type PortfolioSummaryResponse = z.infer<typeof portfolioSummaryResponseSchema>;

const moneyListSchema = z.array(moneyTotalSchema);
const rateSchema = z.number().min(0).max(1).nullable();

export const kpiGroupBySchema = z.enum(['collector', 'team', 'stage', 'scriptVersion', 'day', 'week']);
export type KpiGroupBy = z.infer<typeof kpiGroupBySchema>;

export const kpiQuerySchema = z
  .object({
    /** Calendar dates in the signed-in user's time zone, both included. */
    from: isoDateSchema,
    to: isoDateSchema,
    groupBy: kpiGroupBySchema.default('collector'),
    collectorId: uuidSchema.optional(),
    teamId: uuidSchema.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

/**
 * One group of the KPI report. Definitions (also in the API docs and the UI's tooltips):
 * - attempts: contact attempts started in the period.
 * - contacts: attempts where someone answered (the customer or a third party).
 * - rightPartyContacts: attempts that reached the customer.
 * - promisesMade / promisesMadeAmount: promises (plan instalments each count) made in the period.
 * - promisesDue: promises (not cancelled) due in the period; kept / partlyKept / broken: their
 *   outcome so far; pendingDue: due in the period but not judged yet (grace days running), never
 *   counted as broken.
 * - keptRateByCount = kept / (kept + partlyKept + broken).
 * - keptRateByAmount (per currency) = money paid towards those promises (at most each promise's
 *   amount) / their promised amount.
 * - collected: payments received in the period, net of reversals, credited to the last contact
 *   attempt on the account before the payment (last touch).
 * Promises and payments are grouped by the attempt that made them (collector, team, stage,
 * script version); by day or week they go by creation, due date and payment date.
 */
export const kpiGroupSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  attempts: z.number().int(),
  contacts: z.number().int(),
  rightPartyContacts: z.number().int(),
  promisesMade: z.number().int(),
  promisesMadeAmount: moneyListSchema,
  promisesDue: z.number().int(),
  kept: z.number().int(),
  partlyKept: z.number().int(),
  broken: z.number().int(),
  pendingDue: z.number().int(),
  keptAmount: moneyListSchema,
  partlyKeptAmount: moneyListSchema,
  brokenAmount: moneyListSchema,
  keptRateByCount: rateSchema,
  keptRateByAmount: z.array(z.object({ currency: currencySchema, rate: rateSchema })),
  collected: moneyListSchema,
});
export type KpiGroup = z.infer<typeof kpiGroupSchema>;

export const kpiResponseSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  timeZone: z.string(),
  groupBy: kpiGroupBySchema,
  groups: z.array(kpiGroupSchema),
  totals: kpiGroupSchema,
});
export type KpiResponse = z.infer<typeof kpiResponseSchema>;

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month like 2026-11', abort: true })
  .refine((m) => isCalendarDate(`${m}-01`), { message: `must be a month between ${MIN_YEAR}-01 and ${MAX_YEAR}-12` });
export const rollRatesQuerySchema = z
  .object({ from: monthSchema, to: monthSchema })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] });

/**
 * Per month and starting stage: the accounts in that stage when the month began (from the stage
 * history), how many rolled to a later stage by the month's end, and how many were cured (back
 * to pre-due, i.e. nothing overdue).
 */
export const rollRatesSchema = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      stages: z.array(
        z.object({
          stage: stageSchema,
          accounts: z.number().int(),
          rolled: z.number().int(),
          rollRate: z.number().nullable(),
          cured: z.number().int(),
          cureRate: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type RollRates = z.infer<typeof rollRatesSchema>;
