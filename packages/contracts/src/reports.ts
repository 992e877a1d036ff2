import { z } from 'zod';
import { amountMinorSchema, currencySchema, stageSchema } from './fields.js';

/** Open accounts per stage, with overdue totals per currency (never summed across currencies). */
export const portfolioSummaryResponseSchema = z.object({
  asOf: z.string(),
  stages: z.array(
    z.object({
      stage: stageSchema,
      accounts: z.number().int(),
      overdue: z.array(z.object({ currency: currencySchema, amountMinor: amountMinorSchema })),
    }),
  ),
});
export type PortfolioSummaryResponse = z.infer<typeof portfolioSummaryResponseSchema>;
